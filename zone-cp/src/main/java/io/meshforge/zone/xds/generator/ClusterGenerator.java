package io.meshforge.zone.xds.generator;

import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.endpoint.v3.ClusterLoadAssignment;
import io.envoyproxy.envoy.config.endpoint.v3.LbEndpoint;
import io.meshforge.zone.xds.context.Destination;
import io.meshforge.zone.xds.context.OutboundPort;
import io.meshforge.zone.xds.context.ProxyContext;
import io.meshforge.zone.xds.context.ServiceEndpoint;
import io.meshforge.zone.xds.envoy.Clusters;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Generates, for every destination the proxy reaches, an EDS cluster (handed to {@link
 * OutboundSecurity}) and its ClusterLoadAssignment with the destination's healthy endpoints. A
 * destination reached from several outbounds gets one cluster. A destination without healthy
 * endpoints still gets an (empty) assignment, so Envoy answers 503 instead of waiting on EDS.
 */
public final class ClusterGenerator implements ResourceGenerator {

  private static final Comparator<ServiceEndpoint> ENDPOINT_ORDER =
      Comparator.comparing(ServiceEndpoint::address)
          .thenComparingInt(ServiceEndpoint::port)
          .thenComparing(ServiceEndpoint::dataplane);

  private final OutboundSecurity security;

  /** Creates the generator with the security seam to apply to each outbound cluster. */
  public ClusterGenerator(OutboundSecurity security) {
    this.security = Objects.requireNonNull(security, "security");
  }

  @Override
  public void generate(ProxyContext proxy, EnvoyResources out) {
    for (OutboundPort outbound : proxy.outbounds()) {
      Destination destination = outbound.destination();
      if (out.hasCluster(destination.clusterName())) {
        continue;
      }
      out.add(
          security.sameForEveryProxy()
              ? SharedResources.of(
                  proxy,
                  new SharedCluster(security, destination.clusterName()),
                  () -> cluster(proxy, destination))
              : cluster(proxy, destination));
      out.add(sharedAssignment(proxy, destination));
    }
  }

  @Override
  public void generateEndpoints(ProxyContext proxy, EnvoyResources out) {
    for (OutboundPort outbound : proxy.outbounds()) {
      Destination destination = outbound.destination();
      if (out.assignment(destination.clusterName()).isEmpty()) {
        out.add(sharedAssignment(proxy, destination));
      }
    }
  }

  private static ClusterLoadAssignment sharedAssignment(
      ProxyContext proxy, Destination destination) {
    // A cluster name is one destination of a mesh context: its endpoints are the same for all.
    return SharedResources.of(
        proxy, new SharedAssignment(destination.clusterName()), () -> assignment(destination));
  }

  private Cluster cluster(ProxyContext proxy, Destination destination) {
    Cluster.Builder cluster =
        Clusters.eds(destination.clusterName(), destination.protocol().http2());
    security.secure(proxy, destination, cluster);
    return cluster.build();
  }

  private static ClusterLoadAssignment assignment(Destination destination) {
    List<LbEndpoint> endpoints =
        destination.healthyEndpoints().stream()
            .sorted(ENDPOINT_ORDER)
            .map(e -> Clusters.endpoint(e.address(), e.port()))
            .toList();
    return Clusters.assignment(
        destination.clusterName(), endpoints, CrossZoneEndpoints.localities(destination));
  }

  /** The memo key of a destination's cluster under one security (compared by identity). */
  private record SharedCluster(OutboundSecurity security, String clusterName) {}

  /** The memo key of a destination's ClusterLoadAssignment. */
  private record SharedAssignment(String clusterName) {}
}
