package io.meshforge.model.store;

import io.meshforge.model.Resource;
import io.meshforge.model.ResourceType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code ViewWatcher} observes some types of a {@link ResourceView} and delivers the full, current
 * list of a type after it changed, debounced: a burst of changes becomes one delivery, {@link
 * DebounceSettings#delay()} after the burst ends and never later than {@link
 * DebounceSettings#maxDelay()} after its first change. It first delivers every watched type once,
 * right after {@link #start}, so a consumer needs nothing else to serve "the state of type T now,
 * then each time it changes" — which is what a KDS sender's {@code StateFeed} wants:
 *
 * <pre>{@code
 * StateFeed feed = listener -> ViewWatcher.start(view, types, DebounceSettings.defaults(),
 *     (type, resources) -> listener.onSnapshot(type, resources.stream().map(copies).toList()));
 * }</pre>
 *
 * <p>Start a watcher only once the view is loaded (e.g. after the change feed's first sync): the
 * first delivery of a type is taken as its complete state.
 *
 * <p>Threads: deliveries run on the scheduler given to {@link #start} (by default one thread of the
 * watcher's own, {@code view-watcher}), never on the view's feed thread, so a slow consumer delays
 * only itself. Deliveries of one watcher never overlap, and each type's deliveries are in the order
 * of the view's changes; a delivered list is a fresh immutable copy, ordered by mesh and then name.
 * A listener that throws is logged and called again on the next change.
 */
public final class ViewWatcher implements AutoCloseable {

  /** {@code Listener} receives the current state of a watched type. */
  @FunctionalInterface
  public interface Listener {
    /**
     * Called with every resource of {@code type} the view holds (all meshes) at delivery time.
     *
     * @param type one of the watched types
     * @param resources the view's resources of that type, ordered by mesh and then name
     */
    void onSnapshot(ResourceType type, List<Resource> resources);
  }

  private static final Logger LOG = LoggerFactory.getLogger(ViewWatcher.class);

  private final ResourceView view;
  private final Listener listener;
  private final ScheduledExecutorService scheduler;
  private final boolean ownScheduler;
  private final ResourceView.Listener viewListener = this::onChanges;

  /** Serialises deliveries; never held while {@code this} is wanted by the feed thread. */
  private final Object delivery = new Object();

  /** Guarded by {@code this}. */
  private final Map<ResourceType, DebounceWindow> windows = new LinkedHashMap<>();

  /** Guarded by {@code this}: the next flush, and when it runs. */
  private ScheduledFuture<?> nextFlush;

  private long nextFlushAt;
  private boolean closed;

  private ViewWatcher(
      ResourceView view,
      Collection<ResourceType> types,
      DebounceSettings settings,
      ScheduledExecutorService scheduler,
      boolean ownScheduler,
      Listener listener) {
    this.view = Objects.requireNonNull(view, "view");
    this.listener = Objects.requireNonNull(listener, "listener");
    this.scheduler = scheduler;
    this.ownScheduler = ownScheduler;
    Objects.requireNonNull(settings, "settings");
    for (ResourceType type : types) {
      windows.put(type, new DebounceWindow(settings));
    }
  }

  /**
   * Starts watching on a thread of the watcher's own.
   *
   * @param view the view to watch, already loaded
   * @param types the types to deliver
   * @param settings the debounce delays
   * @param listener receives each type's state
   * @return the watcher; {@link #close()} it to stop
   */
  public static ViewWatcher start(
      ResourceView view,
      Collection<ResourceType> types,
      DebounceSettings settings,
      Listener listener) {
    ScheduledExecutorService own =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("view-watcher").daemon().factory());
    return new ViewWatcher(view, types, settings, own, true, listener).begin();
  }

  /**
   * Starts watching, delivering on a shared scheduler (e.g. one for all KDS streams of a CP). The
   * scheduler is not shut down by {@link #close()}.
   */
  public static ViewWatcher start(
      ResourceView view,
      Collection<ResourceType> types,
      DebounceSettings settings,
      ScheduledExecutorService scheduler,
      Listener listener) {
    Objects.requireNonNull(scheduler, "scheduler");
    return new ViewWatcher(view, types, settings, scheduler, false, listener).begin();
  }

  /** Stops delivering; a delivery under way finishes. Idempotent. */
  @Override
  public void close() {
    view.removeListener(viewListener);
    synchronized (this) {
      closed = true;
      if (nextFlush != null) {
        nextFlush.cancel(false);
        nextFlush = null;
      }
    }
    if (ownScheduler) {
      scheduler.shutdown();
    }
  }

  private ViewWatcher begin() {
    // Listen first: a change between the two steps is delivered again later, never lost.
    view.addListener(viewListener);
    List<ResourceType> all;
    synchronized (this) {
      all = List.copyOf(windows.keySet());
    }
    try {
      scheduler.execute(() -> deliver(all));
    } catch (RejectedExecutionException e) {
      close();
      throw e;
    }
    return this;
  }

  /** Runs on the view's writing thread, under the view's monitor: only records and schedules. */
  private synchronized void onChanges(List<ResourceChange> changes) {
    if (closed) {
      return;
    }
    long now = System.nanoTime();
    for (ResourceChange change : changes) {
      DebounceWindow window = windows.get(change.key().type());
      if (window != null) {
        window.changed(now);
      }
    }
    scheduleFlush(now);
  }

  /** Schedules a flush for the earliest due window, unless one is scheduled at or before it. */
  private void scheduleFlush(long now) {
    long earliest = 0;
    boolean any = false;
    for (DebounceWindow window : windows.values()) {
      if (window.pending() && (!any || window.dueAt() - earliest < 0)) {
        earliest = window.dueAt();
        any = true;
      }
    }
    if (!any || (nextFlush != null && nextFlushAt - earliest <= 0)) {
      return;
    }
    if (nextFlush != null) {
      nextFlush.cancel(false);
    }
    nextFlushAt = earliest;
    try {
      nextFlush =
          scheduler.schedule(this::flush, Math.max(0, earliest - now), TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      nextFlush = null;
      LOG.warn("view watcher's scheduler refused a delivery; the watcher stops", e);
      closed = true;
    }
  }

  private void flush() {
    List<ResourceType> due = new ArrayList<>();
    synchronized (this) {
      nextFlush = null;
      if (closed) {
        return;
      }
      long now = System.nanoTime();
      windows.forEach((type, window) -> {
        if (window.isDue(now)) {
          window.delivered();
          due.add(type);
        }
      });
      scheduleFlush(now);
    }
    deliver(due);
  }

  private void deliver(List<ResourceType> types) {
    synchronized (delivery) {
      for (ResourceType type : types) {
        synchronized (this) {
          if (closed) {
            return;
          }
        }
        try {
          listener.onSnapshot(type, view.list(type, null));
        } catch (RuntimeException e) {
          LOG.error("view watcher listener failed on {}", type.name(), e);
        }
      }
    }
  }
}
