package io.meshforge.kds.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Status;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ReconnectBackoffTest {

  @Test
  void nextDelay_withJitter_growsAndVaries() {
    Random random = new Random(42);
    ReconnectBackoff backoff =
        new ReconnectBackoff(
            Duration.ofMillis(100), Duration.ofSeconds(60), 0.5, random::nextDouble);

    List<Duration> delays = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      delays.add(backoff.nextDelay());
    }

    for (int i = 0; i < delays.size(); i++) {
      long exponential = 100L << i;
      assertThat(delays.get(i).toMillis()).isBetween(exponential / 2, exponential * 3 / 2);
    }
    // Growth: each delay's range lies above the one before the previous (factor 4 apart).
    for (int i = 2; i < delays.size(); i++) {
      assertThat(delays.get(i)).isGreaterThan(delays.get(i - 2));
    }
    // Variation: the delays are not the bare exponential values.
    assertThat(delays.stream().filter(d -> Long.bitCount(d.toMillis() / 100) != 1).count())
        .isGreaterThan(4);
  }

  @Test
  void nextDelay_twoZonesWithOwnRandomness_doNotReconnectInLockStep() {
    ReconnectBackoff a =
        new ReconnectBackoff(
            Duration.ofSeconds(1), Duration.ofSeconds(60), 0.5, new Random(1)::nextDouble);
    ReconnectBackoff b =
        new ReconnectBackoff(
            Duration.ofSeconds(1), Duration.ofSeconds(60), 0.5, new Random(2)::nextDouble);

    List<Duration> first = List.of(a.nextDelay(), a.nextDelay(), a.nextDelay());
    List<Duration> second = List.of(b.nextDelay(), b.nextDelay(), b.nextDelay());

    assertThat(first).doesNotContainAnyElementsOf(second);
  }

  @Test
  void nextDelay_isCappedAtMaxAndResetStartsOver() {
    ReconnectBackoff backoff =
        new ReconnectBackoff(Duration.ofSeconds(1), Duration.ofSeconds(4), 0, () -> 0.9);

    List<Duration> delays = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      delays.add(backoff.nextDelay());
    }
    backoff.reset();

    assertThat(delays)
        .containsExactly(
            Duration.ofSeconds(1),
            Duration.ofSeconds(2),
            Duration.ofSeconds(4),
            Duration.ofSeconds(4),
            Duration.ofSeconds(4));
    assertThat(backoff.nextDelay()).isEqualTo(Duration.ofSeconds(1));
  }

  static Stream<Arguments> invalid() {
    return Stream.of(
        Arguments.of(Duration.ZERO, Duration.ofSeconds(1), 0.5),
        Arguments.of(Duration.ofSeconds(2), Duration.ofSeconds(1), 0.5),
        Arguments.of(Duration.ofSeconds(1), Duration.ofSeconds(2), 1.0),
        Arguments.of(Duration.ofSeconds(1), Duration.ofSeconds(2), -0.1));
  }

  @ParameterizedTest
  @MethodSource("invalid")
  void constructor_invalidSettings_isRefused(Duration base, Duration max, double jitter) {
    assertThatThrownBy(() -> new ReconnectBackoff(base, max, jitter, Math::random))
        .isInstanceOf(IllegalArgumentException.class);
  }

  static Stream<Arguments> causes() {
    return Stream.of(
        Arguments.of(
            Status.UNAVAILABLE.withDescription("io exception").asRuntimeException(),
            "UNAVAILABLE: io exception"),
        Arguments.of(
            Status.UNAVAILABLE.withCause(new java.net.ConnectException("refused")).asException(),
            "UNAVAILABLE: refused"),
        Arguments.of(new IllegalStateException("confirmed"), "IllegalStateException: confirmed"));
  }

  @ParameterizedTest
  @MethodSource("causes")
  void describe_cause_isOneShortLine(Throwable cause, String line) {
    assertThat(ZoneKdsClient.describe(cause)).isEqualTo(line);
  }
}
