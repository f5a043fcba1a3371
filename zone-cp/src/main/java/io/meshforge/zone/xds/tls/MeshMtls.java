package io.meshforge.zone.xds.tls;

import io.meshforge.ca.BuiltinBackend;
import io.meshforge.zone.xds.context.ProxyContext;

/**
 * {@code MeshMtls} answers the one question every mTLS generator asks, from the same input (the
 * Mesh in the proxy's {@code MeshContext}), so the sockets, RBAC and secrets of one generation
 * always agree: does the proxy's mesh enable a builtin mTLS backend? Without it traffic is
 * plaintext and nothing is filtered, like Kuma.
 */
public final class MeshMtls {

  private MeshMtls() {}

  /**
   * Returns whether the proxy's mesh has builtin mTLS enabled.
   *
   * @param proxy the proxy being configured
   * @return {@code true} when the Mesh's {@code mtls.enabledBackend} names a builtin backend
   */
  public static boolean enabledFor(ProxyContext proxy) {
    return proxy.mesh().meshResource().flatMap(BuiltinBackend::enabledIn).isPresent();
  }
}
