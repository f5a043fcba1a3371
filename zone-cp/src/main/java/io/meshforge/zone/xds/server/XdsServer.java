package io.meshforge.zone.xds.server;

import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code XdsServer} is the gRPC listener proxies connect to: the {@link AdsService} (SotW and delta
 * ADS) behind the {@link StreamHeaders} interceptor. Port 0 picks a free port ({@link #port()}
 * tells which).
 */
public final class XdsServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(XdsServer.class);

  /** Envoy configurations of large meshes exceed gRPC's 4 MiB default message size. */
  private static final int MAX_MESSAGE_BYTES = 64 * 1024 * 1024;

  private final Server server;

  private XdsServer(Server server) {
    this.server = server;
  }

  /**
   * Starts serving.
   *
   * @param address the address to bind ({@code 0.0.0.0} for all)
   * @param port the port, 0 for any free one
   * @param ads the ADS service
   * @throws UncheckedIOException when the port cannot be bound
   */
  public static XdsServer start(String address, int port, AdsService ads) {
    Objects.requireNonNull(ads, "ads");
    Server server =
        NettyServerBuilder.forAddress(new InetSocketAddress(address, port))
            .maxInboundMessageSize(MAX_MESSAGE_BYTES)
            .permitKeepAliveTime(30, TimeUnit.SECONDS)
            .permitKeepAliveWithoutCalls(true)
            .addService(ServerInterceptors.intercept(ads, new StreamHeaders()))
            .build();
    try {
      server.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot serve xDS on " + address + ":" + port, e);
    }
    LOG.info("xDS server listening on {}:{}", address, server.getPort());
    return new XdsServer(server);
  }

  /** Returns the bound port. */
  public int port() {
    return server.getPort();
  }

  /** Stops accepting streams and closes the open ones (proxies reconnect to another instance). */
  @Override
  public void close() {
    server.shutdownNow();
    try {
      server.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
