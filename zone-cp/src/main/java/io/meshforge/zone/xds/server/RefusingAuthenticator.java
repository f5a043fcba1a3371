package io.meshforge.zone.xds.server;

import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusException;
import io.meshforge.zone.xds.ProxyAuthenticator;
import io.meshforge.zone.xds.ProxyId;

/**
 * The authenticator used when none is configured: deny by default (DESIGN.md section 8). Every
 * stream is refused with UNAUTHENTICATED, so a zone CP without dataplane-token support never serves
 * configuration to an unauthenticated proxy.
 */
public final class RefusingAuthenticator implements ProxyAuthenticator {

  @Override
  public void authenticate(Metadata headers, ProxyId proxy) throws StatusException {
    throw Status.UNAUTHENTICATED
        .withDescription(
            "no proxy authentication is configured on this zone CP; set xds.auth.type=none only"
                + " for development")
        .asException();
  }
}
