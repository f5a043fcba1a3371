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
    forEachDestination(
        proxy,
        (outbound, conf) -> {
          String name = outbound.destination().clusterName();
          refineAssignment(proxy, outbound, conf, out);
          if (!affinityTags(conf.map(Conf::localityAwareness).orElse(null)).isEmpty()) {
            // Follows from the policy alone (LocalAffinity always weighs its localities), never
            // from
            // the endpoints: an endpoint change leaves the cluster as it is.
            out.cluster(name).ifPresent(cluster -> out.replace(localityWeighted(cluster)));
          }
          conf.map(Conf::loadBalancer)
              .ifPresent(lb ->
                  out.cluster(name).ifPresent(cluster -> out.replace(withLbPolicy(cluster, lb))));
        });
  }

  @Override
  public void generateEndpoints(ProxyContext proxy, EnvoyResources out) {
    forEachDestination(proxy, (outbound, conf) -> refineAssignment(proxy, outbound, conf, out));
  }

  /**
   * Calls {@code action} once per destination cluster of the proxy that a policy applies to, or
   * every one while this zone is evacuated, with the destination's merged conf (empty without one).
   */
  private static void forEachDestination(
      ProxyContext proxy, java.util.function.BiConsumer<OutboundPort, Optional<Conf>> action) {
    ZoneStates zones = proxy.mesh().zones();
    Set<String> done = new HashSet<>();
    OutboundConfs<Conf> confs =
        PolicyConfs.outbound(proxy, ResourceTypes.MESH_LOAD_BALANCING_STRATEGY, null, Conf.class);
    for (OutboundPort outbound : proxy.outbounds()) {
      if (!done.add(outbound.destination().clusterName())) {
        continue;
      }
      Optional<Conf> conf = confs.of(outbound.destination());
      if (conf.isPresent() || zones.localDisabled()) {
        action.accept(outbound, conf);
      }
    }
  }

  /** Splits the destination's local endpoints by affinity, then places localities on priorities. */
  private static void refineAssignment(
      ProxyContext proxy, OutboundPort outbound, Optional<Conf> conf, EnvoyResources out) {
    LocalityAwareness awareness = conf.map(Conf::localityAwareness).orElse(null);
    List<AffinityTag> affinity = affinityTags(awareness);
    out.assignment(outbound.destination().clusterName())
        .ifPresent(assignment -> {
          ClusterLoadAssignment split =
              affinity.isEmpty()
                  ? assignment
                  : LocalAffinity.apply(
                      assignment, outbound.destination().endpoints(), clientTags(proxy), affinity);
          out.replace(FailoverPriorities.apply(split, proxy.mesh().zones(), awareness));
        });
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
