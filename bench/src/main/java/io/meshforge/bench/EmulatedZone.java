package io.meshforge.bench;

import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.TlsChannelCredentials;
import io.meshforge.kds.naming.SyncedCopies;
import io.meshforge.kds.sync.LocalView;
import io.meshforge.kds.sync.ResourceValidator;
import io.meshforge.kds.sync.SyncBatch;
import io.meshforge.kds.sync.SyncScope;
import io.meshforge.kds.sync.SyncSink;
import io.meshforge.kds.transport.KdsDirections;
import io.meshforge.kds.transport.KdsHeaders;
import io.meshforge.kds.transport.KdsSettings;
import io.meshforge.kds.transport.ReconnectBackoff;
import io.meshforge.kds.transport.StateFeed;
import io.meshforge.kds.transport.ZoneBackend;
import io.meshforge.kds.transport.ZoneKdsClient;
import io.meshforge.kds.v1.EnvoyAdminRequest;
import io.meshforge.model.Resource;
import io.meshforge.model.ResourceKey;
import io.meshforge.model.ResourceType;
import io.meshforge.model.store.InMemoryResourceStore;
import io.meshforge.model.store.ResourceQuery;
import io.meshforge.model.store.ResourceWrite;
import io.meshforge.model.validation.Violation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * {@code EmulatedZone} is a zone control plane reduced to its KDS side, many of which run in one
 * JVM: the product's {@link ZoneKdsClient} (and so its {@code DeltaReceiver}, {@code DeltaSender}
 * and reconnect backoff) on its own TLS channel with its own zone token, over its own {@link
 * InMemoryResourceStore}. What it sends up is its seeded store content (static: nothing changes
 * after the start); what global sends down is written to the store, one batch per {@code applyAll}.
 * A {@link KdsSyncProbe} on the channel tells when it is in sync.
 */
final class EmulatedZone implements AutoCloseable {
  private static final io.meshforge.model.validation.ResourceValidator VALIDATOR =
      new io.meshforge.model.validation.ResourceValidator();

  private final String name;
  private final InMemoryResourceStore store = new InMemoryResourceStore();
  private final KdsSyncProbe probe = new KdsSyncProbe();
  private final ManagedChannel channel;
  private final ZoneKdsClient client;

  /**
   * Creates the zone (nothing is dialled before {@link #start}).
   *
   * @param kdsPort global's KDS port on 127.0.0.1 (TLS)
   * @param ca the CA certificate global's KDS certificate is signed by
   * @param backoff the first reconnect delay, doubled after each failed attempt up to {@code
   *     backoffMax} (both before the ±50 % jitter the zone CP uses)
   * @param random the seeded source of this zone's reconnect jitter
   */
  EmulatedZone(
      String name,
      String token,
      int kdsPort,
      Path ca,
      Duration backoff,
      Duration backoffMax,
      Random random,
      Executor executor,
      ScheduledExecutorService scheduler) {
    this.name = name;
    try {
      this.channel =
          Grpc.newChannelBuilderForAddress(
                  "127.0.0.1",
                  kdsPort,
                  TlsChannelCredentials.newBuilder().trustManager(ca.toFile()).build())
              .intercept(probe)
              .keepAliveTime(15, TimeUnit.SECONDS)
              .keepAliveTimeout(10, TimeUnit.SECONDS)
              .build();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + ca, e);
    }
    ZoneBackend backend = new Backend();
    this.client =
        new ZoneKdsClient(
            channel,
            name,
            KdsHeaders.zoneCredentials(name, token, "bench"),
            Set.of(),
            backend,
            KdsSettings.defaults("bench-" + name),
            executor,
            scheduler,
            Clock.systemUTC(),
            new ReconnectBackoff(
                backoff, backoffMax, ReconnectBackoff.DEFAULT_JITTER, random::nextDouble));
  }

  /** Stores seeded resources (owners first); each must pass the zone's validation. */
  void seed(List<Resource> resources) {
    for (Resource resource : resources) {
      List<Violation> problems = VALIDATOR.validate(resource);
      if (!problems.isEmpty()) {
        throw new IllegalArgumentException(resource.key() + " is invalid: " + problems);
      }
      store.create(resource);
    }
  }

  void start() {
    client.start();
  }

  String name() {
    return name;
  }

  KdsSyncProbe probe() {
    return probe;
  }

  /** Number of resources of a type in this zone's store. */
  int count(ResourceType type) {
    return store.list(ResourceQuery.all(type)).items().size();
  }

  @Override
  public void close() {
    client.close();
    channel.shutdownNow();
  }

  /** The zone's side of KDS: seeded state up, global's state into the store. */
  private final class Backend implements ZoneBackend {
    private final SyncScope fromGlobal = SyncScope.fromGlobal(name);

    @Override
    public StateFeed feed() {
      return listener -> {
        for (ResourceType type : KdsDirections.zoneToGlobal()) {
          listener.onSnapshot(type, ownCopies(type));
        }
        return () -> {};
      };
    }

    private List<Resource> ownCopies(ResourceType type) {
      return store.list(ResourceQuery.all(type)).items().stream()
          .filter(r -> !fromGlobal.contains(r))
          .map(r -> SyncedCopies.forGlobal(r, name))
          .toList();
    }

    @Override
    public LocalView view() {
      return new LocalView() {
        @Override
        public Collection<Resource> list(ResourceType type) {
          return store.list(ResourceQuery.all(type)).items();
        }

        @Override
        public Optional<Resource> get(ResourceKey key) {
          return store.get(key);
        }
      };
    }

    @Override
    public SyncSink sink() {
      return (SyncBatch batch) -> {
        List<ResourceWrite> writes = new ArrayList<>();
        batch.upserts().forEach(r -> writes.add(ResourceWrite.Put.of(r)));
        batch.deletes().forEach(k -> writes.add(new ResourceWrite.Remove(k)));
        store.applyAll(writes);
      };
    }

    @Override
    public ResourceValidator validator() {
      return r -> VALIDATOR.validate(r).stream().map(Violation::toString).toList();
    }

    @Override
    public byte[] envoyAdmin(EnvoyAdminRequest request) {
      throw new UnsupportedOperationException("an emulated zone has no proxies to ask");
    }
  }
}
