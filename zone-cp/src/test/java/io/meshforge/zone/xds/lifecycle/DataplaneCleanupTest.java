package io.meshforge.zone.xds.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshforge.model.Resource;
import io.meshforge.model.ResourceKey;
import io.meshforge.model.ResourceTypes;
import io.meshforge.model.store.InMemoryResourceStore;
import io.meshforge.model.store.ResourcePage;
import io.meshforge.model.store.ResourceQuery;
import io.meshforge.model.store.ResourceStore;
import io.meshforge.model.store.ResourceWrite;
import io.meshforge.zone.Resources;
import io.meshforge.zone.TestClock;
import io.meshforge.zone.xds.ProxyId;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The cleanup's rules, driven by hand with a test clock: no timers, no sleeps. */
class DataplaneCleanupTest {

  private static final Duration GRACE = Duration.ofHours(1);
  private static final Instant START = Instant.parse("2026-01-01T10:00:00Z");
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final InMemoryResourceStore store = new InMemoryResourceStore();
  private final TestClock clock = new TestClock(START);
  private final Set<ProxyId> connected = ConcurrentHashMap.newKeySet();
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

  @AfterEach
  void stop() {
    scheduler.shutdownNow();
  }

  @Test
  void sweep_offlineLongerThanTheGrace_removesDataplaneAndInsight() {
    DataplaneCleanup cleanup = leading(store);
    seed("web-1", closedAt(clock.instant()));

    clock.advance(GRACE);
    int removed = cleanup.sweep();

    assertThat(removed).isEqualTo(1);
    assertThat(store.get(dataplane("web-1"))).isEmpty();
    assertThat(store.get(insight("web-1"))).isEmpty();
    assertThat(cleanup.removedCount()).isEqualTo(1);
  }

  @Test
  void sweep_offlineForLessThanTheGrace_keepsIt() {
    DataplaneCleanup cleanup = leading(store);
    seed("web-1", closedAt(clock.instant()));

    clock.advance(GRACE.minusSeconds(1));

    assertThat(cleanup.sweep()).isZero();
    assertThat(store.get(dataplane("web-1"))).isPresent();
  }

  @Test
  void sweep_reconnectedWithinTheGrace_keepsIt() {
    DataplaneCleanup cleanup = leading(store);
    seed("web-1", closedAt(clock.instant()));
    clock.advance(Duration.ofMinutes(30));
    reconnect("web-1", "cp-other");

    clock.advance(GRACE.multipliedBy(5));

    assertThat(cleanup.sweep()).isZero();
    assertThat(store.get(dataplane("web-1"))).isPresent();
  }

  @Test
  void sweep_connectedToThisInstance_keepsItWhateverTheInsight() {
    DataplaneCleanup cleanup = leading(store);
    seed("web-1", closedAt(clock.instant()));
    connected.add(new ProxyId("default", "web-1"));

    clock.advance(GRACE.multipliedBy(5));

    assertThat(cleanup.sweep()).isZero();
  }

  @Test
  void sweep_neverConnected_isKeptForever() {
    DataplaneCleanup cleanup = leading(store);
    store.create(Resources.mesh("default"));
    store.create(Resources.dataplane("default", "pre-provisioned"));

    clock.advance(Duration.ofDays(365));

    assertThat(cleanup.sweep()).isZero();
    assertThat(store.get(dataplane("pre-provisioned"))).isPresent();
  }

  @Test
  void sweep_afterARestart_countsTheGraceFromTheNewLeadership() {
    // Disconnected two days before this instance became the leader (e.g. zone-cp was down).
    seed("web-1", closedAt(START.minus(Duration.ofDays(2))));
    DataplaneCleanup cleanup = leading(store);

    assertThat(cleanup.sweep()).as("right after the restart").isZero();
    clock.advance(GRACE.minusSeconds(1));
    assertThat(cleanup.sweep()).as("just before the grace since the restart").isZero();
    clock.advance(Duration.ofSeconds(1));
    assertThat(cleanup.sweep()).as("once the grace since the restart passed").isEqualTo(1);
  }

  @Test
  void sweep_notTheLeader_removesNothing() {
    DataplaneCleanup cleanup = cleanup(store, GRACE);
    seed("web-1", closedAt(clock.instant()));
    clock.advance(GRACE.multipliedBy(2));

    assertThat(cleanup.sweep()).isZero();

    cleanup.gained();
    cleanup.lost();
    assertThat(cleanup.sweep()).as("after losing the leadership").isZero();
    assertThat(store.get(dataplane("web-1"))).isPresent();
  }

