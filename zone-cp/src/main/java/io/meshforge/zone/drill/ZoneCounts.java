package io.meshforge.zone.drill;

/**
 * Requests one proxy sent to one zone's endpoints of one cluster: Envoy's per-host {@code
 * rq_success} and {@code rq_error} counters summed over the zone's hosts.
 *
 * @param served requests answered (not 5xx, not failed)
 * @param errors requests that failed (5xx, reset, refused, timed out)
 */
public record ZoneCounts(long served, long errors) {

  /** No requests. */
  public static final ZoneCounts NONE = new ZoneCounts(0, 0);

  /** Returns the sum of both. */
  public ZoneCounts plus(ZoneCounts other) {
    return new ZoneCounts(served + other.served, errors + other.errors);
  }

  /**
   * Returns what happened since {@code earlier}; a counter that went down (Envoy restarted, a host
   * left and came back) counts from zero.
   */
  public ZoneCounts since(ZoneCounts earlier) {
    return new ZoneCounts(
        served >= earlier.served ? served - earlier.served : served,
        errors >= earlier.errors ? errors - earlier.errors : errors);
  }
}
