package io.meshforge.kds.transport;

/**
 * {@code ZoneNotConnectedException} fails an Envoy admin request to a zone that has no admin
 * channel open on this global instance, or whose channel closed before the answer came.
 */
public final class ZoneNotConnectedException extends IllegalStateException {

  private final String zone;

  /**
   * Creates the exception.
   *
   * @param zone the zone that cannot be asked
   */
  public ZoneNotConnectedException(String zone) {
    super("zone " + zone + " is not connected to this global instance (no Envoy admin channel)");
    this.zone = zone;
  }

  /** Returns the zone that cannot be asked. */
  public String zone() {
    return zone;
  }
}
