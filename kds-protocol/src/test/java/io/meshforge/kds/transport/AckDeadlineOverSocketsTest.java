package io.meshforge.kds.transport;

import static io.meshforge.kds.Fixtures.inMesh;
import static io.meshforge.kds.Fixtures.mesh;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.InsecureServerCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Server;
import io.meshforge.kds.MapStore;
import io.meshforge.kds.naming.SyncedCopies;
import io.meshforge.kds.sync.LocalView;
import io.meshforge.kds.sync.ResourceValidator;
import io.meshforge.kds.sync.SyncSink;
import io.meshforge.kds.v1.EnvoyAdminRequest;
import io.meshforge.local.TcpFaultProxy;
import io.meshforge.model.Resource;
import io.meshforge.model.ResourceKey;
import io.meshforge.model.ResourceType;
import io.meshforge.model.ResourceTypes;
import io.meshforge.model.WellKnownLabels;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The KDS ACK deadline over real sockets (Netty) through a {@link TcpFaultProxy}, with a 2 s
 * deadline and heartbeat deadlines long enough to stay out of the picture.
 *
 * <p>F8 at the protocol level: after a connect, global emits the first part of every type's
 * complete state at once, and over a slow link the last of them reaches the zone long after it was
 * emitted. The deadline must measure how long the peer takes to answer a response once the
 * responses ahead of it were answered, not how long the response waited behind them; otherwise a
 * full state larger than {@code ackDeadline × bandwidth} restarts the stream forever. F9 at the
 * protocol level: a peer that answers nothing is still caught within the deadline.
 */
class AckDeadlineOverSocketsTest {

  private static final long BYTES_PER_SECOND = 64 * 1024;
  private static final Duration ACK_DEADLINE = Duration.ofSeconds(2);
  private static final List<ResourceType> POLICY_TYPES =
      List.of(
          ResourceTypes.MESH_TIMEOUT,
          ResourceTypes.MESH_RETRY,
          ResourceTypes.MESH_CIRCUIT_BREAKER,
          ResourceTypes.MESH_HEALTH_CHECK,
          ResourceTypes.MESH_RATE_LIMIT,
          ResourceTypes.MESH_TRAFFIC_PERMISSION);
  private static final int PER_TYPE = 55;
  private static final String PADDING = "0123456789abcdef".repeat(128); // 2 KiB per resource

  private final MapStore global = new MapStore();
  private final MapStore east = new MapStore();
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
  private StoreFeed globalFeed;
  private Server server;
  private TcpFaultProxy proxy;
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
    if (proxy != null) {
      proxy.close();
    }
    if (server != null) {
      server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
    scheduler.shutdownNow();
    executor.shutdownNow();
  }

  @Test
  void completeState_largerThanAckDeadlineTimesBandwidth_convergesWithoutRestartingTheStream()
      throws Exception {
    global.put(mesh("default"));
    for (ResourceType type : POLICY_TYPES) {
      for (int i = 0; i < PER_TYPE; i++) {
        global.put(policy(type, "p-" + i));
      }
    }
    connectThroughProxy();
    proxy.throttle(BYTES_PER_SECOND);
    long started = System.nanoTime();

    client.start();

    await()
        .atMost(Duration.ofSeconds(25))
        .pollInterval(Duration.ofMillis(100))
        .failFast("the zone reconnected", () -> client.attempts() > 1)
        .until(() -> east.snapshot().keySet().equals(expectedAtZone()));
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    assertThat(client.attempts()).as("connection attempts").isEqualTo(1);
    // The premise: the state really took several ACK deadlines to cross the link.
    long oneDeadlineOfLink = BYTES_PER_SECOND * ACK_DEADLINE.toSeconds();
    assertThat(proxy.bytesToClient()).isGreaterThan(4 * oneDeadlineOfLink);
    assertThat(took).isGreaterThan(ACK_DEADLINE.multipliedBy(4));
  }

