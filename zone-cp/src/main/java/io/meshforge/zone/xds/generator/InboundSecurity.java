package io.meshforge.zone.xds.generator;

import io.envoyproxy.envoy.config.listener.v3.Listener;
import io.meshforge.zone.xds.context.InboundPort;
import io.meshforge.zone.xds.context.ProxyContext;

/**
 * The seam where mTLS and traffic permissions (package {@code io.meshforge.zone.xds.tls}) shape an
 * inbound listener: a downstream TLS transport socket on its filter chain and an RBAC filter from
 * MeshTrafficPermission. The inbound generator builds a plaintext listener and hands it here last.
 * Implementations must be pure and thread-safe like generators.
 */
@FunctionalInterface
public interface InboundSecurity {

  /** Leaves the listener as it is: plaintext, everything allowed (no mTLS in the mesh). */
  InboundSecurity NONE = (proxy, inbound, listener) -> {};

  /**
   * Secures one inbound listener in place.
   *
   * @param proxy the proxy being configured
   * @param inbound the inbound the listener serves
   * @param listener the listener, with one filter chain whose last network filter is the HTTP
   *     connection manager or the TCP proxy
   */
  void secure(ProxyContext proxy, InboundPort inbound, Listener.Builder listener);
}
