package io.meshforge.model.spec;

import java.util.List;
import java.util.Map;

/**
 * {@code MeshMultiZoneServiceSpec} is the schema of a {@code MeshMultiZoneService} (under {@code
 * spec}): one service made of MeshServices in several zones.
 *
 * @param selector which MeshServices it groups
 * @param ports the service's ports
 */
public record MeshMultiZoneServiceSpec(@Required Selector selector, List<Port> ports) {

  /**
   * Which MeshServices are grouped.
   *
   * @param meshService a label selector on MeshServices
   */
  public record Selector(@Required LabelSelector meshService) {}

  /**
   * A label selector.
   *
   * @param matchLabels labels a MeshService must have
   */
  public record LabelSelector(Map<String, String> matchLabels) {}

  /**
   * A port.
   *
   * @param name the port's name
   * @param port the port clients connect to
   * @param appProtocol the application protocol
   */
  public record Port(
      String name, @Required @Range(min = 1, max = 65535) Integer port, AppProtocol appProtocol) {}
}
