package io.meshforge.zone.xds.generator;

import io.envoyproxy.envoy.config.core.v3.TrafficDirection;
import io.envoyproxy.envoy.config.listener.v3.Filter;
import io.envoyproxy.envoy.config.listener.v3.Listener;
import io.meshforge.zone.xds.context.InboundPort;
import io.meshforge.zone.xds.context.ProxyContext;
import io.meshforge.zone.xds.envoy.Clusters;
import io.meshforge.zone.xds.envoy.EnvoyNames;
import io.meshforge.zone.xds.envoy.Listeners;
import io.meshforge.zone.xds.envoy.Routes;
import java.util.Objects;

/**
 * Generates one listener per inbound on {@code address:port}, forwarding to a cluster of the local
 * application ({@code serviceAddress:servicePort}): an HTTP connection manager for the HTTP
 * protocols (http, http2, grpc), a TCP proxy otherwise. The listener is then handed to {@link
 * InboundSecurity} (mTLS, traffic permissions).
 */
public final class InboundGenerator implements ResourceGenerator {

  private final InboundSecurity security;

  /** Creates the generator with the security seam to apply to each inbound listener. */
  public InboundGenerator(InboundSecurity security) {
    this.security = Objects.requireNonNull(security, "security");
  }

  @Override
  public void generate(ProxyContext proxy, EnvoyResources out) {
    for (InboundPort inbound : proxy.inbounds()) {
      String cluster = EnvoyNames.localCluster(inbound.servicePort());
      out.add(
          Clusters.fixed(
                  cluster,
                  inbound.serviceAddress(),
                  inbound.servicePort(),
                  inbound.protocol().http2())
              .build());
      Listener.Builder listener =
          Listeners.listener(
              EnvoyNames.inboundListener(inbound.address(), inbound.port()),
              inbound.address(),
              inbound.port(),
              TrafficDirection.INBOUND,
              filter(inbound, cluster));
      security.secure(proxy, inbound, listener);
      out.add(listener.build());
    }
  }

  private static Filter filter(InboundPort inbound, String cluster) {
    String statPrefix = EnvoyNames.inboundStatPrefix(inbound.port());
    if (!inbound.protocol().http()) {
      return Listeners.tcpProxy(statPrefix, cluster);
    }
    String routeName = EnvoyNames.inboundListener(inbound.address(), inbound.port());
    return Listeners.httpConnectionManager(statPrefix, Routes.toCluster(routeName, cluster));
  }
}
