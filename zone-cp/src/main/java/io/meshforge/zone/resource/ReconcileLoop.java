package io.meshforge.zone.resource;

import io.meshforge.model.ResourceType;
import io.meshforge.model.store.ResourceChange;
import io.meshforge.model.store.ResourceView;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code ReconcileLoop} runs one reconcile step of a zone-side writer (generated MeshServices, the
 * ingresses' available services, multi-zone service statuses) on its own thread: once at start,
 * then debounced after each view change of the types it watches, and again {@code retry} later when
 * a step reports unfinished work or fails.
 *
 * <p>Thread confinement: the step always runs on the loop's single thread, so steps never overlap.
 * At most one run is queued at a time; changes arriving while one is queued are covered by it (the
 * step reads the view when it runs, not the changes). A change arriving while only a retry is
 * queued brings the run forward to one debounce from now: a step that failed because the view
 * lagged the store (a compare-and-swap conflict with its own previous write, common on PostgreSQL
 * where the view follows the change feed) must not hold every later change back for the whole retry
 * delay; the change that catches the view up is itself what triggers the next run.
 */
public final class ReconcileLoop implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ReconcileLoop.class);

  private final ResourceView view;
  private final Set<ResourceType> watched;
  private final Duration debounce;
  private final Duration retry;
  private final String what;
  private final BooleanSupplier step;
  private final ScheduledExecutorService thread;
  private final ResourceView.Listener listener = this::onChanges;

  /** The queued run, if any, its due time ({@link System#nanoTime}) and its number. */
  private ScheduledFuture<?> queued;

  private long queuedDue;
  private long queuedRun;
  private long runs;

  /**
   * @param view the loaded, change-fed view
   * @param watched the types whose changes trigger a run
   * @param threadName the loop thread's name
   * @param debounce how long changes are collected before a run
   * @param retry how long after a failed or unfinished run the next one starts
   * @param what what the step does, for the failure log line ("Generating MeshServices")
   * @param step the reconcile step; {@code false} when some work must be retried
   */
  public ReconcileLoop(
      ResourceView view,
      Set<ResourceType> watched,
      String threadName,
      Duration debounce,
      Duration retry,
      String what,
      BooleanSupplier step) {
    this.view = view;
    this.watched = Set.copyOf(watched);
    this.debounce = debounce;
    this.retry = retry;
    this.what = what;
    this.step = step;
    this.thread =
        Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().name(threadName).daemon().unstarted(r));
  }

  /** Starts watching the view and runs once. */
  public void start() {
    view.addListener(listener);
    schedule(Duration.ZERO);
  }

  @Override
  public void close() {
    view.removeListener(listener);
    thread.shutdownNow();
  }

  private void onChanges(List<ResourceChange> changes) {
    for (ResourceChange change : changes) {
      if (watched.contains(change.key().type())) {
        schedule(debounce);
        return;
      }
    }
  }

  /**
   * Queues a run {@code delay} from now unless one is queued as early or earlier; a later queued
   * run (a retry) is replaced. Called from the view's listener threads and the loop's thread.
   */
  private synchronized void schedule(Duration delay) {
    long due = System.nanoTime() + delay.toNanos();
    if (queued != null) {
      if (queuedDue - due <= 0) {
        return; // it runs as early: it will see this change too
      }
      // If it has already started, the run queued below follows it on the single thread.
      queued.cancel(false);
    }
    long number = ++runs;
    try {
      queued = thread.schedule(() -> run(number), delay.toMillis(), TimeUnit.MILLISECONDS);
      queuedDue = due;
      queuedRun = number;
    } catch (RejectedExecutionException e) {
      queued = null; // closed
    }
  }

  private void run(long number) {
    synchronized (this) {
      if (queuedRun == number) {
        queued = null; // from now on a change queues a new run
      }
    }
    try {
      if (!step.getAsBoolean()) {
        schedule(retry);
      }
    } catch (RuntimeException e) {
      log.warn("{} failed; retrying in {}", what, retry, e);
      schedule(retry);
    }
  }
}
