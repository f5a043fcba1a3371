package io.meshforge.global.kds;

import io.meshforge.kds.naming.SyncedCopies;
import io.meshforge.kds.transport.KdsDirections;
import io.meshforge.kds.transport.StateFeed;
import io.meshforge.model.KdsFlag;
import io.meshforge.model.Resource;
import io.meshforge.model.ResourceType;
import io.meshforge.model.ResourceTypes;
import io.meshforge.model.store.ResourceChange;
import io.meshforge.model.store.ResourceView;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code ZoneStateFeeds} turns the change-feed {@link ResourceView} into one {@link StateFeed} per
 * zone stream: for each type global sends down, the wire copies ({@link SyncedCopies#forZones}) of
 * the resources {@link ZoneResourceFilter} lets through to that zone.
 *
 * <p>Event-driven and bounded: a view change marks its type dirty (a Zone change marks every type
 * synced across zones, since enabling or disabling a zone changes what the others receive); dirty
 * types are published at most once per debounce window, so a burst of writes costs one snapshot per
 * type per stream and window. The window is leading-edge: a change after a quiet period (no
 * publication within the last window) is published at once, and only changes that follow a
 * publication closely wait for the rest of its window. (A trailing window delayed every isolated
 * change by the whole window, which alone was the commit → zone latency target of B3.) The dirty
 * set can never hold more than the number of types. Every {@code resync} interval every type is
 * re-published to every stream as a safety net (the sender sends nothing for unchanged resources).
 *
 * <p>Thread confinement: every publication runs on the feeds' single thread, so a stream sees the
 * snapshots of a type in the order they were computed (never an older one after a newer one).
 */
public final class ZoneStateFeeds implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ZoneStateFeeds.class);

  private final ResourceView view;
  private final ZoneResourceFilter filter;
  private final Duration debounce;
  private final Duration resync;
  private final List<ResourceType> served = KdsDirections.globalToZone();
  private final Set<Watcher> watchers = new CopyOnWriteArraySet<>();
  private final Set<ResourceType> dirty = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean flushPending = new AtomicBoolean();
  // When the last change-driven flush started (System.nanoTime); written on the feeds' thread,
  // read by the view's writer thread to schedule the next flush.
  private volatile long lastFlushNanos;
  private final ScheduledExecutorService thread =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().name("kds-zone-feeds").daemon().factory());
  private final ResourceView.Listener viewListener = this::onChanges;
  // The wire copies of the last publication of each type, by the view's resource instance (an
  // unchanged resource stays the same instance in the view). Reusing them saves renaming every
  // resource of a type on each publication, and lets each sender recognise an unchanged resource
  // by identity instead of comparing it. Confined to the feeds' thread.
  private final Map<ResourceType, Map<Resource, Resource>> lastCopies = new HashMap<>();

  private record Watcher(String zone, StateFeed.Listener listener) {}

  public ZoneStateFeeds(
      ResourceView view, ZoneResourceFilter filter, Duration debounce, Duration resync) {
    this.view = view;
    this.filter = filter;
    this.debounce = debounce;
    this.resync = resync;
    this.lastFlushNanos = System.nanoTime() - debounce.toNanos();
  }

  /** Starts following the view (which must already be loaded) and the periodic resync. */
  public ZoneStateFeeds start() {
    view.addListener(viewListener);
    long period = Math.max(1, resync.toMillis());
    thread.scheduleAtFixedRate(this::resyncAll, period, period, TimeUnit.MILLISECONDS);
    return this;
  }

  /** Returns the feed of one zone stream. */
  public StateFeed feedFor(String zone) {
    return listener -> {
      Watcher watcher = new Watcher(zone, listener);
      thread.execute(() -> {
        watchers.add(watcher);
        publish(served, List.of(watcher));
      });
      return () -> thread.execute(() -> watchers.remove(watcher));
    };
  }

  /** Number of streams being fed (for metrics). */
  public int watchers() {
    return watchers.size();
  }

  @Override
  public void close() {
    view.removeListener(viewListener);
    thread.shutdownNow();
  }

  private void onChanges(List<ResourceChange> changes) {
    for (ResourceChange change : changes) {
      ResourceType type = change.key().type();
      if (type == ResourceTypes.ZONE) {
        if (served.contains(type)) {
          dirty.add(type); // zones read every zone's enabled flag (ADR 0023)
        }
        served.stream()
            .filter(t -> t.kds().contains(KdsFlag.SYNCED_ACROSS_ZONES))
            .forEach(dirty::add);
      } else if (served.contains(type)) {
        dirty.add(type);
      }
    }
    if (!dirty.isEmpty() && flushPending.compareAndSet(false, true)) {
      long sinceLast = System.nanoTime() - lastFlushNanos;
      long wait = Math.max(0, debounce.toNanos() - sinceLast);
      thread.schedule(this::flush, wait, TimeUnit.NANOSECONDS);
    }
  }

  private void flush() {
    lastFlushNanos = System.nanoTime();
    flushPending.set(false);
    Set<ResourceType> types = new LinkedHashSet<>();
    for (ResourceType type : served) {
      if (dirty.remove(type)) {
        types.add(type);
      }
    }
    publish(types, watchers);
  }

  private void resyncAll() {
    publish(served, watchers);
  }

  private void publish(Collection<ResourceType> types, Collection<Watcher> to) {
    if (to.isEmpty()) {
      return;
    }
    for (ResourceType type : types) {
      List<Resource> all = view.list(type, null);
      Map<Resource, Resource> previous = lastCopies.getOrDefault(type, Map.of());
      Map<Resource, Resource> copies = new IdentityHashMap<>();
      for (Watcher watcher : to) {
        List<Resource> forZone = new ArrayList<>();
        for (Resource resource : all) {
          if (filter.sendTo(watcher.zone(), resource)) {
            forZone.add(
                copies.computeIfAbsent(
                    resource,
                    r -> {
                      Resource known = previous.get(r);
                      return known != null ? known : SyncedCopies.forZones(r);
                    }));
          }
        }
        try {
          watcher.listener().onSnapshot(type, forZone);
        } catch (RuntimeException e) {
          log.warn("feeding {} to zone {} failed", type.name(), watcher.zone(), e);
        }
      }
      lastCopies.put(type, copies);
    }
  }
}
