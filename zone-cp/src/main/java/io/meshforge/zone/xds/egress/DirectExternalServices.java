package io.meshforge.zone.xds.egress;

import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.meshforge.zone.xds.context.ExternalService;
import io.meshforge.zone.xds.context.OutboundPort;
import io.meshforge.zone.xds.context.ProxyContext;
import io.meshforge.zone.xds.generator.EnvoyResources;
import io.meshforge.zone.xds.generator.ResourceGenerator;

/**
 * {@code DirectExternalServices} refines, on a sidecar, the clusters of MeshExternalServices it
 * reaches itself (its mesh does not route through the zone egress, ADR 0022): the mesh's mTLS
 * socket the cluster got like any destination is taken off (the external service is no mesh
 * member), and TLS is originated instead when the service asks for it ({@link ExternalTls}).
 * Clusters of external services reached through the egress keep the mesh mTLS: the egress
 * terminates it. Runs right after the cluster generator; pure.
 */
public final class DirectExternalServices implements ResourceGenerator {

  @Override
  public void generate(ProxyContext proxy, EnvoyResources out) {
    for (OutboundPort outbound : proxy.outbounds()) {
      String clusterName = outbound.destination().clusterName();
      ExternalService external = proxy.mesh().externalServiceByCluster(clusterName).orElse(null);
      if (external == null || external.throughEgress()) {
        continue;
      }
      out.cluster(clusterName)
          .ifPresent(cluster -> {
            Cluster.Builder direct =
                cluster.toBuilder().clearTransportSocket().clearTransportSocketMatches();
            ExternalTls.upstream(external.spec()).ifPresent(direct::setTransportSocket);
            out.replace(direct.build());
          });
    }
  }
}
