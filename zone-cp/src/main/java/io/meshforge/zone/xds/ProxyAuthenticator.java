package io.meshforge.zone.xds;

import io.grpc.Metadata;
import io.grpc.StatusException;

/**
 * Decides whether an xDS stream may speak for the proxy its node id names. The xDS server calls it
 * once per stream, on the first request, before anything is sent; a refusal closes the stream with
 * the thrown status (UNAUTHENTICATED for a missing or invalid credential, PERMISSION_DENIED for a
 * valid one bound to another proxy, mesh or tags), and nothing about the proxy is recorded.
 */
public interface ProxyAuthenticator {

  /**
   * Checks the stream's credential against the proxy it claims to be.
   *
   * @param headers the gRPC headers of the stream (the dataplane token travels as {@code
   *     authorization: Bearer <token>})
   * @param proxy the proxy named by the stream's node id
   * @throws StatusException when the stream must be refused
   */
  void authenticate(Metadata headers, ProxyId proxy) throws StatusException;
}
