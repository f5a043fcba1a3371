package io.meshforge.zone.xds.generator;

import com.google.protobuf.Any;
import io.envoyproxy.envoy.config.listener.v3.ApiListener;
import io.envoyproxy.envoy.config.listener.v3.Listener;
import io.meshforge.zone.xds.context.Destination;
import io.meshforge.zone.xds.context.OutboundPort;
import io.meshforge.zone.xds.context.ProxyContext;
import io.meshforge.zone.xds.envoy.EnvoyNames;
import io.meshforge.zone.xds.envoy.Listeners;
import io.meshforge.zone.xds.envoy.Routes;

/**
 * Generates API listeners for proxies that are gRPC client libraries (grpc-xds), not Envoys: one
 * per destination, named as grpc-xds asks for it when dialling {@code xds:///<service>}, with an
 * HTTP connection manager over RDS. Only proxies whose node metadata asks for them get them ({@code
 * ProxyMetadata#apiListeners}): Envoy ignores API listeners, but they would clutter its dumps.
 *
 * <p>gRPC speaks HTTP/2 whatever the destination's protocol tag says, so the route configuration is
 * generated here too for destinations that {@link RouteGenerator} leaves out.
 */
public final class ApiListenerGenerator implements ResourceGenerator {

  @Override
  public void generate(ProxyContext proxy, EnvoyResources out) {
    if (!proxy.metadata().apiListeners()) {
      return;
    }
    for (OutboundPort outbound : proxy.outbounds()) {
      Destination destination = outbound.destination();
      String route = EnvoyNames.outboundRoute(destination.clusterName());
      out.add(Routes.toCluster(route, destination.clusterName()));
      out.add(
          Listener.newBuilder()
              .setName(EnvoyNames.apiListener(destination.service()))
              .setApiListener(
                  ApiListener.newBuilder()
                      .setApiListener(
                          Any.pack(
                              Listeners.apiHttpConnectionManager(
                                  EnvoyNames.outboundStatPrefix(destination.clusterName()),
                                  route))))
              .build());
    }
  }
}
