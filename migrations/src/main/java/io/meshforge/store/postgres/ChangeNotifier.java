package io.meshforge.store.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code ChangeNotifier} sends the payload-free {@code NOTIFY resource_changes} that wakes the
 * change feeds, after writes committed, from its own thread ({@code resource-change-notifier}).
 *
 * <p>Why not from the write's own transaction: PostgreSQL serialises the commits of transactions
 * that NOTIFY, through their WAL flush, so concurrent writers could never share a flush (see the
 * migration {@code V202611231000}). Here the notification is its own transaction, committed with
 * {@code synchronous_commit} off (a lost notification costs at most one poll interval, it loses no
 * data), and a burst of writes shares one notification: {@link #changed()} only raises a flag.
 *
 * <p>Ordering: a writer calls {@link #changed()} after its commit, and the flag is cleared before
 * the NOTIFY is sent, so every committed write is followed by a NOTIFY that commits after it.
 *
 * <p>Spacing: NOTIFYs start at least {@link #MIN_SPACING} apart (the first after a quiet spell goes
 * at once). Why: a listener waiting in pgjdbc's {@code getNotifications(timeout)} does not return
 * after the first notification; it keeps reading while another message arrives within about 1 ms
 * (its "message pending?" check blocks on the socket for 1 ms). One writer writing back to back
 * made this thread send a NOTIFY every 0.3-0.5 ms, so the feed stayed inside that call, draining
 * notifications, for up to 300 ms at a time without reading the log (B4 round 5). Spaced wider than
 * that check, the stream cannot hold the feed; it also caps the notifications at 500 a second.
 */
final class ChangeNotifier {

  private static final Logger LOG = LoggerFactory.getLogger(ChangeNotifier.class);
  private static final String NOTIFY =
      "SELECT set_config('synchronous_commit', 'off', true), pg_notify('resource_changes', ?)";

  /** The least time between the starts of two NOTIFYs; see the class comment for why. */
  static final Duration MIN_SPACING = Duration.ofMillis(2);

  private final DataSource dataSource;
  private final ChangeSignal signal;
  private final AtomicBoolean pending = new AtomicBoolean();
  private final Thread thread;

  ChangeNotifier(DataSource dataSource, ChangeSignal signal) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    this.signal = Objects.requireNonNull(signal, "signal");
    this.thread = Thread.ofPlatform().name("resource-change-notifier").daemon().start(this::run);
  }

  /**
   * Records that a write committed: wakes this process's feeds at once and has a NOTIFY sent for
   * the other processes; returns at once.
   */
  void changed() {
    signal.raise();
    if (pending.compareAndSet(false, true)) {
      LockSupport.unpark(thread);
    }
  }

  private void run() {
    long spacing = MIN_SPACING.toNanos();
    long lastSend = System.nanoTime() - spacing;
    while (true) {
      while (!pending.get()) {
        LockSupport.park(this);
      }
      long wait = lastSend + spacing - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(this, wait); // may wake early (changed() unparks): re-checked above
        continue;
      }
      pending.set(false);
      lastSend = System.nanoTime();
      send();
    }
  }

  private void send() {
    try (Connection c = dataSource.getConnection();
        PreparedStatement st = c.prepareStatement(NOTIFY)) {
      c.setAutoCommit(true);
      st.setString(1, signal.origin());
      st.execute();
    } catch (SQLException | RuntimeException e) {
      // The feeds' poll picks the change up; a closed pool at shutdown lands here too.
      LOG.debug("sending the change notification failed: {}", e.toString());
    }
  }
}
