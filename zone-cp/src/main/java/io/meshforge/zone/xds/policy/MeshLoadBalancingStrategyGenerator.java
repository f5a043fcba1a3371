package io.meshforge.zone.xds.policy;

import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.endpoint.v3.ClusterLoadAssignment;
import io.meshforge.model.ResourceTypes;
import io.meshforge.model.spec.MeshLoadBalancingStrategySpec.AffinityTag;
import io.meshforge.model.spec.MeshLoadBalancingStrategySpec.Conf;
import io.meshforge.model.spec.MeshLoadBalancingStrategySpec.LoadBalancer;
import io.meshforge.model.spec.MeshLoadBalancingStrategySpec.LocalityAwareness;
import io.meshforge.zone.xds.context.InboundPort;
import io.meshforge.zone.xds.context.OutboundPort;
import io.meshforge.zone.xds.context.ProxyContext;
import io.meshforge.zone.xds.context.ZoneStates;
import io.meshforge.zone.xds.generator.EnvoyResources;
import io.meshforge.zone.xds.generator.ResourceGenerator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Applies MeshLoadBalancingStrategy {@code to[]} per destination: {@code localityAwareness} moves
 * the localities of the destination's ClusterLoadAssignment onto priority levels ({@link
 * FailoverPriorities}: ordered {@code crossZone.failover} rules, {@code failoverThreshold}, {@code
 * disabled}) and {@code loadBalancer.type} sets the cluster's {@code lb_policy}.
 *
 * <p>Without a policy it still acts when this zone is evacuated ({@code Zone.enabled: false} on
 * global): local endpoints become the last resort behind every other zone, so the zone's own
 * clients leave it as well (ADR 0023). Other zones' disabled ingresses are already left out of the
 * mesh context. {@code localZone.affinityTags} splits the local priority into weighted sub-zones
 * first ({@link LocalAffinity}, ADR 0026; the cluster then balances by locality weight), unless
 * {@code disabled} is true.
 */
public final class MeshLoadBalancingStrategyGenerator implements ResourceGenerator {

  @Override
  public void generate(ProxyContext proxy, EnvoyResources out) {
    ZoneStates zones = proxy.mesh().zones();
    Set<String> done = new HashSet<>();
    for (OutboundPort outbound : proxy.outbounds()) {
      String name = outbound.destination().clusterName();
      if (!done.add(name)) {
        continue;
      }
      Optional<Conf> conf =
          PolicyConfs.outbound(
              proxy,
              ResourceTypes.MESH_LOAD_BALANCING_STRATEGY,
              outbound.destination(),
              null,
              Conf.class);
      if (conf.isEmpty() && !zones.localDisabled()) {
        continue;
      }
      LocalityAwareness awareness = conf.map(Conf::localityAwareness).orElse(null);
      List<AffinityTag> affinity = affinityTags(awareness);
      out.assignment(name)
          .ifPresent(assignment -> {
            ClusterLoadAssignment split =
                affinity.isEmpty()
                    ? assignment
                    : LocalAffinity.apply(
                        assignment,
                        outbound.destination().endpoints(),
                        clientTags(proxy),
                        affinity);
            if (split != assignment) {
              out.cluster(name).ifPresent(cluster -> out.replace(localityWeighted(cluster)));
            }
            out.replace(FailoverPriorities.apply(split, zones, awareness));
          });
      conf.map(Conf::loadBalancer)
          .ifPresent(
              lb -> out.cluster(name).ifPresent(cluster -> out.replace(withLbPolicy(cluster, lb))));
    }
  }

  /** The policy's affinity tags; none when locality awareness is off ({@code disabled}). */
  private static List<AffinityTag> affinityTags(LocalityAwareness awareness) {
    if (awareness == null
        || Boolean.TRUE.equals(awareness.disabled())
        || awareness.localZone() == null
        || awareness.localZone().affinityTags() == null) {
      return List.of();
    }
    return awareness.localZone().affinityTags();
  }

  /** The client's own tags: its inbounds' tags, the first inbound carrying a key winning. */
  static Map<String, String> clientTags(ProxyContext proxy) {
    Map<String, String> tags = new HashMap<>();
    for (InboundPort inbound : proxy.inbounds()) {
      inbound.tags().forEach(tags::putIfAbsent);
    }
    return tags;
  }

  /** The cluster balancing by locality weight within a priority (Envoy ignores them otherwise). */
  private static Cluster localityWeighted(Cluster cluster) {
    Cluster.Builder builder = cluster.toBuilder();
    builder
        .getCommonLbConfigBuilder()
        .setLocalityWeightedLbConfig(
            Cluster.CommonLbConfig.LocalityWeightedLbConfig.getDefaultInstance());
    return builder.build();
  }

  /** The cluster with the algorithm's {@code lb_policy}. */
  static Cluster withLbPolicy(Cluster cluster, LoadBalancer lb) {
    Cluster.LbPolicy policy =
        switch (lb.type()) {
          case RoundRobin -> Cluster.LbPolicy.ROUND_ROBIN;
          case LeastRequest -> Cluster.LbPolicy.LEAST_REQUEST;
          case Random -> Cluster.LbPolicy.RANDOM;
          case RingHash -> Cluster.LbPolicy.RING_HASH;
          case Maglev -> Cluster.LbPolicy.MAGLEV;
        };
    return cluster.toBuilder().setLbPolicy(policy).build();
  }
}
