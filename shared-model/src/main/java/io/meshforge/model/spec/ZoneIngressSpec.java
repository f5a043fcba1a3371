package io.meshforge.model.spec;

import java.util.List;
import java.util.Map;

/**
 * {@code ZoneIngressSpec} is the schema of a {@code ZoneIngress} (inline fields).
 *
 * @param zone the zone it belongs to; empty locally, set by global when syncing
 * @param networking where it listens and what other zones dial
 * @param availableServices services reachable through it, computed by the zone control plane
 */
public record ZoneIngressSpec(
    String zone, Networking networking, List<AvailableService> availableServices) {

  /**
   * Zone ingress networking.
   *
   * @param address the address the proxy listens on
   * @param advertisedAddress the public address other zones dial
   * @param port the port the proxy listens on
   * @param advertisedPort the public port other zones dial
   * @param admin the Envoy admin port
   */
  public record Networking(
      String address,
      String advertisedAddress,
      @Range(min = 1, max = 65535) Integer port,
      @Range(min = 1, max = 65535) Integer advertisedPort,
      DataplaneSpec.Admin admin) {}

  /**
   * A service reachable through the ingress.
   *
   * @param tags the service's tags
   * @param instances how many instances
   * @param mesh the service's mesh
   * @param externalService whether it is an external service
   */
  public record AvailableService(
      Map<String, String> tags, Integer instances, String mesh, Boolean externalService) {}
}
