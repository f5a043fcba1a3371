package io.meshforge.ca;

import java.time.Duration;
import java.util.Objects;

/**
 * {@code LeafSettings} says how long workload certificates live and when they are replaced.
 *
 * @param ttl the lifetime of a leaf certificate (default 24h)
 * @param renewAt the share of the lifetime after which a certificate is replaced, in (0, 1)
 *     (default 0.8: a 24h certificate is replaced after 19.2h)
 */
public record LeafSettings(Duration ttl, double renewAt) {

  /** Checks the values. */
  public LeafSettings {
    Objects.requireNonNull(ttl, "ttl");
    if (ttl.compareTo(Duration.ofSeconds(10)) < 0) {
      throw new IllegalArgumentException("a leaf certificate lives at least 10s, got " + ttl);
    }
    if (!(renewAt > 0 && renewAt < 1)) {
      throw new IllegalArgumentException("renewAt is a share of the lifetime in (0, 1)");
    }
  }

  /**
   * Returns the defaults: 24h, renewed at 80%.
   *
   * @return the defaults
   */
  public static LeafSettings defaults() {
    return new LeafSettings(Duration.ofHours(24), 0.8);
  }

  /** The time from issuing to renewing. */
  Duration renewAfter() {
    return Duration.ofMillis((long) (ttl.toMillis() * renewAt));
  }
}
