package io.meshforge.model.store;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code LeadershipEvents} tells a {@link LeaderElection}'s listeners about changes of its {@code
 * isLeader()} state, on one event thread per election ({@code leader-events-<name>}), so that a
 * slow listener never delays the lease's heartbeat.
 *
 * <p>The election calls {@link #recheck()} after each change of state and {@link #recheckAt} for
 * the instant its lease runs out locally; the event thread compares the current state with the last
 * one announced and tells every listener when they differ. So listeners see strictly alternating
 * gained/lost calls, each after the state really changed.
 *
 * <p>Thread confinement: the listener list and the announced state are changed only on the event
 * thread.
 */
public final class LeadershipEvents {

  private static final Logger LOG = LoggerFactory.getLogger(LeadershipEvents.class);

  private final String name;
  private final BooleanSupplier leader;
  private final ScheduledExecutorService thread;
  private final List<LeaderElection.Listener> listeners = new CopyOnWriteArrayList<>();
  private volatile Thread eventThread;

  /** Confined to the event thread. */
  private boolean announced;

  /**
   * Returns the events of an election.
   *
   * @param name the election's name, used in the thread name
   * @param leader the election's {@code isLeader()}
   */
  public LeadershipEvents(String name, BooleanSupplier leader) {
    this.name = Objects.requireNonNull(name, "name");
    this.leader = Objects.requireNonNull(leader, "leader");
    this.thread =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("leader-events-" + name).daemon().factory());
  }

  /** Adds a listener (on the event thread); it is told "gained" at once if leadership is held. */
  public void addListener(LeaderElection.Listener listener) {
    Objects.requireNonNull(listener, "listener");
    submit(() -> {
      listeners.add(listener);
      if (announced) {
        call(listener, true);
      }
    });
  }

  /** Removes a listener (on the event thread). */
  public void removeListener(LeaderElection.Listener listener) {
    submit(() -> listeners.remove(listener));
  }

  /** Asks the event thread to compare the state with the one announced, soon. */
  public void recheck() {
    submit(this::reconcile);
  }

  /**
   * Asks the event thread to compare the state with the one announced at {@code nanoTime} (a value
   * of {@link System#nanoTime()}), e.g. when the lease runs out locally.
   */
  public void recheckAt(long nanoTime) {
    long delay = Math.max(0, nanoTime - System.nanoTime()) + TimeUnit.MILLISECONDS.toNanos(1);
    try {
      thread.schedule(this::reconcile, delay, TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      LOG.trace("leadership events of {} closed", name);
    }
  }

  /**
   * Announces the current state (a loss, for an election that stopped), waits until the listeners
   * were told (unless called from a listener), and stops the event thread.
   */
  public void close() {
    Future<?> last;
    try {
      last = thread.submit(this::reconcile);
    } catch (RejectedExecutionException e) {
      return; // closed already
    }
    thread.shutdown();
    if (Thread.currentThread() == eventThread) {
      return; // a listener stopping its election: the loss is announced once it returns
    }
    try {
      last.get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      LOG.warn("leadership listeners of {} did not finish in time", name, e);
    }
  }

  private void submit(Runnable task) {
    try {
      thread.execute(task);
    } catch (RejectedExecutionException e) {
      LOG.trace("leadership events of {} closed", name);
    }
  }

  private void reconcile() {
    eventThread = Thread.currentThread();
    boolean now = leader.getAsBoolean();
    if (now == announced) {
      return;
    }
    announced = now;
    LOG.info("leadership of {}: {}", name, now ? "gained" : "lost");
    for (LeaderElection.Listener listener : listeners) {
      call(listener, now);
    }
  }

  private void call(LeaderElection.Listener listener, boolean gained) {
    try {
      if (gained) {
        listener.onLeadershipGained();
      } else {
        listener.onLeadershipLost();
      }
    } catch (RuntimeException e) {
      // One broken listener must not keep the others from hearing about leadership.
      LOG.error("leadership listener {} of {} failed", listener, name, e);
    }
  }
}
