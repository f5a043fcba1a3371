package io.meshforge.zone.kds;

import static io.meshforge.zone.Resources.dataplane;
import static io.meshforge.zone.Resources.labelled;
import static io.meshforge.zone.Resources.mesh;
import static io.meshforge.zone.Resources.timeout;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.grpc.ManagedChannel;
import io.meshforge.kds.transport.KdsHeaders;
import io.meshforge.kds.transport.KdsSettings;
import io.meshforge.kds.v1.EnvoyAdminRequest;
import io.meshforge.kds.v1.EnvoyAdminResponse;
import io.meshforge.kds.v1.EnvoyAdminResponse.ErrorCode;
import io.meshforge.model.Resource;
import io.meshforge.model.ResourceKey;
import io.meshforge.model.ResourceType;
import io.meshforge.model.ResourceTypes;
import io.meshforge.model.WellKnownLabels;
import io.meshforge.model.store.InMemoryResourceStore;
import io.meshforge.model.store.ResourceQuery;
import io.meshforge.model.validation.ResourceValidator;
import io.meshforge.model.validation.Violation;
import io.meshforge.zone.inspect.EnvoyAdminClient;
import io.meshforge.zone.inspect.FakeEnvoyAdmin;
import io.meshforge.zone.inspect.ZoneProxyAdmin;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The zone's KDS wiring against kds-protocol's real global service over gRPC in one JVM: global
 * policies come down, the zone's dataplanes go up, the zone's own policies survive complete-state
 * syncs, a reconnect heals a missed delete, and a changed global store epoch holds deletions until
 * an operator confirms.
 */
class ZoneKdsSyncTest {
  private static final Duration AWAIT = Duration.ofSeconds(15);

  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
  private final InMemoryResourceStore zone = new InMemoryResourceStore();
  private final EpochGuard epoch = new EpochGuard(EpochMemory.inMemory(), "");
  private GlobalSide global;
  private ManagedChannel channel;
  private KdsClientRunner runner;
  private final Set<ResourceKey> connected = ConcurrentHashMap.newKeySet();

  @BeforeEach
  void start() throws Exception {
    global = new GlobalSide(executor, scheduler);
    global.store.create(mesh("default"));
    global.store.create(timeout("default", "from-global", "1s"));
    channel =
        GlobalChannels.open(
            GlobalAddress.parse(global.address()), null, new StoreEpochHeader(epoch));
    ResourceValidator validator = new ResourceValidator();
    ZoneKdsBackend backend =
        new ZoneKdsBackend(
            new ZoneStateFeed(zone.view(), "east", Duration.ofMillis(20), scheduler),
            new StoreLocalView(zone),
            new ZoneSyncSink("east", zone, epoch),
            r -> validator.validate(r).stream().map(Violation::toString).toList(),
            new ZoneProxyAdmin(
                zone, connected::contains, new EnvoyAdminClient(Duration.ofSeconds(2), 1 << 20)));
    KdsSettings settings =
        new KdsSettings(
            1 << 20, Duration.ofSeconds(5), Duration.ofMillis(200), Duration.ofSeconds(3), "east");
    runner =
        new KdsClientRunner(
            new KdsClientRunner.Connection(
                channel,
                "east",
                KdsHeaders.zoneCredentials("east", GlobalSide.TOKEN, "test"),
                Set.of(),
                settings,
                Duration.ofMillis(50),
                Duration.ofSeconds(1),
                0.5),
            backend,
            executor,
            scheduler);
    epoch.onConfirmed(() -> runner.resync("confirmed"));
    runner.gained();
  }

  @AfterEach
  void stop() throws Exception {
    runner.lost();
    channel.shutdownNow();
    global.close();
    scheduler.shutdownNow();
    executor.shutdownNow();
  }

  @Test
  void globalPolicy_arrivesInZoneStore_asReadOnlyGlobalOriginCopy() {
    await().atMost(AWAIT).until(() -> copyOf("from-global").isPresent());
    Resource copy = copyOf("from-global").orElseThrow();
    assertThat(copy.labels())
        .containsEntry(WellKnownLabels.ORIGIN, "global")
        .containsEntry(WellKnownLabels.DISPLAY_NAME, "from-global");
    assertThat(zone.get(new ResourceKey(ResourceTypes.MESH, "", "default"))).isPresent();
    assertThat(epoch.status().state()).isEqualTo(EpochGuard.State.TRUSTED);
    assertThat(epoch.trusted()).contains("epoch-a");
  }

  @Test
  void zoneDataplane_goesUpToGlobal_attributedToTheZone() {
    awaitMeshInZone();
    zone.create(zoneOwned(dataplane("default", "web-1")));

    await().atMost(AWAIT).until(() -> !onGlobal(ResourceTypes.DATAPLANE).isEmpty());
    Resource up = onGlobal(ResourceTypes.DATAPLANE).getFirst();
    assertThat(up.labels())
        .containsEntry(WellKnownLabels.ORIGIN, "zone")
        .containsEntry(WellKnownLabels.ZONE, "east")
        .containsEntry(WellKnownLabels.DISPLAY_NAME, "web-1");
    // the global-origin copies the zone holds never go back up
    assertThat(onGlobal(ResourceTypes.MESH_TIMEOUT))
        .extracting(Resource::name)
        .containsExactly("from-global");
  }

