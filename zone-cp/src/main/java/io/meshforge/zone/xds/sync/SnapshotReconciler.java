package io.meshforge.zone.xds.sync;

import io.envoyproxy.controlplane.cache.v3.SimpleCache;
import io.envoyproxy.controlplane.cache.v3.Snapshot;
import io.meshforge.model.Resource;
import io.meshforge.model.ResourceType;
import io.meshforge.model.ResourceTypes;
import io.meshforge.model.store.DebounceSettings;
import io.meshforge.model.store.ResourceView;
import io.meshforge.model.store.ViewWatcher;
import io.meshforge.zone.xds.ProxyId;
import io.meshforge.zone.xds.context.MeshContext;
import io.meshforge.zone.xds.context.ProxyContext;
import io.meshforge.zone.xds.context.ProxyMetadata;
import io.meshforge.zone.xds.egress.EgressContext;
import io.meshforge.zone.xds.egress.EgressGenerator;
import io.meshforge.zone.xds.generator.EnvoyResources;
import io.meshforge.zone.xds.generator.SidecarGenerator;
import io.meshforge.zone.xds.ingress.IngressContext;
import io.meshforge.zone.xds.ingress.IngressGenerator;
import io.meshforge.zone.xds.server.ConnectedProxies;
import io.meshforge.zone.xds.server.XdsMetrics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code SnapshotReconciler} keeps the snapshot of every connected proxy current. It watches the
 * zone's resource view (debounced), recomputes the {@link MeshContext} of each mesh that changed
 * once, regenerates the connected proxies of those meshes, and sets a proxy's snapshot only when
 * one of its per-type versions (content hashes) changed.
 *
 * <p><b>Readiness.</b> Until {@link #start()} was called (after the view holds the whole store) and
 * the first complete state was delivered, no snapshot is set: java-control-plane then holds every
 * stream open without answering, so a proxy keeps its last configuration instead of receiving a
 * partial one (DESIGN.md section 6, F13).
 *
 * <p><b>Threads.</b> All state is confined to one thread, {@code xds-reconciler}: view deliveries
 * run on it (it is the watcher's scheduler) and proxy connects and disconnects are handed to it.
 * When a change touches many proxies, their regeneration (generation, hashing, setting the
 * snapshot) is spread over a pool of {@code xds-generator} threads, one per core, while the
 * reconciler thread waits for the whole batch ({@link #regenerateAll}): during a batch the
 * reconciler's state is only read, each proxy is in exactly one task, and the next batch (or
 * connect event) for a proxy starts only after the previous one ended, so every proxy's snapshots
 * are still set one at a time and in order. The only state written by the pool is {@code sent}, a
 * concurrent map with one key per proxy. A proxy's Dataplane missing (not registered yet) leaves it
 * without a snapshot: its stream stays open until the Dataplane appears. A Dataplane deleted while
 * its proxy is connected keeps the proxy's last snapshot (no regression, L3).
 */
public final class SnapshotReconciler implements AutoCloseable, ConnectedProxies.Listener {

  private static final Logger LOG = LoggerFactory.getLogger(SnapshotReconciler.class);

  /** The least time between two timed refreshes of every proxy. */
  static final Duration MIN_REFRESH_DELAY = Duration.ofSeconds(1);

  /** Threads regenerating proxies: one per core (generation is CPU-bound, no I/O). */
  static final int WORKERS = Math.max(1, Runtime.getRuntime().availableProcessors());

  /** Below this many proxies a batch runs on the reconciler thread: handing off costs more. */
  static final int PARALLEL_THRESHOLD = 8;

  private final ResourceView view;
  private final SimpleCache<String> cache;
  private final SidecarGenerator generator;
  private final ConnectedProxies connected;
  private final DebounceSettings debounce;
  private final XdsMetrics metrics;
  private final IngressGenerator ingressGenerator;
  private final EgressGenerator egressGenerator;
  private final String zone;
  private final ScheduledExecutorService thread =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().name("xds-reconciler").daemon().factory());
  private final CountDownLatch ready = new CountDownLatch(1);

  /** Regenerates the proxies of one batch in parallel; see the class comment for the invariant. */
  private final ExecutorService workers =
      Executors.newFixedThreadPool(
          WORKERS, Thread.ofPlatform().name("xds-generator-", 0).daemon().factory());

  // Confined to the xds-reconciler thread.
  private final WatchedResources watched;
  private final Map<String, MeshContext> meshes = new HashMap<>();
  // Written by the generator pool too (one key per proxy, one task per proxy at a time).
  private final Map<ProxyId, Snapshot> sent = new ConcurrentHashMap<>();
  // Same confinement as sent: each sidecar's last generation, the base of an endpoints-only one.
  private final Map<ProxyId, SidecarGeneration> generated = new ConcurrentHashMap<>();
  private boolean reconcileQueued;

  private ScheduledFuture<?> timedRefresh;
  private Instant timedRefreshAt;
  private ViewWatcher watcher;

  /**
   * Creates a reconciler that also configures this zone's ingress and egress proxies; nothing
   * happens before {@link #start()}.
   *
   * @param view the zone's resource view
   * @param cache the cache java-control-plane serves from, keyed by node id
   * @param generator generates a sidecar's resources
   * @param connected the proxies connected to this instance
   * @param debounce how changes of the view are batched
   * @param metrics the xDS meters
   * @param ingressGenerator generates a zone ingress's resources
   * @param egressGenerator generates a zone egress's resources
   * @param zone this zone's name (in the server names its ingresses route on)
   */
  public SnapshotReconciler(
      ResourceView view,
      SimpleCache<String> cache,
      SidecarGenerator generator,
      ConnectedProxies connected,
      DebounceSettings debounce,
      XdsMetrics metrics,
      IngressGenerator ingressGenerator,
      EgressGenerator egressGenerator,
      String zone) {
    this.ingressGenerator = Objects.requireNonNull(ingressGenerator, "ingressGenerator");
    this.egressGenerator = Objects.requireNonNull(egressGenerator, "egressGenerator");
    this.zone = Objects.requireNonNull(zone, "zone");
    this.watched = new WatchedResources(zone);
    this.view = Objects.requireNonNull(view, "view");
    this.cache = Objects.requireNonNull(cache, "cache");
    this.generator = Objects.requireNonNull(generator, "generator");
    this.connected = Objects.requireNonNull(connected, "connected");
    this.debounce = Objects.requireNonNull(debounce, "debounce");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    connected.addListener(this);
  }

  /** Starts watching the view. Call it once the view holds the whole store. */
  public synchronized void start() {
    if (watcher == null) {
      watcher = ViewWatcher.start(view, WatchedResources.types(), debounce, thread, this::onState);
    }
  }

  /** Returns whether the first complete state has been turned into snapshots. */
  public boolean isReady() {
    return ready.getCount() == 0;
  }

  /** Waits until {@link #isReady()}; returns {@code false} on timeout. */
  public boolean awaitReady(Duration timeout) throws InterruptedException {
    return ready.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public void onConnected(ProxyId proxy, ProxyMetadata metadata) {
    thread.execute(() -> {
      if (isReady()) {
        regenerate(proxy, metadata, Set.of());
        scheduleTimedRefresh();
      }
    });
  }

  @Override
  public void onDisconnected(ProxyId proxy) {
    thread.execute(() -> {
      if (!connected.isConnected(proxy)) {
        sent.remove(proxy);
        generated.remove(proxy);
        cache.clearSnapshot(proxy.nodeId());
      }
    });
  }

  @Override
  public synchronized void close() {
    if (watcher != null) {
      watcher.close();
    }
    thread.shutdownNow();
    workers.shutdownNow();
  }

  /** A watched type's full current state (on the reconciler thread). */
  private void onState(ResourceType type, List<Resource> resources) {
    watched.accept(type, resources);
    if (!reconcileQueued) {
      // Runs after the rest of this delivery: a batch touching several types recomputes once.
      reconcileQueued = true;
      thread.execute(this::reconcile);
    }
  }

  private void reconcile() {
    reconcileQueued = false;
    if (!isReady() && !watched.complete()) {
      return; // the first delivery of every type is not complete yet
    }
    long started = System.nanoTime();
    Set<String> dirty = Set.copyOf(watched.dirty());
    String changedTypes = LOG.isDebugEnabled() ? watched.dirtyTypes() : "";
    Set<String> endpointsOnly = new HashSet<>();
    for (String mesh : dirty) {
      MeshContext next = watched.buildMesh(mesh);
      MeshContext previous = meshes.put(mesh, next);
      if (previous != null
          && watched.onlyEndpointSourcesChanged(mesh)
          && next.sameExceptEndpoints(previous)) {
        endpointsOnly.add(mesh);
      }
    }
    Map<ProxyId, ProxyMetadata> proxies = connected.snapshot();
    Map<ProxyId, ProxyMetadata> affected = new HashMap<>();
    proxies.forEach((proxy, metadata) -> {
      // A proxy without a mesh is a zone ingress or egress: it routes to every mesh's services.
      boolean ingress = proxy.mesh().isEmpty();
      if (!isReady() || dirty.contains(proxy.mesh()) || (ingress && !dirty.isEmpty())) {
        affected.put(proxy, metadata);
      }
    });
    long built = System.nanoTime();
    regenerateAll(affected, endpointsOnly);
    // One line per pass says whether a change took the endpoints-only path and what it cost (B5).
    LOG.debug(
        "pass: changed {}; endpoints only in {}; {} proxies; contexts {} ms, regeneration {} ms",
        changedTypes,
        endpointsOnly,
        affected.size(),
        (built - started) / 1_000_000,
        (System.nanoTime() - built) / 1_000_000);
    watched.clearDirty();
    if (!isReady()) {
      ready.countDown();
      LOG.info("xDS ready: {} meshes, {} proxies connected", meshes.size(), proxies.size());
    }
    scheduleTimedRefresh();
  }

  /**
   * Schedules {@link #refreshAll()} for when a generator's output changes by itself (certificate
   * renewal, {@code SidecarGenerator#nextChange}). At least {@link #MIN_REFRESH_DELAY} apart, so a
   * time already passed can never make this thread spin.
   */
  private void scheduleTimedRefresh() {
    Instant next = generator.nextChange().orElse(null);
    if (next == null || next.equals(timedRefreshAt)) {
      return;
    }
    if (timedRefresh != null) {
      timedRefresh.cancel(false);
    }
    long delay =
        Math.max(MIN_REFRESH_DELAY.toMillis(), Duration.between(Instant.now(), next).toMillis());
    timedRefreshAt = next;
    timedRefresh = thread.schedule(this::refreshAll, delay, TimeUnit.MILLISECONDS);
  }

  /** Regenerates every connected proxy (unchanged ones send nothing) and forgets the others. */
  private void refreshAll() {
    timedRefresh = null;
    timedRefreshAt = null;
    List<ProxyContext> current = regenerateAll(connected.snapshot(), Set.of());
    generator.retainOnly(current);
    scheduleTimedRefresh();
  }

  /**
   * Regenerates a batch of proxies, on the generator pool when it is large, and returns once every
   * one is done (on the reconciler thread; see the class comment for why this keeps each proxy's
   * updates ordered).
   *
   * @param endpointsOnly the meshes whose change moved endpoints only: their sidecars with an
   *     unchanged Dataplane get new ClusterLoadAssignments and keep the rest
   * @return the contexts of the proxies that have a Dataplane
   */
  private List<ProxyContext> regenerateAll(
      Map<ProxyId, ProxyMetadata> proxies, Set<String> endpointsOnly) {
    List<Map.Entry<ProxyId, ProxyMetadata>> batch = new ArrayList<>(proxies.entrySet());
    List<ProxyContext> contexts = new ArrayList<>();
    if (batch.size() < PARALLEL_THRESHOLD || WORKERS == 1) {
      batch.forEach(
          e -> addIfPresent(contexts, regenerate(e.getKey(), e.getValue(), endpointsOnly)));
      return contexts;
    }
    List<Callable<List<ProxyContext>>> tasks = new ArrayList<>();
    for (int worker = 0; worker < WORKERS; worker++) {
      int first = worker;
      tasks.add(() -> {
        List<ProxyContext> done = new ArrayList<>();
        for (int i = first; i < batch.size(); i += WORKERS) {
          var proxy = batch.get(i);
          addIfPresent(done, regenerate(proxy.getKey(), proxy.getValue(), endpointsOnly));
        }
        return done;
      });
    }
    try {
      for (Future<List<ProxyContext>> result : workers.invokeAll(tasks)) {
        contexts.addAll(result.get());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // closing: the remaining proxies are not regenerated
    } catch (ExecutionException e) {
      // regenerate() catches generation failures; anything else is a defect worth surfacing.
      throw new IllegalStateException("regenerating proxies failed", e.getCause());
    }
    return contexts;
  }

  private static void addIfPresent(List<ProxyContext> contexts, ProxyContext context) {
    if (context != null) {
      contexts.add(context);
    }
  }

  /** Regenerates one proxy; returns its context, or null when it has no Dataplane yet. */
  private ProxyContext regenerate(
      ProxyId proxy, ProxyMetadata metadata, Set<String> endpointsOnly) {
    if (proxy.mesh().isEmpty()) {
      if (watched.localZoneProxy(ResourceTypes.ZONE_INGRESS, proxy.name()) == null
          && watched.localZoneProxy(ResourceTypes.ZONE_EGRESS, proxy.name()) != null) {
        regenerateEgress(proxy);
      } else {
        regenerateIngress(proxy);
      }
      return null;
    }
    MeshContext mesh = meshes.get(proxy.mesh());
    var context =
        mesh == null
            ? java.util.Optional.<ProxyContext>empty()
            : ProxyContext.of(mesh, proxy.name(), metadata);
    if (context.isEmpty()) {
      LOG.debug("proxy {} has no Dataplane yet: its stream waits", proxy);
      return null;
    }
    SidecarGeneration last = generated.get(proxy);
    SidecarGeneration next;
    try {
      next =
          endpointsOnly.contains(proxy.mesh()) && last != null && last.canReuse(context.get())
              ? last.withEndpoints(generator.generateEndpoints(context.get()), mesh)
              : SidecarGeneration.of(context.get(), generator.generate(context.get()));
    } catch (RuntimeException e) {
      metrics.generationFailed();
      LOG.error(
          "could not generate the configuration of proxy {}; it keeps its last one", proxy, e);
      return context.get();
    }
    generated.put(proxy, next);
    setSnapshot(proxy, next.versions(), next.resources());
    return context.get();
  }

  /** Regenerates a zone ingress proxy; without its (local) ZoneIngress it waits. */
  private void regenerateIngress(ProxyId proxy) {
    regenerateZoneProxy(
        ResourceTypes.ZONE_INGRESS,
        proxy,
        ingress -> ingressGenerator.generate(new IngressContext(ingress, zone, meshContexts())));
  }

  /** Regenerates a zone egress proxy from every mesh's context; without its ZoneEgress it waits. */
  private void regenerateEgress(ProxyId proxy) {
    regenerateZoneProxy(
        ResourceTypes.ZONE_EGRESS,
        proxy,
        egress -> egressGenerator.generate(new EgressContext(egress, meshContexts())));
  }

  /**
   * Regenerates a zone proxy (ingress or egress) from this zone's own resource of {@code type}
   * named like it; without that resource its stream waits.
   */
  private void regenerateZoneProxy(
      ResourceType type, ProxyId proxy, Function<Resource, EnvoyResources> generate) {
    Resource zoneProxy = watched.localZoneProxy(type, proxy.name());
    if (zoneProxy == null) {
      LOG.debug("{} {} does not exist yet: its stream waits", type.name(), proxy);
      return;
    }
    EnvoyResources resources;
    try {
      resources = generate.apply(zoneProxy);
    } catch (RuntimeException e) {
      metrics.generationFailed();
      LOG.error("could not generate the configuration of {} {}; it keeps its last", type, proxy, e);
      return;
    }
    setSnapshot(proxy, SnapshotVersions.of(resources), resources);
  }

  /** Every mesh's context (not the global-scoped pseudo mesh {@code ""}). */
  private List<MeshContext> meshContexts() {
    List<MeshContext> all = new ArrayList<>();
    meshes.forEach((name, mesh) -> {
      if (!name.isEmpty()) {
        all.add(mesh);
      }
    });
    return all;
  }

  /** Sets a proxy's snapshot unless every type's version is the one already sent. */
  private void setSnapshot(ProxyId proxy, SnapshotVersions versions, EnvoyResources resources) {
    Snapshot previous = sent.get(proxy);
    boolean changed = previous == null || !versions.describe(previous);
    metrics.snapshotGenerated(changed);
    if (!changed) {
      return;
    }
    Snapshot snapshot = TypedSnapshot.of(previous, resources, versions);
    cache.setSnapshot(proxy.nodeId(), snapshot);
    sent.put(proxy, snapshot);
    connected.snapshotSet(proxy); // a stream may owe the proxy an empty answer (AdsService)
    LOG.debug("proxy {} snapshot set: {}", proxy, versions.byType());
  }
}
