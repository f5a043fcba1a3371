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

  static Stream<Arguments> caps() {
    return Stream.of(
        // base, max, the first six delays in seconds (no jitter)
        Arguments.of(
            Duration.ofSeconds(1), Duration.ofSeconds(10), List.of(1L, 2L, 4L, 8L, 10L, 10L)),
        Arguments.of(
            Duration.ofSeconds(1), Duration.ofSeconds(60), List.of(1L, 2L, 4L, 8L, 16L, 32L)),
        Arguments.of(Duration.ofSeconds(3), Duration.ofSeconds(5), List.of(3L, 5L, 5L, 5L, 5L, 5L)),
        // a cap below the first delay is raised to it
        Arguments.of(
            Duration.ofSeconds(4), Duration.ofSeconds(1), List.of(4L, 4L, 4L, 4L, 4L, 4L)));
  }

  @ParameterizedTest
  @MethodSource("caps")
  void exponential_withMax_doublesUpToTheCap(Duration base, Duration max, List<Long> seconds) {
    ReconnectBackoff backoff = ReconnectBackoff.exponential(base, max, 0);

    List<Long> delays = new ArrayList<>();
    for (int i = 0; i < seconds.size(); i++) {
      delays.add(backoff.nextDelay().toSeconds());
    }

    assertThat(delays).isEqualTo(seconds);
  }

  @Test
  void exponential_withoutMax_isCappedAtDefaultMaxOfFiveSeconds() {
    ReconnectBackoff backoff = ReconnectBackoff.exponential(Duration.ofSeconds(1), 0);

    Duration last = Duration.ZERO;
    for (int i = 0; i < 10; i++) {
      last = backoff.nextDelay();
    }

    assertThat(ReconnectBackoff.DEFAULT_MAX).isEqualTo(Duration.ofSeconds(5));
    assertThat(last).isEqualTo(ReconnectBackoff.DEFAULT_MAX);
  }

  @Test
  void nextDelay_atTheCapWithJitter_staysWithinHalfToOneAndAHalfOfIt() {
    Random random = new Random(7);
    ReconnectBackoff backoff =
        new ReconnectBackoff(
            Duration.ofSeconds(1), Duration.ofSeconds(10), 0.5, random::nextDouble);
    for (int i = 0; i < 4; i++) {
      backoff.nextDelay(); // 1, 2, 4, 8 s before jitter
    }

    List<Duration> capped = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      capped.add(backoff.nextDelay());
    }

    assertThat(capped).allSatisfy(d -> assertThat(d.toMillis()).isBetween(5_000L, 15_000L));
    assertThat(capped.stream().distinct().count()).isGreaterThan(40);
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
