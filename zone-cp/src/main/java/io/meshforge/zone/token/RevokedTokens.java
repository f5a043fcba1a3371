package io.meshforge.zone.token;

import io.meshforge.zone.xds.ProxyId;

/**
 * How the xDS server learns that a stream it let in must close (RELIABILITY S6): the token a proxy
 * authenticated with was revoked, expired, or its signing key was removed. {@link
 * DataplaneTokenAuthenticator} remembers the token of every proxy it let in; every {@code
 * tokens.dataplane.check} (5 s) the tokens are verified again and, for each one that fails, every
 * subscriber is told which proxy it was, once.
 *
 * <p>For the integrator (the xDS server):
 *
 * <ol>
 *   <li>at start, {@link #subscribe} a listener that closes every open stream of the named proxy
 *       with {@code UNAUTHENTICATED} (the proxy reconnects and is refused at authentication);
 *   <li>when an admitted stream of a proxy ends, call {@link #streamEnded}: once every stream it
 *       admitted has ended, the proxy's tokens are no longer checked.
 * </ol>
 *
 * <p>Listeners run on the checker's thread and must be quick (hand the close to the stream's own
 * executor).
 */
public interface RevokedTokens {

  /** Told about proxies whose credential is no longer valid. */
  @FunctionalInterface
  interface Listener {
    /**
     * Called once per remembered token that stopped verifying.
     *
     * @param proxy the proxy that authenticated with it
     * @param reason why (for the stream's close status and the log; never the token)
     */
    void onRevoked(ProxyId proxy, String reason);
  }

  /**
   * Subscribes a listener.
   *
   * @return closing it unsubscribes
   */
  AutoCloseable subscribe(Listener listener);

  /**
   * Tells that one stream of a proxy, admitted with a remembered token, ended. Its tokens are
   * checked until as many streams ended as were admitted: counting streams, not asking whether the
   * proxy is still connected, keeps the token of a stream that was admitted but not yet registered
   * as connected when the proxy's previous stream closed.
   */
  void streamEnded(ProxyId proxy);
}
