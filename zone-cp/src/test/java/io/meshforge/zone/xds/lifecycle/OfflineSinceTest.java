package io.meshforge.zone.xds.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class OfflineSinceTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Instant DUTY = Instant.parse("2026-01-01T10:00:00Z");

  static Stream<Arguments> insights() {
    return Stream.of(
        Arguments.of("no subscriptions", "{}", null),
        Arguments.of("empty subscriptions", "{\"subscriptions\":[]}", null),
        Arguments.of(
            "closed after the duty started",
            subs(sub("a", "2026-01-01T11:00:00Z", "2026-01-01T12:00:00Z", "cp-other")),
            "2026-01-01T12:00:00Z"),
        Arguments.of(
            "closed before the duty started (restart)",
            subs(sub("a", "2026-01-01T01:00:00Z", "2026-01-01T02:00:00Z", "cp-old")),
            "2026-01-01T10:00:00Z"),
        Arguments.of(
            "open on another instance",
            subs(sub("a", "2026-01-01T11:00:00Z", null, "cp-other")),
            null),
        Arguments.of(
            "open on this instance without a stream here",
            subs(sub("a", "2026-01-01T11:00:00Z", null, "cp-here")),
            "2026-01-01T10:00:00Z"),
        Arguments.of(
            "older closed, latest open elsewhere (reconnected)",
            subs(
                sub("a", "2026-01-01T11:00:00Z", "2026-01-01T11:30:00Z", "cp-here"),
                sub("b", "2026-01-01T11:29:00Z", null, "cp-other")),
            null),
        Arguments.of(
            "latest by connect time wins over list order",
            subs(
                sub("b", "2026-01-01T13:00:00Z", "2026-01-01T14:00:00Z", "cp-other"),
                sub("a", "2026-01-01T11:00:00Z", null, "cp-other")),
            "2026-01-01T14:00:00Z"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("insights")
  void of_insight_givesOfflineSince(String name, String insight, String expected) {
    Optional<Instant> since = OfflineSince.of(JSON.readTree(insight), false, "cp-here", DUTY);

    assertThat(since).isEqualTo(Optional.ofNullable(expected).map(Instant::parse));
  }

  @Test
  void of_connectedHere_isOnlineWhateverTheInsightSays() {
    JsonNode closed =
        JSON.readTree(subs(sub("a", "2026-01-01T11:00:00Z", "2026-01-01T12:00:00Z", "x")));

    assertThat(OfflineSince.of(closed, true, "cp-here", DUTY)).isEmpty();
  }

  @Test
  void of_noInsight_neverConnectedIsNeverOffline() {
    assertThat(OfflineSince.of(null, false, "cp-here", DUTY)).isEmpty();
  }

  private static String subs(String... subscriptions) {
    return "{\"subscriptions\":[" + String.join(",", subscriptions) + "]}";
  }

  private static String sub(String id, String connect, String disconnect, String instance) {
    return "{\"id\":\"%s\",\"connectTime\":\"%s\",%s\"controlPlaneInstanceId\":\"%s\"}"
        .formatted(
            id,
            connect,
            disconnect == null ? "" : "\"disconnectTime\":\"" + disconnect + "\",",
            instance);
  }
}
