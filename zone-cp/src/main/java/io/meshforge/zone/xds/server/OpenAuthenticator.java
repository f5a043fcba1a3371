package io.meshforge.zone.xds.server;

import io.grpc.Metadata;
import io.meshforge.zone.xds.ProxyAuthenticator;
import io.meshforge.zone.xds.ProxyId;

/**
 * Accepts every stream ({@code xds.auth.type=none}): for development and tests only. The zone CP
 * logs a warning when it is in use.
 */
public final class OpenAuthenticator implements ProxyAuthenticator {

  @Override
  public void authenticate(Metadata headers, ProxyId proxy) {
    // Everyone is who they claim to be.
  }
}
