package io.meshforge.model.store;

import java.time.Duration;
import java.util.Objects;

/**
 * {@code DebounceSettings} say how long a {@link ViewWatcher} waits before telling about a change.
 *
 * @param delay the quiet time: a type is delivered once it has not changed for this long
 * @param maxDelay the bound: a type that keeps changing is still delivered this long after its
 *     first undelivered change
 */
public record DebounceSettings(Duration delay, Duration maxDelay) {

  public DebounceSettings {
    Objects.requireNonNull(delay, "delay");
    Objects.requireNonNull(maxDelay, "maxDelay");
    if (delay.isNegative() || maxDelay.compareTo(delay) < 0) {
      throw new IllegalArgumentException(
          "need 0 <= delay (" + delay + ") <= maxDelay (" + maxDelay + ")");
    }
  }

  /** Returns the defaults: 20 ms of quiet, at most 200 ms after the first change. */
  public static DebounceSettings defaults() {
    return new DebounceSettings(Duration.ofMillis(20), Duration.ofMillis(200));
  }
}
