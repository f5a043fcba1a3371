package io.meshforge.zone.inspect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshforge.rest.inspect.EnvoyAdminKind;
import io.meshforge.rest.inspect.ProxyAdminException;
import io.meshforge.rest.inspect.ProxyAdminException.Reason;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EnvoyAdminClientTest {
  private final FakeEnvoyAdmin envoy;
  private final EnvoyAdminClient client = new EnvoyAdminClient(Duration.ofMillis(500), 1024);

  EnvoyAdminClientTest() throws Exception {
    envoy =
        new FakeEnvoyAdmin()
            .answer("/config_dump", "{\"configs\":[]}")
            .answer("/stats", "server.live: 1\n")
            .answer("/clusters", "backend::default_priority::max_connections::1024\n");
  }

  @AfterEach
  void stop() {
    envoy.close();
  }

  @ParameterizedTest
  @CsvSource({
    "CONFIG_DUMP, false, /config_dump, '{\"configs\":[]}'",
    "CONFIG_DUMP, true, /config_dump?include_eds, '{\"configs\":[]}'",
    "STATS, true, /stats, 'server.live: 1\n'",
    "CLUSTERS, false, /clusters, 'backend::default_priority::max_connections::1024\n'"
  })
  void fetch_eachKind_readsItsFixedAdminPath(
      EnvoyAdminKind kind, boolean includeEds, String requested, String body) {
    byte[] answer = client.fetch("dp web-1", envoy.port(), kind, includeEds);

    assertThat(new String(answer, StandardCharsets.UTF_8)).isEqualTo(body);
    assertThat(envoy.requested()).containsExactly(requested);
  }

  @Test
  void fetch_nothingListening_adminUnreachable() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }

    assertThatThrownBy(() -> client.fetch("dp web-1", port, EnvoyAdminKind.STATS, false))
        .isInstanceOfSatisfying(
            ProxyAdminException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.ADMIN_UNREACHABLE))
        .hasMessageContaining("dp web-1")
        .hasMessageContaining("127.0.0.1:" + port);
  }

  @Test
  void fetch_adminAnswersError_adminUnreachableWithStatus() throws Exception {
    try (FakeEnvoyAdmin empty = new FakeEnvoyAdmin()) {
      assertThatThrownBy(() -> client.fetch("dp web-1", empty.port(), EnvoyAdminKind.STATS, false))
          .isInstanceOfSatisfying(
              ProxyAdminException.class,
              e -> assertThat(e.reason()).isEqualTo(Reason.ADMIN_UNREACHABLE))
          .hasMessageContaining("HTTP 404");
    }
  }

  @Test
  void fetch_adminHangs_timeoutWithinDeadline() {
    envoy.hang();
    long started = System.nanoTime();

    assertThatThrownBy(() -> client.fetch("dp web-1", envoy.port(), EnvoyAdminKind.STATS, false))
        .isInstanceOfSatisfying(
            ProxyAdminException.class, e -> assertThat(e.reason()).isEqualTo(Reason.ADMIN_TIMEOUT))
        .hasMessageContaining("did not answer within");
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
  }

  @Test
  void fetch_answerOverLimit_tooLarge() {
    envoy.answerBytes("/stats", 4096);

    assertThatThrownBy(() -> client.fetch("dp web-1", envoy.port(), EnvoyAdminKind.STATS, false))
        .isInstanceOfSatisfying(
            ProxyAdminException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TOO_LARGE))
        .hasMessageContaining("1024 bytes");
  }

  @Test
  void fetch_answerExactlyAtLimit_passedOn() {
    envoy.answerBytes("/stats", 1024);

    assertThat(client.fetch("dp web-1", envoy.port(), EnvoyAdminKind.STATS, false)).hasSize(1024);
  }

  @ParameterizedTest
  @CsvSource({"0", "-1", "65536"})
  void fetch_invalidPort_adminUnreachableWithoutConnecting(int port) {
    assertThatThrownBy(() -> client.fetch("dp web-1", port, EnvoyAdminKind.STATS, false))
        .isInstanceOfSatisfying(
            ProxyAdminException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.ADMIN_UNREACHABLE));
  }
}
