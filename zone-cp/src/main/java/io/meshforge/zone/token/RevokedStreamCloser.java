package io.meshforge.zone.token;

import io.grpc.Status;
import io.meshforge.zone.xds.ProxyId;
import io.meshforge.zone.xds.context.ProxyMetadata;
import io.meshforge.zone.xds.server.ConnectedProxies;
import io.meshforge.zone.xds.server.ProxyStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code RevokedStreamCloser} is the S6 integration between dataplane tokens and the xDS server:
 * when {@link RevokedTokens} reports a proxy whose token stopped verifying, every open stream of
 * that proxy is closed with {@code UNAUTHENTICATED} (the proxy reconnects and is refused at
 * authentication); when each stream ends it is told to {@link RevokedTokens#streamEnded}, so a
 * proxy's tokens stop being checked once all its streams ended. Closing is thread-safe ({@link
 * ConnectedProxies#closeStreams}) and quick, as the checker's thread requires.
 */
public final class RevokedStreamCloser implements ConnectedProxies.Listener, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(RevokedStreamCloser.class);

  private final RevokedTokens revoked;
  private final ConnectedProxies connected;
  private final AutoCloseable subscription;

  /**
   * Subscribes to revocations and to proxies leaving.
   *
   * @param revoked tells which proxies' credentials stopped verifying
   * @param connected the xDS server's connected proxies
   */
  public RevokedStreamCloser(RevokedTokens revoked, ConnectedProxies connected) {
    this.revoked = revoked;
    this.connected = connected;
    connected.addListener(this);
    this.subscription = revoked.subscribe(this::onRevoked);
  }

  private void onRevoked(ProxyId proxy, String reason) {
    int closed =
        connected.closeStreams(
            proxy,
            Status.UNAUTHENTICATED.withDescription(
                "the dataplane token is no longer valid: " + reason));
    log.warn(
        "proxy {}: dataplane token no longer valid ({}); closed {} stream(s)",
        proxy,
        reason,
        closed);
  }

  @Override
  public void onConnected(ProxyId proxy, ProxyMetadata metadata) {}

  @Override
  public void onDisconnected(ProxyId proxy) {}

  @Override
  public void onStreamClosed(ProxyStream stream) {
    // Per stream, not on the proxy's last disconnect: a reconnecting proxy's new stream is
    // authenticated (its token remembered) before it counts as connected, so "last stream closed"
    // can be seen while that stream is already admitted.
    revoked.streamEnded(stream.proxy());
  }

  @Override
  public void close() throws Exception {
    subscription.close();
  }
}
