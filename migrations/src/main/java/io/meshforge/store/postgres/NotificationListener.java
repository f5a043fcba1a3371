package io.meshforge.store.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code NotificationListener} turns the {@code resource_changes} NOTIFYs of other processes into
 * raises of a {@link ChangeSignal}, on its own connection and thread ({@code
 * resource-change-listener}).
 *
 * <p>Why a connection of its own: the feed waits on the signal, so that this process's writes wake
 * it directly, and pgjdbc delivers notifications only to a thread reading the listening connection,
 * which cannot also run the feed's queries. A NOTIFY carrying the signal's own origin is skipped
 * (the writer raised the signal already). After every (re)connect the signal is raised once: a
 * NOTIFY sent while nobody listened is lost, and the feed's next read catches up instead of waiting
 * for its poll interval.
 */
final class NotificationListener implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(NotificationListener.class);

  private final DataSource dataSource;
  private final ChangeSignal signal;
  private final ChangeFeedSettings settings;
  private final Thread thread;
  private volatile boolean running = true;
  private volatile Connection connection;

  NotificationListener(DataSource dataSource, ChangeSignal signal, ChangeFeedSettings settings) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    this.signal = Objects.requireNonNull(signal, "signal");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.thread =
        Thread.ofPlatform().name("resource-change-listener").daemon().unstarted(this::run);
  }

  NotificationListener start() {
    thread.start();
    return this;
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
    Connection current = connection;
    if (current != null) {
      try {
        current.close();
      } catch (SQLException e) {
        LOG.debug("closing the notification connection", e);
      }
    }
    try {
      thread.join(TimeUnit.SECONDS.toMillis(10));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void run() {
    long backoff = settings.reconnectBackoffMin().toMillis();
    while (running) {
      try (Connection c = dataSource.getConnection()) {
        connection = c;
        c.setAutoCommit(true);
        try (Statement st = c.createStatement()) {
          st.execute("LISTEN " + PostgresChangeFeed.CHANNEL);
        }
        backoff = settings.reconnectBackoffMin().toMillis();
        signal.raise();
        listen(c.unwrap(PGConnection.class));
      } catch (SQLException | RuntimeException e) {
        if (!running) {
          break;
        }
        LOG.warn(
            "change notifications lost their connection, retrying in {} ms: {}",
            backoff,
            e.toString());
        signal.raise(); // the feed reads on its poll meanwhile; one read now costs little
        sleep(backoff + ThreadLocalRandom.current().nextLong(backoff / 4 + 1));
        backoff = Math.min(backoff * 2, settings.reconnectBackoffMax().toMillis());
      } finally {
        connection = null;
      }
    }
  }

  private void listen(PGConnection pg) throws SQLException {
    // The timeout only bounds how long a closed feed keeps this thread; 0 would block forever.
    int timeout = (int) Math.max(1, settings.pollInterval().toMillis());
    while (running) {
      PGNotification[] notifications = pg.getNotifications(timeout);
      if (notifications == null) {
        continue;
      }
      for (PGNotification notification : notifications) {
        if (!signal.origin().equals(notification.getParameter())) {
          signal.raise();
          break;
        }
      }
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
