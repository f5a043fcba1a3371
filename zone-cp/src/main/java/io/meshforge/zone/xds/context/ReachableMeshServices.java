package io.meshforge.zone.xds.context;

import io.meshforge.model.policy.Peer;
import io.meshforge.model.spec.DataplaneSpec;
import io.meshforge.model.spec.TargetRefKind;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Whether the MeshServices a sidecar of a mesh can reach have the same shape and policy peers in
 * two mesh contexts (part of {@link MeshContext#sameExceptEndpoints}).
 *
 * <p>A sidecar reaches a MeshService only through an outbound of its Dataplane naming it ({@link
 * MeshContext#meshService}; its peer is looked up by the destination's cluster, {@link
 * MeshContext#peer}), so a MeshService no Dataplane names cannot change a sidecar's resources: when
 * a zone's generated MeshService reaches the other zones (its first instance of a service appears)
 * the sidecars there need new endpoints at most, not a whole regeneration (B5 round 4). Zone
 * ingresses and egresses, which serve every MeshService, are regenerated whole on every change
 * anyway. Multi-zone services built from MeshServices are compared on their own.
 */
final class ReachableMeshServices {

  private ReachableMeshServices() {}

  /** Whether the MeshServices named in either context look the same in both. */
  static boolean same(MeshContext previous, MeshContext next) {
    Set<String> named = new HashSet<>(named(next));
    named.addAll(named(previous));
    return shapes(next, named).equals(shapes(previous, named))
        && peers(next, named).equals(peers(previous, named));
  }

  /** The MeshServices the mesh's Dataplanes name in an outbound ({@code backendRef}). */
  private static Set<String> named(MeshContext context) {
    Set<String> named = new HashSet<>();
    for (DataplaneSpec spec : context.dataplaneSpecs().values()) {
      if (spec.networking() == null || spec.networking().outbound() == null) {
        continue;
      }
      for (DataplaneSpec.Outbound out : spec.networking().outbound()) {
        DataplaneSpec.OutboundBackendRef ref = out.backendRef();
        if (ref != null && ref.kind() == TargetRefKind.MeshService && ref.name() != null) {
          named.add(ref.name());
        }
      }
    }
    return named;
  }

  private static Map<String, Map<Integer, DestinationShape>> shapes(
      MeshContext context, Set<String> named) {
    Map<String, Map<Integer, Destination>> reachable = new HashMap<>(context.meshServices());
    reachable.keySet().retainAll(named);
    return DestinationShape.ofPorts(reachable);
  }

  /**
   * The peers of the named MeshServices' clusters, and any peer whose cluster is a {@code
   * kuma.io/service} destination's (a name clash a sidecar would see).
   */
  private static Map<String, Peer> peers(MeshContext context, Set<String> named) {
    Set<String> serviceClusters = new HashSet<>();
    context.services().values().forEach(d -> serviceClusters.add(d.clusterName()));
    Map<String, Peer> reachable = new HashMap<>();
    context
        .peersByCluster()
        .forEach((cluster, peer) -> {
          if (named.contains(peer.name()) || serviceClusters.contains(cluster)) {
            reachable.put(cluster, peer);
          }
        });
    return reachable;
  }
}
