package io.meshforge.zone.kds;

import java.util.Map;

/**
 * {@code DrillTraffic} is the zone's failover drill data that global may ask for over the KDS Envoy
 * admin stream (request kind {@code TRAFFIC}, ADR 0026): the same answer as the zone's own {@code
 * GET /meshes/{mesh}/dataplanes/{name}/traffic}.
 */
@FunctionalInterface
public interface DrillTraffic {

  /** A zone that serves no drill data: global's requests are refused as unsupported. */
  DrillTraffic NONE =
      (mesh, name) -> {
        throw new UnsupportedOperationException("this zone serves no drill traffic data");
      };

  /**
   * Returns the drill data of a Dataplane, as a JSON-serialisable tree.
   *
   * @param mesh its mesh
   * @param name its zone-local name
   * @throws io.meshforge.model.store.ResourceNotFoundException when there is no such Dataplane
   */
  Map<String, Object> of(String mesh, String name);
}
