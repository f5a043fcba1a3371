package io.meshforge.zone.kds;

import io.meshforge.kds.naming.SyncedCopies;
import io.meshforge.kds.sync.SyncScope;
import io.meshforge.kds.transport.KdsDirections;
import io.meshforge.kds.transport.StateFeed;
import io.meshforge.model.Resource;
import io.meshforge.model.ResourceType;
import io.meshforge.model.store.ResourceChange;
import io.meshforge.model.store.ResourceView;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@code ZoneStateFeed} is what the zone sends up on ZoneToGlobal: for every ZONE_TO_GLOBAL type,
 * the zone's own resources (never the global-origin copies) from the store's view, as wire copies
 * ({@link SyncedCopies#forGlobal}).
 *
 * <p>Changes are debounced: the first change of a quiet period schedules one publication {@code
 * debounce} later, and every type changed meanwhile is published then, so a burst of writes costs
 * one snapshot per type and no change waits longer than {@code debounce}.
 *
 * <p>The view must be loaded before {@link #watch} is called (the zone starts KDS only after its
 * store is loaded): an empty snapshot tells global the zone has nothing.
 */
public final class ZoneStateFeed implements StateFeed {
  private static final List<ResourceType> TYPES = KdsDirections.zoneToGlobal();

  private final ResourceView view;
  private final String zone;
  private final SyncScope fromGlobal;
  private final Duration debounce;
  private final ScheduledExecutorService scheduler;

  public ZoneStateFeed(
      ResourceView view, String zone, Duration debounce, ScheduledExecutorService scheduler) {
    this.view = view;
    this.zone = zone;
    this.fromGlobal = SyncScope.fromGlobal(zone);
    this.debounce = debounce;
    this.scheduler = scheduler;
  }

  @Override
  public AutoCloseable watch(Listener listener) {
    Watch watch = new Watch(listener);
    view.addListener(watch); // before the first snapshot, so no change falls in between
    watch.publish(Set.copyOf(TYPES));
    return () -> {
      view.removeListener(watch);
      watch.close();
    };
  }

  /**
   * Returns the zone's own resources of a type as they go on the wire: everything except what came
   * from global — global-origin copies and other zones' resources global re-broadcast (sending
   * those back up would credit another zone's service to this one).
   */
  List<Resource> snapshot(ResourceType type) {
    return view.list(type, null).stream()
        .filter(r -> !fromGlobal.contains(r))
        .map(r -> SyncedCopies.forGlobal(r, zone))
        .toList();
  }

  /** One watcher: collects changed types and publishes them after the debounce delay. */
  private final class Watch implements ResourceView.Listener {
    private final Listener listener;
    private final Set<ResourceType> dirty = new LinkedHashSet<>();
    private ScheduledFuture<?> pending;
    private boolean closed;

    Watch(Listener listener) {
      this.listener = listener;
    }

    @Override
    public void onChanges(List<ResourceChange> changes) {
      // Runs on the view's writer thread: only record and schedule, never publish here.
      synchronized (this) {
        for (ResourceChange change : changes) {
          if (TYPES.contains(change.key().type())) {
            dirty.add(change.key().type());
          }
        }
        if (!dirty.isEmpty() && pending == null && !closed) {
          pending = scheduler.schedule(this::flush, debounce.toMillis(), TimeUnit.MILLISECONDS);
        }
      }
    }

    private void flush() {
      Set<ResourceType> types;
      synchronized (this) {
        types = Set.copyOf(dirty);
        dirty.clear();
        pending = null;
      }
      publish(types);
    }

    /**
     * Publishes the current state of some types. Serialised, and each snapshot is read inside the
     * lock, so a later delivery never carries an older state than an earlier one.
     */
    synchronized void publish(Set<ResourceType> types) {
      if (closed) {
        return;
      }
      for (ResourceType type : TYPES) {
        if (types.contains(type)) {
          listener.onSnapshot(type, snapshot(type));
        }
      }
    }

    synchronized void close() {
      closed = true;
      if (pending != null) {
        pending.cancel(false);
      }
    }
  }
}