  @Test
  void sweep_zeroGrace_isSwitchedOff() {
    DataplaneCleanup cleanup = cleanup(store, Duration.ZERO);
    cleanup.gained();
    seed("web-1", closedAt(clock.instant()));
    clock.advance(Duration.ofDays(30));

    assertThat(cleanup.sweep()).isZero();
  }

  @Test
  void sweep_reRegisteredBetweenReadAndDelete_theRegistrationWins() {
    ReRegisteringStore racing = new ReRegisteringStore(store);
    DataplaneCleanup cleanup = leading(racing);
    seed("web-1", closedAt(clock.instant()));
    clock.advance(GRACE);

    assertThat(cleanup.sweep()).isZero();

    assertThat(store.get(dataplane("web-1")))
        .hasValueSatisfying(dp -> assertThat(dp.version()).isEqualTo(2));
    assertThat(store.get(insight("web-1"))).isPresent();
    assertThat(cleanup.removedCount()).isZero();
  }

  @Test
  void gained_schedulesSweepsThatRemoveOfflineDataplanes() {
    seed("web-1", closedAt(START.minus(Duration.ofDays(1))));
    DataplaneCleanup cleanup =
        new DataplaneCleanup(
            store,
            connected::contains,
            "cp-here",
            new DataplaneCleanup.Settings(Duration.ofNanos(1), Duration.ofMillis(20)),
            clock,
            scheduler,
            new SimpleMeterRegistry());
    cleanup.gained();
    clock.advance(Duration.ofSeconds(1));

    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> store.get(dataplane("web-1")).isEmpty());
  }

  private DataplaneCleanup leading(ResourceStore on) {
    DataplaneCleanup cleanup = cleanup(on, GRACE);
    cleanup.gained();
    return cleanup;
  }

  private DataplaneCleanup cleanup(ResourceStore on, Duration grace) {
    return new DataplaneCleanup(
        on,
        connected::contains,
        "cp-here",
        new DataplaneCleanup.Settings(grace, Duration.ofHours(1)),
        clock,
        scheduler,
        new SimpleMeterRegistry());
  }

  private void seed(String name, String subscription) {
    if (store.get(ResourceKey.global(ResourceTypes.MESH, "default")).isEmpty()) {
      store.create(Resources.mesh("default"));
    }
    store.create(Resources.dataplane("default", name));
    store.create(
        Resource.of(
            insight(name), Map.of(), JSON.readTree("{\"subscriptions\":[" + subscription + "]}")));
  }

  private void reconnect(String name, String instance) {
    Resource current = store.get(insight(name)).orElseThrow();
    String open =
        "{\"id\":\"s2\",\"connectTime\":\"%s\",\"controlPlaneInstanceId\":\"%s\"}"
            .formatted(clock.instant(), instance);
    String subscriptions = current.spec().path("subscriptions").get(0).toString();
    store.update(
        current.withSpec(
            JSON.readTree("{\"subscriptions\":[" + subscriptions + "," + open + "]}")));
  }

  private static String closedAt(Instant disconnected) {
    return "{\"id\":\"s1\",\"connectTime\":\"%s\",\"disconnectTime\":\"%s\",\"controlPlaneInstanceId\":\"cp-old\"}"
        .formatted(disconnected.minusSeconds(60), disconnected);
  }

  private static ResourceKey dataplane(String name) {
    return ResourceKey.inMesh(ResourceTypes.DATAPLANE, "default", name);
  }

  private static ResourceKey insight(String name) {
    return ResourceKey.inMesh(ResourceTypes.DATAPLANE_INSIGHT, "default", name);
  }

  /** A store where the proxy registers its Dataplane again just before the cleanup deletes it. */
  private static final class ReRegisteringStore implements ResourceStore {
    private final InMemoryResourceStore delegate;

    ReRegisteringStore(InMemoryResourceStore delegate) {
      this.delegate = delegate;
    }

    @Override
    public Optional<Resource> get(ResourceKey key) {
      return delegate.get(key);
    }

    @Override
    public ResourcePage list(ResourceQuery query) {
      return delegate.list(query);
    }

    @Override
    public Resource create(Resource resource) {
      return delegate.create(resource);
    }

    @Override
    public Resource update(Resource resource) {
      return delegate.update(resource);
    }

    @Override
    public void delete(ResourceKey key) {
      delegate.delete(key);
    }

    @Override
    public void delete(ResourceKey key, long version) {
      Resource current = delegate.get(key).orElseThrow();
      delegate.update(Resources.labelled(current, "re-registered", "true"));
      delegate.delete(key, version);
    }

    @Override
    public List<Resource> applyAll(List<ResourceWrite> writes) {
      return delegate.applyAll(writes);
    }
  }
}
