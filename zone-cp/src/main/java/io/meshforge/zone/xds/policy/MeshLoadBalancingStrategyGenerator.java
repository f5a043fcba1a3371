package io.meshforge.zone.xds.policy;

import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.meshforge.model.ResourceTypes;
import io.meshforge.model.spec.MeshLoadBalancingStrategySpec.Conf;
import io.meshforge.model.spec.MeshLoadBalancingStrategySpec.LoadBalancer;
import io.meshforge.zone.xds.context.OutboundPort;
import io.meshforge.zone.xds.context.ProxyContext;
import io.meshforge.zone.xds.context.ZoneStates;
import io.meshforge.zone.xds.generator.EnvoyResources;
import io.meshforge.zone.xds.generator.ResourceGenerator;
import java.util.HashSet;
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
 * mesh context. {@code localZone.affinityTags} is not applied yet.
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
      out.assignment(name)
          .ifPresent(assignment ->
              out.replace(
                  FailoverPriorities.apply(
                      assignment, zones, conf.map(Conf::localityAwareness).orElse(null))));
      conf.map(Conf::loadBalancer)
          .ifPresent(
              lb -> out.cluster(name).ifPresent(cluster -> out.replace(withLbPolicy(cluster, lb))));
    }
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
