package io.meshforge.store.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
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
 */
final class ChangeNotifier {

  private static final Logger LOG = LoggerFactory.getLogger(ChangeNotifier.class);
  private static final String NOTIFY =
      "SELECT set_config('synchronous_commit', 'off', true), pg_notify('resource_changes', '')";

  private final DataSource dataSource;
  private final AtomicBoolean pending = new AtomicBoolean();
  private final Thread thread;

  ChangeNotifier(DataSource dataSource) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    this.thread = Thread.ofPlatform().name("resource-change-notifier").daemon().start(this::run);
  }

  /** Records that a write committed; returns at once. */
  void changed() {
    if (pending.compareAndSet(false, true)) {
      LockSupport.unpark(thread);
    }
  }

  private void run() {
    while (true) {
      while (!pending.get()) {
        LockSupport.park(this);
      }
      pending.set(false);
      send();
    }
  }

  private void send() {
    try (Connection c = dataSource.getConnection();
        Statement st = c.createStatement()) {
      c.setAutoCommit(true);
      st.execute(NOTIFY);
    } catch (SQLException | RuntimeException e) {
      // The feeds' poll picks the change up; a closed pool at shutdown lands here too.
      LOG.debug("sending the change notification failed: {}", e.toString());
    }
  }
}
