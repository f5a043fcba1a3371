package io.meshforge.model.store;

import java.time.Duration;
import java.util.Objects;

/**
 * {@code LeaseSettings} are the timing knobs of a lease-based {@link LeaderElection}.
 *
 * @param leaseDuration how long a lease stays valid after the last successful renewal; another
 *     instance can take over this long after the leader died
 * @param renewInterval how often the leader renews (heartbeat); must be well below the lease
 *     duration so that one slow renewal does not lose the lease
 * @param retryInterval how often a non-leader tries to acquire the lease, and how long it waits
 *     after a failure
 * @param clockMargin how much earlier than the lease's expiry the leader steps down by its own
 *     monotonic clock, to absorb clock-rate differences between this host and the database
 */
public record LeaseSettings(
    Duration leaseDuration, Duration renewInterval, Duration retryInterval, Duration clockMargin) {

  public LeaseSettings {
    Objects.requireNonNull(leaseDuration, "leaseDuration");
    Objects.requireNonNull(renewInterval, "renewInterval");
    Objects.requireNonNull(retryInterval, "retryInterval");
    Objects.requireNonNull(clockMargin, "clockMargin");
    if (!positive(renewInterval) || !positive(retryInterval) || clockMargin.isNegative()) {
      throw new IllegalArgumentException(
          "renewInterval and retryInterval must be positive, clockMargin not negative");
    }
    if (renewInterval.multipliedBy(2).plus(clockMargin).compareTo(leaseDuration) > 0) {
      throw new IllegalArgumentException(
          "leaseDuration ("
              + leaseDuration
              + ") must be at least twice renewInterval ("
              + renewInterval
              + ") plus clockMargin ("
              + clockMargin
              + ")");
    }
  }

  /**
   * Returns the defaults: a 15 s lease renewed every 3 s, acquisition retried every 2 s, stepping
   * down 1 s before expiry.
   */
  public static LeaseSettings defaults() {
    return new LeaseSettings(
        Duration.ofSeconds(15),
        Duration.ofSeconds(3),
        Duration.ofSeconds(2),
        Duration.ofSeconds(1));
  }

  /**
   * Returns settings with a lease of {@code leaseDuration}, renewed every fifth of it, retried at
   * that interval too, with a margin of a tenth of it.
   */
  public static LeaseSettings ofLease(Duration leaseDuration) {
    Duration fifth = leaseDuration.dividedBy(5);
    return new LeaseSettings(leaseDuration, fifth, fifth, leaseDuration.dividedBy(10));
  }

  private static boolean positive(Duration d) {
    return !d.isNegative() && !d.isZero();
  }
}
