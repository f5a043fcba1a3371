package io.meshforge.zone.xds.tls;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import io.envoyproxy.envoy.config.listener.v3.Filter;
import io.envoyproxy.envoy.config.listener.v3.FilterChain;
import io.envoyproxy.envoy.config.listener.v3.Listener;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpFilter;
import io.meshforge.model.policy.ProxyIdentity;
import io.meshforge.model.policy.ProxyInbound;
import io.meshforge.zone.xds.context.InboundPort;
import io.meshforge.zone.xds.context.ProxyContext;
import io.meshforge.zone.xds.envoy.EnvoyNames;
import io.meshforge.zone.xds.envoy.Listeners;
import io.meshforge.zone.xds.generator.InboundSecurity;
import java.util.List;

/**
 * {@code MtlsInboundSecurity} secures the inbound listeners of proxies in meshes with builtin mTLS
 * ({@link MeshMtls}): the filter chain gets the downstream TLS socket (client certificate of the
 * mesh required) and an RBAC filter from the inbound's MeshTrafficPermissions, deny when no rule
 * allows: the network filter before the TCP proxy, or the HTTP filter before the router. Listeners
 * of meshes without mTLS are left as they are. Stateless and thread-safe.
 */
public final class MtlsInboundSecurity implements InboundSecurity {

  @Override
  public void secure(ProxyContext proxy, InboundPort inbound, Listener.Builder listener) {
    if (!MeshMtls.enabledFor(proxy)) {
      return;
    }
    String mesh = proxy.mesh().mesh();
    InboundPermissions permissions =
        TrafficPermissions.forInbound(
            ProxyIdentity.fromDataplane(proxy.dataplane()),
            new ProxyInbound(inbound.port(), inbound.name(), inbound.tags()),
            proxy.mesh().policies());
    for (FilterChain.Builder chain : listener.getFilterChainsBuilderList()) {
      chain.setTransportSocket(TransportSockets.inbound(mesh, List.of()));
      int last = chain.getFiltersCount() - 1;
      Filter terminal = chain.getFilters(last);
      if (terminal.getName().equals(Listeners.HTTP_CONNECTION_MANAGER)) {
        chain.setFilters(last, withHttpRbac(terminal, permissions));
      } else {
        chain.addFilters(
            last,
            Filter.newBuilder()
                .setName(RbacFilters.NETWORK_FILTER)
                .setTypedConfig(
                    Any.pack(
                        RbacFilters.network(
                            permissions, EnvoyNames.inboundStatPrefix(inbound.port()) + ".")))
                .build());
      }
    }
  }

  /** Puts the HTTP RBAC filter right before the router (the last HTTP filter). */
  private static Filter withHttpRbac(Filter hcmFilter, InboundPermissions permissions) {
    HttpConnectionManager manager;
    try {
      manager = hcmFilter.getTypedConfig().unpack(HttpConnectionManager.class);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("the inbound's HTTP connection manager does not unpack", e);
    }
    HttpConnectionManager.Builder secured = manager.toBuilder();
    secured.addHttpFilters(
        manager.getHttpFiltersCount() - 1,
        HttpFilter.newBuilder()
            .setName(RbacFilters.HTTP_FILTER)
            .setTypedConfig(Any.pack(RbacFilters.http(permissions))));
    return hcmFilter.toBuilder().setTypedConfig(Any.pack(secured.build())).build();
  }
}