  @Test
  void zoneOwnPolicy_survivesCompleteStateSyncs() {
    awaitMeshInZone();
    Resource own = zone.create(zoneOwned(timeout("default", "zone-local", "2s")));
    await().atMost(AWAIT).until(() -> onGlobal(ResourceTypes.MESH_TIMEOUT).size() == 2);

    int before = runner.attempts();
    runner.resync("test: force a complete state");
    global.store.create(timeout("default", "after-resync", "3s"));
    await().atMost(AWAIT).until(() -> runner.attempts() > before);
    await().atMost(AWAIT).until(() -> copyOf("after-resync").isPresent());

    assertThat(zone.get(own.key())).isPresent();
  }

  @Test
  void reconnect_healsADeleteMissedWhileDisconnected() {
    await().atMost(AWAIT).until(() -> copyOf("from-global").isPresent());
    runner.lost();
    global.store.delete(new ResourceKey(ResourceTypes.MESH_TIMEOUT, "default", "from-global"));

    runner.gained();

    await().atMost(AWAIT).until(() -> copyOf("from-global").isEmpty());
  }

  @Test
  void changedEpoch_holdsDeletionsUntilConfirmed_butAppliesUpserts() {
    await().atMost(AWAIT).until(() -> copyOf("from-global").isPresent());
    runner.lost();
    global.store.delete(new ResourceKey(ResourceTypes.MESH_TIMEOUT, "default", "from-global"));
    global.store.create(timeout("default", "restored-new", "4s"));
    global.epoch.set("epoch-b");

    runner.gained();

    await().atMost(AWAIT).until(() -> copyOf("restored-new").isPresent());
    await().atMost(AWAIT).until(() -> epoch.status().heldDeletions() > 0);
    EpochGuard.Status status = epoch.status();
    assertThat(status.state()).isEqualTo(EpochGuard.State.CHANGED);
    assertThat(status.trusted()).isEqualTo("epoch-a");
    assertThat(status.advertised()).isEqualTo("epoch-b");
    assertThat(status.action()).contains("epoch-b");
    assertThat(copyOf("from-global")).isPresent();

    assertThatThrownBy(() -> epoch.confirm("epoch-c")).isInstanceOf(IllegalArgumentException.class);
    assertThat(epoch.confirm("epoch-b")).isTrue();

    await().atMost(AWAIT).until(() -> copyOf("from-global").isEmpty());
    assertThat(epoch.trusted()).contains("epoch-b");
  }

  private void awaitMeshInZone() {
    await()
        .atMost(AWAIT)
        .until(() -> zone.get(new ResourceKey(ResourceTypes.MESH, "", "default")).isPresent());
  }

  /** The zone's copy of a global policy, found by its display name. */
  private Optional<Resource> copyOf(String name) {
    return zone.list(ResourceQuery.all(ResourceTypes.MESH_TIMEOUT)).items().stream()
        .filter(r -> name.equals(r.labels().get(WellKnownLabels.DISPLAY_NAME)))
        .findFirst();
  }

  private List<Resource> onGlobal(ResourceType type) {
    return global.store.list(ResourceQuery.all(type)).items();
  }

  @Test
  void envoyAdmin_globalAsksForConnectedDataplane_zoneAnswersFromItsEnvoyAdmin() throws Exception {
    awaitMeshInZone();
    try (FakeEnvoyAdmin envoy = new FakeEnvoyAdmin().answer("/config_dump", "{\"configs\":[]}")) {
      zone.create(zoneOwned(dataplaneWithAdmin("web-1", envoy.port())));
      connected.add(ResourceKey.inMesh(ResourceTypes.DATAPLANE, "default", "web-1"));

      EnvoyAdminResponse answer = askFromGlobal("web-1", true);

      assertThat(answer.getPayload().toStringUtf8()).isEqualTo("{\"configs\":[]}");
      assertThat(envoy.requested()).containsExactly("/config_dump?include_eds");
    }
  }

  @Test
  void envoyAdmin_globalAsksForUnknownOrOfflineDataplane_typedRefusal() throws Exception {
    awaitMeshInZone();
    zone.create(zoneOwned(dataplaneWithAdmin("offline-1", 1)));

    EnvoyAdminResponse unknown = askFromGlobal("ghost", false);
    EnvoyAdminResponse offline = askFromGlobal("offline-1", false);

    assertThat(unknown.getErrorCode()).isEqualTo(ErrorCode.PROXY_NOT_FOUND);
    assertThat(unknown.getError()).contains("ghost");
    assertThat(offline.getErrorCode()).isEqualTo(ErrorCode.PROXY_OFFLINE);
  }

  /** Asks through global's service until the zone's admin channel is open and answers. */
  private EnvoyAdminResponse askFromGlobal(String name, boolean includeEds) {
    EnvoyAdminRequest request =
        EnvoyAdminRequest.newBuilder()
            .setKind(EnvoyAdminRequest.Kind.CONFIG_DUMP)
            .setResourceType("Dataplane")
            .setResourceMesh("default")
            .setResourceName(name)
            .setIncludeEds(includeEds)
            .build();
    return await()
        .atMost(AWAIT)
        .until(
            () ->
                global
                    .service
                    .envoyAdmin("east", request)
                    .handle((r, e) -> r)
                    .get(5, TimeUnit.SECONDS),
            r -> r != null);
  }

  private static Resource dataplaneWithAdmin(String name, int adminPort) {
    return io.meshforge.zone.Resources.yaml(
        """
        type: Dataplane
        name: %s
        mesh: default
        networking:
          address: 127.0.0.1
          admin: {port: %d}
          inbound:
          - port: 8080
            tags: {kuma.io/service: web}
        """
            .formatted(name, adminPort));
  }

  private static Resource zoneOwned(Resource resource) {
    return labelled(
        labelled(resource, WellKnownLabels.ORIGIN, "zone"), WellKnownLabels.ZONE, "east");
  }
}
