package io.meshforge.zone.xds.generator;

import io.envoyproxy.envoy.config.core.v3.TrafficDirection;
import io.envoyproxy.envoy.config.listener.v3.Filter;
import io.envoyproxy.envoy.config.listener.v3.Listener;
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
      Destination destination = outbound.destination();
      out.add(
          SharedResources.of(
              proxy,
              new SharedListener(
                  outbound.address(),
                  outbound.port(),
                  destination.clusterName(),
                  destination.protocol().http()),
              () -> listener(outbound)));
    }
  }

  private static Listener listener(OutboundPort outbound) {
    return Listeners.listener(
            EnvoyNames.outboundListener(outbound.address(), outbound.port()),
            outbound.address(),
            outbound.port(),
            TrafficDirection.OUTBOUND,
            filter(outbound.destination()))
        .build();
  }

  /** What an outbound listener depends on: it is the same for every proxy with that outbound. */
  private record SharedListener(String address, int port, String clusterName, boolean http) {}

  private static Filter filter(Destination destination) {
    String statPrefix = EnvoyNames.outboundStatPrefix(destination.clusterName());
    if (!destination.protocol().http()) {
      return Listeners.tcpProxy(statPrefix, destination.clusterName());
    }
    return Listeners.httpConnectionManager(
        statPrefix, EnvoyNames.outboundRoute(destination.clusterName()));
  }
}
