package io.meshforge.global.kds;

import io.grpc.Grpc;
import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.ServerCredentials;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.TlsServerCredentials;
import io.meshforge.kds.transport.GlobalKdsService;
import io.meshforge.kds.transport.KdsServerInterceptor;
import io.meshforge.kds.transport.ZoneAuthenticator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * {@code KdsServer} is the gRPC listener zones dial (grpc-netty-shaded), serving {@link
 * GlobalKdsService} behind authentication ({@link KdsServerInterceptor}), {@link KdsStreamTracker}
 * and the store-epoch response header. It starts and stops with the Spring context; stopping lets
 * calls end for a short grace period, then cancels the rest (zones reconnect to another instance).
 *
 * <p>TLS is on unless {@code kds.tls.enabled=false}, which is for tests only and logged loudly:
 * there is never a silent plaintext fallback.
 */
public final class KdsServer implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(KdsServer.class);
  private static final long GRACE_SECONDS = 5;

  private final int port;
  private final KdsTlsMaterial tls;
  private final int maxMessageBytes;
  private final ServerServiceDefinition service;
  private final Executor executor;
  private volatile Server server;

  /**
   * @param tls the certificate and key, or {@code null} for plaintext (tests only)
   */
  public KdsServer(
      int port,
      KdsTlsMaterial tls,
      int maxMessageBytes,
      GlobalKdsService kds,
      ZoneAuthenticator authenticator,
      KdsStreamTracker tracker,
      ServerInterceptor epochHeader,
      Executor executor) {
    this.port = port;
    this.tls = tls;
    this.maxMessageBytes = maxMessageBytes;
    // The tracker is inside the authentication interceptor: it sees only authenticated calls,
    // with the zone in the context. The epoch header goes on inside the tracker's wrapper, and
    // only to authenticated zones.
    this.service =
        ServerInterceptors.intercept(
            ServerInterceptors.intercept(kds, epochHeader, tracker),
            new KdsServerInterceptor(authenticator));
    this.executor = executor;
  }

  @Override
  public synchronized void start() {
    ServerCredentials credentials;
    try {
      credentials =
          tls == null
              ? InsecureServerCredentials.create()
              : TlsServerCredentials.create(tls.certChain().toFile(), tls.privateKey().toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the KDS certificate or key", e);
    }
    try {
      server =
          Grpc.newServerBuilderForPort(port, credentials)
              .addService(service)
              .executor(executor)
              // Room for the envelope around the largest response the senders emit.
              .maxInboundMessageSize(maxMessageBytes + 64 * 1024)
              .keepAliveTime(15, TimeUnit.SECONDS)
              .keepAliveTimeout(15, TimeUnit.SECONDS)
              .permitKeepAliveTime(10, TimeUnit.SECONDS)
              .permitKeepAliveWithoutCalls(true)
              .build()
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen for KDS on port " + port, e);
    }
    if (tls == null) {
      log.warn(
          "KDS listens on port {} WITHOUT TLS (kds.tls.enabled=false): zone tokens travel in"
              + " clear text; never do this outside tests",
          server.getPort());
    } else {
      log.info("KDS listens on port {} with TLS; zones trust {}", server.getPort(), tls.caCert());
    }
  }

  @Override
  public synchronized void stop() {
    Server running = server;
    if (running == null) {
      return;
    }
    running.shutdown();
    try {
      if (!running.awaitTermination(GRACE_SECONDS, TimeUnit.SECONDS)) {
        running.shutdownNow();
        running.awaitTermination(GRACE_SECONDS, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      running.shutdownNow();
      Thread.currentThread().interrupt();
    }
    server = null;
  }

  @Override
  public boolean isRunning() {
    return server != null;
  }

  /** Returns the port listened on (the chosen one when configured as 0). */
  public int port() {
    Server running = server;
    if (running == null) {
      throw new IllegalStateException("the KDS server is not running");
    }
    return running.getPort();
  }
}
