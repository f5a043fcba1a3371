package io.meshforge.store.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code ConnectionLoop} runs a session on a connection of its own, in a thread of its own, and
 * opens a new connection after the session failed, waiting an exponential backoff with jitter
 * between attempts, until it is closed. The change feed and its notification listener each run one.
 *
 * <p>{@link #close()} stops the loop from any thread: it interrupts the thread and closes the
 * connection, so a session blocked on a wait or inside the JDBC driver returns.
 */
final class ConnectionLoop implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ConnectionLoop.class);

  /** What runs on each connection; returns or throws when the connection is no longer usable. */
  interface Session {
    /**
     * Runs on a fresh connection.
     *
     * @param established to call once the connection is set up: the next failure waits the shortest
     *     backoff again
     */
    void run(Connection connection, Runnable established) throws SQLException;
  }

  private final String what;
  private final DataSource dataSource;
  private final ChangeFeedSettings settings;
  private final Session session;
  private final Runnable onLost;
  private final Thread thread;
  private volatile boolean running = true;
  private volatile Connection connection;

  /**
   * @param threadName the loop thread's name
   * @param what what the connection is for, in log lines
   * @param settings the reconnect backoff bounds
   * @param onLost runs on the loop thread after each failure, before the wait
   */
  ConnectionLoop(
      String threadName,
      String what,
      DataSource dataSource,
      ChangeFeedSettings settings,
      Session session,
      Runnable onLost) {
    this.what = what;
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.session = Objects.requireNonNull(session, "session");
    this.onLost = Objects.requireNonNull(onLost, "onLost");
    this.thread = Thread.ofPlatform().name(threadName).daemon().unstarted(this::run);
  }

  void start() {
    thread.start();
  }

  /** Whether the loop has not been closed; sessions loop while it holds. */
  boolean running() {
    return running;
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
        LOG.debug("closing the {} connection", what, e);
      }
    }
    try {
      thread.join(TimeUnit.SECONDS.toMillis(10));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void run() {
    Duration min = settings.reconnectBackoffMin();
    long[] backoff = {min.toMillis()};
    while (running) {
      try (Connection c = dataSource.getConnection()) {
        connection = c;
        session.run(c, () -> backoff[0] = min.toMillis());
      } catch (SQLException | RuntimeException e) {
        if (!running) {
          break;
        }
        LOG.warn("{} lost its connection, retrying in {} ms: {}", what, backoff[0], e.toString());
        onLost.run();
        sleep(backoff[0] + ThreadLocalRandom.current().nextLong(backoff[0] / 4 + 1));
        backoff[0] = Math.min(backoff[0] * 2, settings.reconnectBackoffMax().toMillis());
      } finally {
        connection = null;
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
