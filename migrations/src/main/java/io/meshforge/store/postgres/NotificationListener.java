package io.meshforge.store.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * {@code NotificationListener} turns the {@code resource_changes} NOTIFYs of other processes into
 * raises of a {@link ChangeSignal}, on its own connection and thread ({@code
 * resource-change-listener}).
 *
 * <p>Why a connection of its own: the feed waits on the signal, so that this process's writes wake
 * it directly, and pgjdbc delivers notifications only to a thread reading the listening connection,
 * which cannot also run the feed's queries. A NOTIFY carrying the signal's own origin is skipped
 * (the writer raised the signal already). After every (re)connect and every lost connection the
 * signal is raised once: a NOTIFY sent while nobody listened is lost, and the feed's next read
 * catches up instead of waiting for its poll interval.
 */
final class NotificationListener implements AutoCloseable {

  private final ChangeSignal signal;
  private final ChangeFeedSettings settings;
  private final ConnectionLoop loop;

  NotificationListener(DataSource dataSource, ChangeSignal signal, ChangeFeedSettings settings) {
    this.signal = Objects.requireNonNull(signal, "signal");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.loop =
        new ConnectionLoop(
            "resource-change-listener",
            "change notifications",
            dataSource,
            settings,
            this::listen,
            signal::raise);
  }

  NotificationListener start() {
    loop.start();
    return this;
  }

  @Override
  public void close() {
    loop.close();
  }

  private void listen(Connection c, Runnable established) throws SQLException {
    c.setAutoCommit(true);
    try (Statement st = c.createStatement()) {
      st.execute("LISTEN " + PostgresChangeFeed.CHANNEL);
    }
    established.run();
    signal.raise();
    PGConnection pg = c.unwrap(PGConnection.class);
    // The timeout only bounds how long a closed feed keeps this thread; 0 would block forever.
    int timeout = (int) Math.max(1, settings.pollInterval().toMillis());
    while (loop.running()) {
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
}
