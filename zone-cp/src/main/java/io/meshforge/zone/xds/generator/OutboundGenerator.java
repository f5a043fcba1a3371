package io.meshforge.zone.xds.generator;

import io.envoyproxy.envoy.config.core.v3.TrafficDirection;
import io.envoyproxy.envoy.config.listener.v3.Filter;
import io.meshforge.zone.xds.context.Destination;
import io.meshforge.zone.xds.context.OutboundPort;
import io.meshforge.zone.xds.context.ProxyContext;
import io.meshforge.zone.xds.envoy.EnvoyNames;
import io.meshforge.zone.xds.envoy.Listeners;

/**
 * Generates one listener per outbound on {@code address:port} (127.0.0.1 by default): HTTP
 * destinations get an HTTP connection manager whose routes come over RDS ({@link RouteGenerator}),
 * the rest a TCP proxy straight to the destination's cluster ({@link ClusterGenerator}).
 */
public final class OutboundGenerator implements ResourceGenerator {

  @Override
  public void generate(ProxyContext proxy, EnvoyResources out) {
    for (OutboundPort outbound : proxy.outbounds()) {
      out.add(
          Listeners.listener(
                  EnvoyNames.outboundListener(outbound.address(), outbound.port()),
                  outbound.address(),
                  outbound.port(),
                  TrafficDirection.OUTBOUND,
                  filter(outbound.destination()))
              .build());
    }
  }

  private static Filter filter(Destination destination) {
    String statPrefix = EnvoyNames.outboundStatPrefix(destination.clusterName());
    if (!destination.protocol().http()) {
      return Listeners.tcpProxy(statPrefix, destination.clusterName());
    }
    return Listeners.httpConnectionManager(
        statPrefix, EnvoyNames.outboundRoute(destination.clusterName()));
  }
}
