package io.meshforge.zone.xds.context;

import io.meshforge.model.Resource;
import io.meshforge.model.policy.Peer;
import io.meshforge.model.policy.TargetRefKind;
import io.meshforge.model.spec.MeshServiceSpec;
import io.meshforge.zone.xds.envoy.EnvoyNames;
import java.util.HashMap;
import java.util.Map;

/**
 * Describes destinations as policy peers, the way {@code to[].targetRef} entries see them: a legacy
 * {@code kuma.io/service} is a {@code MeshService} of that name (Kuma matches both the same way),
 * and each port of a MeshService is that MeshService with the port's name or number as section.
 */
final class PolicyPeers {

  private PolicyPeers() {}

  /** The peer of a legacy destination. */
  static Peer ofService(String service) {
    return Peer.of(TargetRefKind.MESH_SERVICE, service);
  }

  /** The peers of a MeshService's ports, keyed by the cluster that carries each port. */
  static Map<String, Peer> ofMeshService(String mesh, Resource meshService, MeshServiceSpec spec) {
    Map<String, Peer> peers = new HashMap<>();
    if (spec.ports() == null) {
      return peers;
    }
    for (MeshServiceSpec.Port port : spec.ports()) {
      String portName = port.name() == null ? "" : port.name();
      peers.put(
          EnvoyNames.meshServiceCluster(mesh, meshService.name(), port.port()),
          Peer.port(TargetRefKind.MESH_SERVICE, meshService.name(), port.port(), portName)
              .withLabels(meshService.labels()));
    }
    return peers;
  }
}
