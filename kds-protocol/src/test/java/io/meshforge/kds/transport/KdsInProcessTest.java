package io.meshforge.kds.transport;

import static io.meshforge.kds.Fixtures.json;
import static io.meshforge.kds.Fixtures.mesh;
import static io.meshforge.kds.Fixtures.timeout;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.MetadataUtils;
import io.meshforge.kds.MapStore;
import io.meshforge.kds.naming.SyncedCopies;
import io.meshforge.kds.naming.SyncedNames;
import io.meshforge.kds.sync.LocalView;
import io.meshforge.kds.sync.ResourceValidator;
import io.meshforge.kds.sync.SyncSink;
import io.meshforge.kds.v1.EnvoyAdminRequest;
import io.meshforge.kds.v1.EnvoyAdminResponse;
import io.meshforge.kds.v1.HeartbeatRequest;
import io.meshforge.kds.v1.KdsSyncServiceGrpc;
import io.meshforge.model.Resource;
import io.meshforge.model.ResourceKey;
import io.meshforge.model.ResourceTypes;
import io.meshforge.model.WellKnownLabels;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class KdsInProcessTest {

  private static final Metadata.Key<String> TOKEN =
      Metadata.Key.of("zone-token", Metadata.ASCII_STRING_MARSHALLER);
  private static final Duration AWAIT = Duration.ofSeconds(10);

  private final MapStore global = new MapStore();
  private final MapStore east = new MapStore();
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
  private final String serverName = InProcessServerBuilder.generateName();
  private StoreFeed globalFeed;
  private StoreFeed zoneFeed;
  private GlobalKdsService service;
  private Server server;
  private ManagedChannel channel;
  private ZoneKdsClient client;
  private final CountDownLatch stuck = new CountDownLatch(1);

  @BeforeEach
  void startGlobal() throws Exception {
    globalFeed =
        new StoreFeed(
            global,
            KdsDirections.globalToZone(),
            r -> !"east".equals(r.labels().get(WellKnownLabels.ZONE)),
            SyncedCopies::forZones);
    KdsSettings settings =
        new KdsSettings(
            1 << 20,
            Duration.ofSeconds(5),
            Duration.ofMillis(200),
            Duration.ofSeconds(3),
            "global");
    service =
        new GlobalKdsService(
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
            settings,
            executor,
            scheduler,
            Clock.systemUTC());
    ZoneAuthenticator byToken =
        headers -> {
          String token = headers.get(TOKEN);
          if (token == null) {
            throw new ZoneAuthenticationException("zone token required");
          }
          return token; // the test token is the zone name
        };
    server =
        InProcessServerBuilder.forName(serverName)
            .addService(service.bind(byToken))
            .executor(executor)
            .build()
            .start();
    channel = InProcessChannelBuilder.forName(serverName).executor(executor).build();
  }

  @AfterEach
  void stop() throws Exception {
    stuck.countDown();
    if (client != null) {
      client.close();
    }
    channel.shutdownNow();
    server.shutdownNow();
    server.awaitTermination(5, TimeUnit.SECONDS);
    scheduler.shutdownNow();
    executor.shutdownNow();
  }

  private ZoneKdsClient connectEast() {
    zoneFeed =
        new StoreFeed(
            east,
            KdsDirections.zoneToGlobal(),
            r -> !WellKnownLabels.ORIGIN_GLOBAL.equals(r.labels().get(WellKnownLabels.ORIGIN)),
            r -> SyncedCopies.forGlobal(r, "east"));
    Metadata credentials = new Metadata();
    credentials.put(TOKEN, "east");
    ZoneKdsClient zone =
        new ZoneKdsClient(
            channel,
            "east",
            credentials,
            Set.of(),
            new ZoneBackend() {
              @Override
              public StateFeed feed() {
                return zoneFeed;
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
              public byte[] envoyAdmin(EnvoyAdminRequest request) throws Exception {
                switch (request.getResourceName()) {
                  case "missing" ->
                      throw new EnvoyAdminFailure(
                          EnvoyAdminResponse.ErrorCode.PROXY_NOT_FOUND, "no Dataplane missing");
                  case "stuck" -> stuck.await();
                  default -> {}
                }
                return ("dump of " + request.getResourceName()).getBytes();
              }
            },
            new KdsSettings(
                1 << 20,
                Duration.ofSeconds(5),
                Duration.ofMillis(200),
                Duration.ofSeconds(3),
                "east"),
            executor,
            scheduler,
            Clock.systemUTC(),
            Duration.ofMillis(50));
    zone.start();
    return zone;
  }

  private static ResourceKey inZone(String mesh, String name) {
    return ResourceKey.inMesh(
        ResourceTypes.MESH_TIMEOUT, mesh, SyncedNames.syncedName(mesh, name, ""));
  }

  private static ResourceKey onGlobal(String mesh, String name) {
    return ResourceKey.inMesh(
        ResourceTypes.DATAPLANE, mesh, SyncedNames.syncedName(mesh, name, "east"));
  }

  private static Resource dataplane(String name) {
    return Resource.of(
        ResourceKey.inMesh(ResourceTypes.DATAPLANE, "default", name),
        Map.of(WellKnownLabels.ZONE, "spoofed-west"),
        json("{\"networking\":{\"address\":\"10.0.0.1\"}}"));
  }

  @Test
  void sync_bothWays_thenDisconnectChangeReconnect_heals() {
    global.put(mesh("default"));
    global.put(timeout("default", "mt1", Map.of(), "{\"a\":1}"));
    east.put(dataplane("dp1"));
    east.put(timeout("default", "local-mt", Map.of(), "{}"));

    client = connectEast();

    await().atMost(AWAIT).until(() -> east.get(inZone("default", "mt1")).isPresent());
    await().atMost(AWAIT).until(() -> global.get(onGlobal("default", "dp1")).isPresent());
    assertThat(east.get(ResourceKey.global(ResourceTypes.MESH, "default"))).isPresent();
    assertThat(global.get(onGlobal("default", "dp1")).orElseThrow().labels())
        .containsEntry(WellKnownLabels.ZONE, "east")
        .containsEntry(WellKnownLabels.ORIGIN, "zone");

    // live change flows as a delta
    global.put(timeout("default", "mt1", Map.of(), "{\"a\":2}"));
    globalFeed.refresh();
    await()
        .atMost(AWAIT)
        .until(() -> east.get(inZone("default", "mt1")).orElseThrow().spec().get("a").asInt() == 2);

    // disconnect, change both sides, reconnect: the complete states heal both stores
    client.close();
    await().atMost(AWAIT).until(() -> service.connectedZones().isEmpty());
    global.remove(ResourceKey.inMesh(ResourceTypes.MESH_TIMEOUT, "default", "mt1"));
    global.put(timeout("default", "mt2", Map.of(), "{}"));
    east.remove(ResourceKey.inMesh(ResourceTypes.DATAPLANE, "default", "dp1"));
    east.put(dataplane("dp2"));
    client = connectEast();

    await()
        .atMost(AWAIT)
        .until(() ->
            east.get(inZone("default", "mt2")).isPresent()
                && east.get(inZone("default", "mt1")).isEmpty());
    await()
        .atMost(AWAIT)
        .until(() ->
            global.get(onGlobal("default", "dp2")).isPresent()
                && global.get(onGlobal("default", "dp1")).isEmpty());
    assertThat(east.get(ResourceKey.inMesh(ResourceTypes.MESH_TIMEOUT, "default", "local-mt")))
        .as("the zone's own policy is never deleted by sync")
        .isPresent();
  }

  @Test
  void sink_fails_streamResetAndResyncAfterRecovery() {
    global.put(mesh("default"));
    east.failApplies(true);
    client = connectEast();
    await().atMost(AWAIT).until(() -> client.attempts() >= 2);

    east.failApplies(false);

    await()
        .atMost(AWAIT)
        .until(() -> east.get(ResourceKey.global(ResourceTypes.MESH, "default")).isPresent());
  }

  @Test
  void envoyAdmin_requestToConnectedZone_answeredByZone() throws Exception {
    client = connectEast();
    await().atMost(AWAIT).until(() -> service.connectedZones().contains("east"));

    var answer =
        await()
            .atMost(AWAIT)
            .until(
                () ->
                    service
                        .envoyAdmin(
                            "east",
                            EnvoyAdminRequest.newBuilder()
                                .setKind(EnvoyAdminRequest.Kind.CONFIG_DUMP)
                                .setResourceType("Dataplane")
                                .setResourceMesh("default")
                                .setResourceName("dp1")
                                .build())
                        .handle((r, e) -> r)
                        .get(5, TimeUnit.SECONDS),
                r -> r != null);

    assertThat(answer.getPayload().toStringUtf8()).isEqualTo("dump of dp1");
  }

  @Test
  void envoyAdmin_zoneRefusesWithCode_codeAndMessageReachGlobal() throws Exception {
    client = connectEast();

    EnvoyAdminResponse answer = askEast("missing");

    assertThat(answer.getResultCase()).isEqualTo(EnvoyAdminResponse.ResultCase.ERROR);
    assertThat(answer.getError()).isEqualTo("no Dataplane missing");
    assertThat(answer.getErrorCode()).isEqualTo(EnvoyAdminResponse.ErrorCode.PROXY_NOT_FOUND);
  }

  @Test
  void envoyAdmin_zoneDisconnectsBeforeAnswering_pendingRequestFailsAtOnce() throws Exception {
    client = connectEast();
    askEast("dp1"); // the admin channel is open
    CompletableFuture<EnvoyAdminResponse> pending = service.envoyAdmin("east", request("stuck"));

    client.close();
    client = null;

    assertThatThrownBy(() -> pending.get(5, TimeUnit.SECONDS))
        .hasCauseInstanceOf(ZoneNotConnectedException.class);
    stuck.countDown();
  }

  @Test
  void envoyAdmin_unknownZone_failsWithZoneNotConnected() {
    assertThatThrownBy(() -> service.envoyAdmin("nowhere", request("dp1")).get(5, TimeUnit.SECONDS))
        .hasCauseInstanceOf(ZoneNotConnectedException.class)
        .hasMessageContaining("nowhere");
  }

  /** Asks east until its admin channel is open and answers. */
  private EnvoyAdminResponse askEast(String name) {
    return await()
        .atMost(AWAIT)
        .until(
            () ->
                service
                    .envoyAdmin("east", request(name))
                    .handle((r, e) -> r)
                    .get(5, TimeUnit.SECONDS),
            r -> r != null);
  }

  private static EnvoyAdminRequest request(String name) {
    return EnvoyAdminRequest.newBuilder()
        .setKind(EnvoyAdminRequest.Kind.CONFIG_DUMP)
        .setResourceType("Dataplane")
        .setResourceMesh("default")
        .setResourceName(name)
        .build();
  }

  @Test
  void call_withoutToken_unauthenticated() {
    var stub = KdsSyncServiceGrpc.newBlockingStub(channel);

    assertThatThrownBy(() -> stub.heartbeat(HeartbeatRequest.getDefaultInstance()))
        .isInstanceOf(StatusRuntimeException.class)
        .hasMessageContaining("UNAUTHENTICATED");
  }

  @Test
  void call_zoneNewerThanGlobal_refusedWithClearMessage() {
    Metadata headers = KdsHeaders.of(KdsHeaders.PROTOCOL_VERSION + 1, Set.of());
    headers.put(TOKEN, "east");
    var stub =
        KdsSyncServiceGrpc.newBlockingStub(channel)
            .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));

    assertThatThrownBy(() -> stub.heartbeat(HeartbeatRequest.getDefaultInstance()))
        .isInstanceOf(StatusRuntimeException.class)
        .hasMessageContaining("FAILED_PRECONDITION")
        .hasMessageContaining("upgrade global first");
  }
}