  @Test
  void peerAnswersNothing_changePushed_streamRestartedWithinTheAckDeadlineAndResyncsAfterHeal()
      throws Exception {
    global.put(mesh("default"));
    global.put(policy(ResourceTypes.MESH_TIMEOUT, "before"));
    connectThroughProxy();
    client.start();
    await().atMost(Duration.ofSeconds(10)).until(() -> east.snapshot().size() == 2);

    // The zone's answers no longer reach global (its writes pile up in the proxy), while global's
    // responses still reach the zone: global's sender waits for ACKs that never come.
    proxy.stopReading(true);
    global.put(policy(ResourceTypes.MESH_TIMEOUT, "during"));
    globalFeed.refresh();
    long stalled = System.nanoTime();

    // global closes GlobalToZone, the zone sees its call end and reconnects; the heartbeats (20 s)
    // would take far longer
    await().atMost(Duration.ofSeconds(10)).until(() -> client.attempts() > 1);
    Duration detected = Duration.ofNanos(System.nanoTime() - stalled);
    assertThat(detected).isLessThan(ACK_DEADLINE.plusSeconds(3));
    proxy.heal();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> east.snapshot().keySet().equals(expectedAtZone()));
  }

  private void connectThroughProxy() throws IOException {
    server =
        Grpc.newServerBuilderForPort(0, InsecureServerCredentials.create())
            .addService(globalService().bind(headers -> "east"))
            .build()
            .start();
    proxy = TcpFaultProxy.start(server.getPort());
    channel =
        Grpc.newChannelBuilderForAddress(
                "127.0.0.1", proxy.port(), InsecureChannelCredentials.create())
            .build();
    client = zoneClient();
  }

  private Set<ResourceKey> expectedAtZone() {
    return global.snapshot().values().stream()
        .map(r -> SyncedCopies.forZones(r).key())
        .collect(Collectors.toSet());
  }

  /** A policy of about 2 KiB. */
  private static Resource policy(ResourceType type, String name) {
    String spec = "{\"padding\":\"" + type.name() + name + PADDING + "\"}";
    return inMesh(type, "default", name, Map.of(), spec);
  }

  private GlobalKdsService globalService() {
    globalFeed =
        new StoreFeed(
            global,
            KdsDirections.globalToZone(),
            r -> !"east".equals(r.labels().get(WellKnownLabels.ZONE)),
            SyncedCopies::forZones);
    return new GlobalKdsService(
        new GlobalBackend() {
          @Override
          public StateFeed feedFor(String zone, Set<String> features) {
            return globalFeed;
          }

          @Override
          public LocalView view() {
            return global;
          }

          @Override
          public SyncSink sinkFor(String zone) {
            return global;
          }

          @Override
          public ResourceValidator validator() {
            return ResourceValidator.ACCEPT_ALL;
          }
        },
        settings("global"),
        executor,
        scheduler,
        Clock.systemUTC());
  }

  private ZoneKdsClient zoneClient() {
    StoreFeed feed =
        new StoreFeed(
            east,
            KdsDirections.zoneToGlobal(),
            r -> !WellKnownLabels.ORIGIN_GLOBAL.equals(r.labels().get(WellKnownLabels.ORIGIN)),
            r -> SyncedCopies.forGlobal(r, "east"));
    return new ZoneKdsClient(
        channel,
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
            return east;
          }

          @Override
          public SyncSink sink() {
            return east;
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
        settings("east"),
        executor,
        scheduler,
        Clock.systemUTC(),
        new ReconnectBackoff(Duration.ofMillis(100), Duration.ofMillis(200), 0.0, () -> 0.5));
  }

  /** 32 KiB responses (half a second of link each), the short ACK deadline, lax heartbeats. */
  private static KdsSettings settings(String controlPlaneId) {
    return new KdsSettings(
        32 * 1024, ACK_DEADLINE, Duration.ofSeconds(1), Duration.ofSeconds(20), controlPlaneId);
  }
}
