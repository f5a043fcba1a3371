package io.meshforge.kds.transport;

import java.time.Duration;
import java.util.Objects;
import java.util.function.DoubleSupplier;

/**
 * {@code ReconnectBackoff} gives the delays between a zone's reconnect attempts: exponential from
 * {@code base} (doubling, capped at {@code max}), each delay spread at random by {@code ± jitter}
 * of itself, so zones that lost global at the same instant do not all come back at the same instant
 * (the same shape as Resilience4j's exponential random backoff, without the dependency).
 *
 * <p>Not thread-safe: {@link ZoneKdsClient} calls it under its own lock.
 */
public final class ReconnectBackoff {

  /**
   * The default cap of the exponential value. Short enough that a zone that lost global retries
   * every 2.5–7.5 s (with the default jitter) and finds a restarted global back within seconds of
   * it being ready (B6: with a 10 s cap the last of 100 zones dialled 13.7 s after global was
   * ready, most of a 30 s resync budget); long enough that 100 zones retrying against a global that
   * is down cost it little (about 20 refused or TLS-handshaking connections a second).
   */
  public static final Duration DEFAULT_MAX = Duration.ofSeconds(5);

  /** The default spread: each delay lies within ±50 % of its exponential value. */
  public static final double DEFAULT_JITTER = 0.5;

  private final Duration base;
  private final Duration max;
  private final double jitter;
  private final DoubleSupplier random;
  private Duration next;

  /**
   * @param base the first delay before jitter (positive)
   * @param max the cap of the exponential value (at least {@code base})
   * @param jitter the spread, from 0 (none) to 1 exclusive
   * @param random uniform values in [0, 1)
   */
  public ReconnectBackoff(Duration base, Duration max, double jitter, DoubleSupplier random) {
    if (base.isNegative() || base.isZero() || max.compareTo(base) < 0) {
      throw new IllegalArgumentException("backoff needs 0 < base <= max: " + base + ", " + max);
    }
    if (!(jitter >= 0 && jitter < 1)) {
      throw new IllegalArgumentException("jitter must be in [0, 1): " + jitter);
    }
    this.base = base;
    this.max = max;
    this.jitter = jitter;
    this.random = Objects.requireNonNull(random, "random");
    this.next = base;
  }

  /** Returns a backoff from {@code base} to {@link #DEFAULT_MAX} with {@code jitter}. */
  public static ReconnectBackoff exponential(Duration base, double jitter) {
    return exponential(base, DEFAULT_MAX, jitter);
  }

  /**
   * Returns a backoff from {@code base} doubling up to {@code max} with {@code jitter}; a {@code
   * max} below {@code base} is raised to {@code base} (every delay is then {@code base}).
   */
  public static ReconnectBackoff exponential(Duration base, Duration max, double jitter) {
    Duration cap = base.compareTo(max) > 0 ? base : max;
    return new ReconnectBackoff(base, cap, jitter, Math::random);
  }

  /** Returns the delay before the next attempt and doubles the one after (up to the cap). */
  public Duration nextDelay() {
    Duration exponential = next;
    Duration doubled = next.multipliedBy(2);
    next = doubled.compareTo(max) > 0 ? max : doubled;
    double factor = 1 + jitter * (2 * random.getAsDouble() - 1);
    return Duration.ofNanos(Math.round(exponential.toNanos() * factor));
  }

  /** Starts again from {@code base} (after a healthy connection). */
  public void reset() {
    next = base;
  }
}
