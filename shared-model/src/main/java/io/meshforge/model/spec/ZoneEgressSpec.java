package io.meshforge.model.spec;

/**
 * {@code ZoneEgressSpec} is the schema of a {@code ZoneEgress} (inline fields).
 *
 * @param zone the zone it belongs to
 * @param networking where it listens
 */
public record ZoneEgressSpec(String zone, Networking networking) {

  /**
   * Zone egress networking.
   *
   * @param address the address the proxy listens on
   * @param port the port the proxy listens on
   * @param admin the Envoy admin port
   */
  public record Networking(
      String address, @Range(min = 1, max = 65535) Integer port, DataplaneSpec.Admin admin) {}
}
