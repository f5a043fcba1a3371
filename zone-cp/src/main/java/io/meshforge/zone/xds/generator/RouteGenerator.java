package io.meshforge.zone.xds.generator;

import io.meshforge.zone.xds.context.Destination;
import io.meshforge.zone.xds.context.OutboundPort;
import io.meshforge.zone.xds.context.ProxyContext;
import io.meshforge.zone.xds.envoy.EnvoyNames;
import io.meshforge.zone.xds.envoy.Routes;

/**
 * Generates the route configuration (served over RDS) of every HTTP destination the proxy reaches:
 * everything to the destination's cluster. Route policies (MeshHTTPRoute, MeshTimeout, MeshRetry)
 * refine these later.
 */
public final class RouteGenerator implements ResourceGenerator {

  @Override
  public void generate(ProxyContext proxy, EnvoyResources out) {
    for (OutboundPort outbound : proxy.outbounds()) {
      Destination destination = outbound.destination();
      if (destination.protocol().http()) {
        String cluster = destination.clusterName();
        out.add(
            SharedResources.of(
                proxy,
                new SharedRoute(cluster),
                () -> Routes.toCluster(EnvoyNames.outboundRoute(cluster), cluster)));
      }
    }
  }

  /** The memo key of a destination's route configuration. */
  private record SharedRoute(String clusterName) {}
}
