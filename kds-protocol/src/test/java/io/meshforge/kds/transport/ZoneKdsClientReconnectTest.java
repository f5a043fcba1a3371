package io.meshforge.kds.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.envoyproxy.envoy.service.discovery.v3.DeltaDiscoveryRequest;
import io.envoyproxy.envoy.service.discovery.v3.DeltaDiscoveryResponse;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.InsecureServerCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.stub.StreamObserver;
import io.meshforge.kds.MapStore;
import io.meshforge.kds.naming.SyncedCopies;
import io.meshforge.kds.sync.LocalView;
import io.meshforge.kds.sync.ResourceValidator;
import io.meshforge.kds.sync.SyncSink;
import io.meshforge.kds.v1.EnvoyAdminRequest;
import io.meshforge.kds.v1.KdsSyncServiceGrpc;
import io.meshforge.local.FreePorts;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A zone must dial global on its own reconnect schedule, not on the gRPC channel's: over real
 * sockets, grpc-java backs off its connection attempts (1 s × 1.6 per failure, up to 2 minutes) and
 * fails calls at once meanwhile, so after a long outage a zone would find global back only at the
 * channel's next attempt.
 */
class ZoneKdsClientReconnectTest {

  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
  private final AtomicInteger globalToZoneCalls = new AtomicInteger();
  private final AtomicInteger droppedConnects = new AtomicInteger();
  private final int port = FreePorts.next();
  private Server server;
  private ManagedChannel channel;
  private ZoneKdsClient client;

  @AfterEach
  void stop() throws InterruptedException {
    if (client != null) {
      client.close();
    }
    if (channel != null) {
      channel.shutdownNow();
    }
    if (server != null) {
      server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
    scheduler.shutdownNow();
    executor.shutdownNow();
  }

  @Test
  void reconnect_afterTheChannelBackedOffSeveralTimes_dialsOnTheClientsSchedule() throws Exception {
    startServer();
    channel =
        Grpc.newChannelBuilderForAddress("127.0.0.1", port, InsecureChannelCredentials.create())
            .build();
    client = zone(channel);
    client.start();
    await().atMost(Duration.ofSeconds(10)).until(() -> globalToZoneCalls.get() >= 1);

    server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    // Global is away: whatever listens accepts and drops each connection, so every connect the
    // channel makes is counted. After five failed connects the channel's own next attempt is
    // >= 6.5 s (-20 % jitter: 5.2 s) away, while the client retries every 100-200 ms.
    try (ServerSocket away = new ServerSocket(port)) {
      Thread.ofVirtual().start(() -> dropEveryConnection(away));
      await().atMost(Duration.ofSeconds(60)).until(() -> droppedConnects.get() >= 5);
    }
    int callsBefore = globalToZoneCalls.get();
    startServer();
    long back = System.nanoTime();

    await().atMost(Duration.ofSeconds(30)).until(() -> globalToZoneCalls.get() > callsBefore);
    Duration found = Duration.ofNanos(System.nanoTime() - back);
    assertThat(found)
        .as("global back, found by the zone after")
        .isLessThan(Duration.ofMillis(2_500));
  }

  private void startServer() {
    // The port was just released by the previous listener: retry the bind for a bounded time.
    await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(20))
        .until(() -> {
          try {
            server =
                Grpc.newServerBuilderForPort(port, InsecureServerCredentials.create())
                    .addService(new CountingGlobal())
                    .build()
                    .start();
            return true;
          } catch (IOException e) {
            return false;
          }
        });
  }

  private void dropEveryConnection(ServerSocket socket) {
    while (!socket.isClosed()) {
      try (Socket connection = socket.accept()) {
        // Reset, not FIN: an actively closed connection would hold the port in TIME_WAIT and
        // keep the restarted server from binding it.
        connection.setSoLinger(true, 0);
        droppedConnects.incrementAndGet();
      } catch (IOException e) {
        // closed: global is back
      }
    }
  }

  private ZoneKdsClient zone(ManagedChannel managed) {
    MapStore store = new MapStore();
    StoreFeed feed =
        new StoreFeed(
            store, KdsDirections.zoneToGlobal(), r -> true, r -> SyncedCopies.forGlobal(r, "east"));
    return new ZoneKdsClient(
        managed,
        "east",
        new Metadata(),
        Set.of(),
        new ZoneBackend() {
          @Override
          public StateFeed feed() {
            return feed;
          }

          @Override
          public LocalView view() {
            return store;
          }

          @Override
          public SyncSink sink() {
            return store;
          }

          @Override
          public ResourceValidator validator() {
            return ResourceValidator.ACCEPT_ALL;
          }

          @Override
          public byte[] envoyAdmin(EnvoyAdminRequest request) {
            return new byte[0];
          }
        },
        new KdsSettings(
            1 << 20, Duration.ofSeconds(5), Duration.ofMillis(200), Duration.ofSeconds(3), "east"),
        executor,
        scheduler,
        Clock.systemUTC(),
        new ReconnectBackoff(Duration.ofMillis(100), Duration.ofMillis(200), 0.0, () -> 0.5));
  }

  /** A global that only counts the zone's GlobalToZone calls and keeps them open. */
  private final class CountingGlobal extends KdsSyncServiceGrpc.KdsSyncServiceImplBase {
    @Override
    public StreamObserver<DeltaDiscoveryRequest> globalToZoneSync(
        StreamObserver<DeltaDiscoveryResponse> responses) {
      globalToZoneCalls.incrementAndGet();
      return new StreamObserver<>() {
        @Override
        public void onNext(DeltaDiscoveryRequest request) {}

        @Override
        public void onError(Throwable t) {}

        @Override
        public void onCompleted() {}
      };
    }
  }
}
