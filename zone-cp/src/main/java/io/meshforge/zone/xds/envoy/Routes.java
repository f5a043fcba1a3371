package io.meshforge.zone.xds.envoy;

import com.google.protobuf.Duration;
import io.envoyproxy.envoy.config.route.v3.Route;
import io.envoyproxy.envoy.config.route.v3.RouteAction;
import io.envoyproxy.envoy.config.route.v3.RouteConfiguration;
import io.envoyproxy.envoy.config.route.v3.RouteMatch;
import io.envoyproxy.envoy.config.route.v3.VirtualHost;

/** Small factories for route configurations. */
public final class Routes {

  private Routes() {}

  /**
   * Returns a route configuration sending every request, whatever its host, to one cluster.
   *
   * <p>The domain is {@code *} so the same configuration serves Envoy (any Host header) and gRPC
   * clients (whose authority is the bare service name). The per-route timeout is disabled: Envoy's
   * 15 s default would cut gRPC streams; timeouts come from MeshTimeout.
   */
  public static RouteConfiguration toCluster(String name, String cluster) {
    return RouteConfiguration.newBuilder()
        .setName(name)
        .setValidateClusters(com.google.protobuf.BoolValue.of(false))
        .addVirtualHosts(
            VirtualHost.newBuilder()
                .setName(cluster)
                .addDomains("*")
                .addRoutes(
                    Route.newBuilder()
                        .setMatch(RouteMatch.newBuilder().setPrefix("/"))
                        .setRoute(
                            RouteAction.newBuilder()
                                .setCluster(cluster)
                                .setTimeout(Duration.getDefaultInstance()))))
        .build();
  }
}
