package io.meshforge.store.postgres;

import io.meshforge.model.store.LeaderElection;
import io.meshforge.model.store.LeadershipEvents;
import io.meshforge.model.store.LeaseSettings;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code PostgresLeaderElection} is a {@link LeaderElection} over a row of the {@code leader_lease}
 * table (one row per lease name: owner, expiry, heartbeat).
 *
 * <p>How "at most one leader" holds: one statement acquires or renews, setting {@code expiry =
 * now() + lease} by the database's clock, and succeeds only when the row is ours or has expired, so
 * the database never grants an unexpired lease to two owners. Locally, this instance counts itself
 * leader only until {@code sent + lease - clockMargin} by its monotonic clock, where {@code sent}
 * is when it <em>sent</em> the successful statement, which ran no earlier than that: so its own
 * view of the lease ends before the database's does, even if the heartbeat thread stalls (GC, CPU
 * starvation, a blocked statement). {@link #isLeader()} turns false at that instant without any
 * thread having to run. It also steps down as soon as a renewal fails (database down, connection
 * killed, lease taken): the database being down releases leadership.
 *
 * <p>Threads: the heartbeat runs on {@code leader-lease-<name>}, which alone uses the election's
 * connection (held open between heartbeats and re-opened after a failure); listeners run on {@code
 * leader-events-<name>} (see {@link LeadershipEvents}).
 */
public final class PostgresLeaderElection implements LeaderElection {

  private static final Logger LOG = LoggerFactory.getLogger(PostgresLeaderElection.class);

  /** Takes the lease when it is ours or expired; returns a row exactly when we hold it now. */
  private static final String ACQUIRE_OR_RENEW =
      """
      INSERT INTO leader_lease AS l (name, owner, expiry, heartbeat)
      VALUES (?, ?, now() + ? * interval '1 microsecond', now())
      ON CONFLICT (name) DO UPDATE
         SET owner = excluded.owner, expiry = excluded.expiry, heartbeat = excluded.heartbeat,
             record_version = l.record_version + 1
       WHERE l.owner = excluded.owner OR l.expiry <= now()
      RETURNING l.record_version
      """;

  private static final String RELEASE = "DELETE FROM leader_lease WHERE name = ? AND owner = ?";

  private final DataSource dataSource;
  private final String name;
  private final String candidateId;
  private final LeaseSettings settings;
  private final LeadershipEvents events;
  private final ScheduledExecutorService heartbeat;

  /** Written before {@link #holding} is set, read after it. */
  private volatile long validUntilNanos;

  private volatile boolean holding;
  private volatile boolean started;
  private volatile boolean stopped;

  /** Confined to the heartbeat thread. */
  private Connection connection;

  /**
   * Returns an election for the lease {@code name}, with a fresh candidate id; call {@link
   * #start()} to compete.
   *
   * @param dataSource a migrated database; the election holds one of its connections
   */
  public PostgresLeaderElection(DataSource dataSource, String name, LeaseSettings settings) {
    this(dataSource, name, defaultCandidateId(), settings);
  }

  /** Returns an election whose candidate id is given (shown in {@code leader_lease.owner}). */
  public PostgresLeaderElection(
      DataSource dataSource, String name, String candidateId, LeaseSettings settings) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    this.name = Objects.requireNonNull(name, "name");
    this.candidateId = Objects.requireNonNull(candidateId, "candidateId");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.events = new LeadershipEvents(name, this::isLeader);
    this.heartbeat =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("leader-lease-" + name).daemon().factory());
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String candidateId() {
    return candidateId;
  }

  @Override
  public synchronized void start() {
    if (stopped) {
      throw new IllegalStateException("election " + name + " was stopped");
    }
    if (!started) {
      started = true;
      heartbeat.execute(this::beat);
    }
  }

  @Override
  public synchronized void stop() {
    if (stopped) {
      return;
    }
    stopped = true;
    // Step down locally first, then free the row so another instance need not wait for expiry.
    holding = false;
    try {
      Future<?> released = heartbeat.submit(this::releaseAndDisconnect);
      heartbeat.shutdown();
      released.get(settings.leaseDuration().toMillis() + 5_000, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      LOG.debug("lease {} heartbeat already stopped", name);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      LOG.warn("releasing lease {} failed; it expires by itself", name, e);
    }
    heartbeat.shutdownNow();
    events.close();
  }

  @Override
  public boolean isLeader() {
    return holding && System.nanoTime() - validUntilNanos < 0;
  }

  @Override
  public void addListener(Listener listener) {
    events.addListener(listener);
  }

  @Override
  public void removeListener(Listener listener) {
    events.removeListener(listener);
  }

  /** One heartbeat: acquire or renew, update the local state, schedule the next one. */
  private void beat() {
    if (stopped) {
      return;
    }
    long sent = System.nanoTime();
    boolean held = false;
    try {
      held = acquireOrRenew();
    } catch (SQLException | RuntimeException e) {
      LOG.warn("lease {}: heartbeat failed, not leader: {}", name, e.toString());
      disconnect();
    }
    if (stopped) {
      return; // stop() stepped down and releases; never flip back to leader
    }
    if (held) {
      validUntilNanos =
          sent + settings.leaseDuration().toNanos() - settings.clockMargin().toNanos();
      holding = true;
      events.recheckAt(validUntilNanos);
    } else {
      holding = false;
    }
    // Always: even a successful renewal can follow a local expiry (a stalled heartbeat).
    events.recheck();
    long next = (held ? settings.renewInterval() : settings.retryInterval()).toNanos();
    try {
      heartbeat.schedule(this::beat, next, TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      LOG.debug("lease {} heartbeat stopped", name);
    }
  }

  private boolean acquireOrRenew() throws SQLException {
    Connection c = connection();
    try (PreparedStatement st = c.prepareStatement(ACQUIRE_OR_RENEW)) {
      // A statement blocked longer than the lease is useless: the lease is lost by then anyway.
      st.setQueryTimeout(queryTimeoutSeconds());
      st.setString(1, name);
      st.setString(2, candidateId);
      st.setLong(3, TimeUnit.NANOSECONDS.toMicros(settings.leaseDuration().toNanos()));
      try (ResultSet rs = st.executeQuery()) {
        return rs.next();
      }
    }
  }

  /** Runs on the heartbeat thread after any heartbeat under way, so nothing flips back. */
  private void releaseAndDisconnect() {
    holding = false;
    try {
      if (started) {
        try (PreparedStatement st = connection().prepareStatement(RELEASE)) {
          st.setQueryTimeout(queryTimeoutSeconds());
          st.setString(1, name);
          st.setString(2, candidateId);
          if (st.executeUpdate() > 0) {
            LOG.info("lease {} released by {}", name, candidateId);
          }
        }
      }
    } catch (SQLException | RuntimeException e) {
      LOG.warn("lease {}: release failed, it expires by itself: {}", name, e.toString());
    } finally {
      disconnect();
    }
  }

  private Connection connection() throws SQLException {
    if (connection == null) {
      Connection c = dataSource.getConnection();
      c.setAutoCommit(true);
      connection = c;
    }
    return connection;
  }

  private void disconnect() {
    Connection c = connection;
    connection = null;
    if (c != null) {
      try {
        c.close();
      } catch (SQLException e) {
        LOG.debug("closing the lease connection of {}", name, e);
      }
    }
  }

  private int queryTimeoutSeconds() {
    return (int) Math.max(1, settings.leaseDuration().toSeconds());
  }

  private static String defaultCandidateId() {
    String host = System.getenv().getOrDefault("HOSTNAME", "localhost");
    return host
        + "/"
        + ProcessHandle.current().pid()
        + "/"
        + UUID.randomUUID().toString().substring(0, 8);
  }
}
