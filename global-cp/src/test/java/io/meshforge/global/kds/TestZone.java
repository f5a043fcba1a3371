package io.meshforge.global.kds;

import io.grpc.Channel;
import io.grpc.Metadata;
import io.meshforge.kds.naming.SyncedCopies;
import io.meshforge.kds.sync.LocalView;
import io.meshforge.kds.sync.ResourceValidator;
import io.meshforge.kds.sync.SyncBatch;
import io.meshforge.kds.sync.SyncSink;
import io.meshforge.kds.transport.KdsDirections;
import io.meshforge.kds.transport.KdsSettings;
import io.meshforge.kds.transport.StateFeed;
import io.meshforge.kds.transport.ZoneBackend;
import io.meshforge.kds.transport.ZoneKdsClient;
import io.meshforge.kds.v1.EnvoyAdminRequest;
import io.meshforge.model.Resource;
import io.meshforge.model.ResourceKey;
import io.meshforge.model.ResourceType;
import io.meshforge.model.WellKnownLabels;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * A zone control plane reduced to its KDS client over an in-memory store, for integration tests:
 * what global sends lands in the map; {@link #put} adds a zone-local resource and publishes it up.
 */
final class TestZone implements AutoCloseable {

  private final String name;
  private final Map<ResourceKey, Resource> store = new ConcurrentHashMap<>();
  private final Set<StateFeed.Listener> watchers = new CopyOnWriteArraySet<>();
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(1);
  private final ZoneKdsClient client;
  private volatile String payloadZone;
  private volatile AdminAnswerer admin = request -> new byte[0];

  /** How the zone answers global's Envoy admin requests. */
  @FunctionalInterface
  interface AdminAnswerer {
    byte[] answer(EnvoyAdminRequest request) throws Exception;
  }

  TestZone(Channel channel, String name, Metadata credentials) {
    this.name = name;
    this.payloadZone = name;
    KdsSettings settings =
        new KdsSettings(
            1 << 20, Duration.ofSeconds(10), Duration.ofMillis(200), Duration.ofSeconds(3), name);
    client =
        new ZoneKdsClient(
            channel,
            name,
            credentials,
            Set.of(),
            new Backend(),
            settings,
            executor,
            scheduler,
            Clock.systemUTC(),
            Duration.ofMillis(200));
  }

  TestZone start() {
    client.start();
    return this;
  }

  /** Makes the zone label its resources with another zone's name (an attribution attack). */
  void claimInPayload(String zone) {
    payloadZone = zone;
  }

  /** Makes the zone answer Envoy admin requests this way. */
  void answerAdmin(AdminAnswerer answerer) {
    admin = answerer;
  }

  int attempts() {
    return client.attempts();
  }

  /** Stores a zone-local resource and publishes the zone's state up. */
  void put(Resource resource) {
    store.put(resource.key(), resource);
    watchers.forEach(this::publish);
  }

  /** Returns what the zone holds of a type. */
  List<Resource> list(ResourceType type) {
    return store.values().stream().filter(r -> r.type() == type).toList();
  }

  @Override
  public void close() {
    client.close();
    scheduler.shutdownNow();
    executor.shutdownNow();
  }

  private void publish(StateFeed.Listener listener) {
    for (ResourceType type : KdsDirections.zoneToGlobal()) {
      listener.onSnapshot(
          type,
          list(type).stream()
              .filter(r ->
                  !WellKnownLabels.ORIGIN_GLOBAL.equals(r.labels().get(WellKnownLabels.ORIGIN)))
              .map(r -> SyncedCopies.forGlobal(r, payloadZone))
              .toList());
    }
  }

  private final class Backend implements ZoneBackend, LocalView, SyncSink {
    @Override
    public StateFeed feed() {
      return listener -> {
        watchers.add(listener);
        publish(listener);
        return () -> watchers.remove(listener);
      };
    }

    @Override
    public LocalView view() {
      return this;
    }

    @Override
    public SyncSink sink() {
      return this;
    }

    @Override
    public ResourceValidator validator() {
      return ResourceValidator.ACCEPT_ALL;
    }

    @Override
    public byte[] envoyAdmin(EnvoyAdminRequest request) throws Exception {
      return admin.answer(request);
    }

    @Override
    public synchronized void apply(SyncBatch batch) {
      batch.deletes().forEach(store::remove);
      batch.upserts().forEach(r -> store.put(r.key(), r));
    }

    @Override
    public Collection<Resource> list(ResourceType type) {
      return TestZone.this.list(type);
    }

    @Override
    public Optional<Resource> get(ResourceKey key) {
      return Optional.ofNullable(store.get(key));
    }
  }
}
