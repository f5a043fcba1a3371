package io.meshforge.store.postgres;

import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * {@code ChangeSignal} wakes this process's change feeds when something may have been written: a
 * {@link PostgresResourceStore} raises it right after each commit, and a feed's {@link
 * NotificationListener} raises it for {@code NOTIFY}s other processes sent. Give one instance to
 * the store and the feed of one process (a Spring bean in the control planes).
 *
 * <p>Why not let the NOTIFY wake a local feed, as other processes' feeds are: that path is a thread
 * hop to the notifier, a transaction on a pooled connection, PostgreSQL's delivery and pgjdbc's
 * drain of the listening socket (which waits about a millisecond for more), then the feed's read;
 * on a busy 2-core machine 4-6 ms of every write's 20-30 ms from commit to the zones' stores (B3
 * round 5). The local signal is one wake-up. NOTIFYs still go out (carrying {@link #origin()}) for
 * the other processes on the database, and a feed ignores the ones carrying its own signal's
 * origin, which it has already been woken for.
 *
 * <p>A generation counter rather than a flag, so several feeds can wait on one signal without one
 * consuming another's wake-up. Thread-safe.
 */
public final class ChangeSignal {

  private final String origin = UUID.randomUUID().toString();
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition raised = lock.newCondition();
  private long generation;

  /** Returns the id this process's NOTIFYs carry as their payload. */
  public String origin() {
    return origin;
  }

  /** Records that something may have changed and wakes every waiting feed. */
  public void raise() {
    lock.lock();
    try {
      generation++;
      raised.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Returns the current generation; a later {@link #await} with it returns as soon as the signal is
   * raised after this call. Read it before reading the log, so a write committed after the read
   * began is never missed.
   */
  long generation() {
    lock.lock();
    try {
      return generation;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Waits until the signal was raised after {@code seen} was read, or the timeout passed.
   *
   * @return {@code true} when raised
   */
  boolean await(long seen, long timeout, TimeUnit unit) throws InterruptedException {
    long nanos = unit.toNanos(timeout);
    lock.lock();
    try {
      while (generation == seen) {
        if (nanos <= 0) {
          return false;
        }
        nanos = raised.awaitNanos(nanos);
      }
      return true;
    } finally {
      lock.unlock();
    }
  }
}
