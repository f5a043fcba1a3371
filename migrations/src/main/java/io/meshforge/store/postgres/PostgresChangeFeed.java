package io.meshforge.store.postgres;

import static io.meshforge.store.postgres.jooq.Tables.RESOURCES;
import static io.meshforge.store.postgres.jooq.Tables.RESOURCE_CHANGES;

import io.meshforge.model.Resource;
import io.meshforge.model.ResourceKey;
import io.meshforge.model.store.ResourceChange;
import io.meshforge.model.store.ResourceView;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code PostgresChangeFeed} keeps a {@link ResourceView} current with the {@code resources} table
 * by reading the {@code resource_changes} log.
 *
 * <p>It holds one dedicated connection for its queries, and a {@link NotificationListener} holds
 * another that {@code LISTEN}s on {@code resource_changes}. It starts with a full resync, then
 * reads the log after its position whenever its {@link ChangeSignal} is raised (by this process's
 * store after each commit, by the listener for other processes' NOTIFYs) and at least every poll
 * interval, joined to the current rows; a read sees a revision's resource as it is now, so applying
 * it never moves the view backwards. Out-of-order commits are handled by a {@link RevisionTracker}.
 * A lost connection is re-opened with exponential backoff and the feed continues from its position;
 * it resyncs fully when the log was pruned past its position, when too much piled up behind an
 * unresolved gap, and periodically as a safety net. It also prunes log rows older than the
 * retention.
 *
 * <p>Thread confinement: everything but {@link #start()}, {@link #awaitSynced} and {@link #close()}
 * runs on the feed's own thread, which is the only writer of the view.
 */
public final class PostgresChangeFeed implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(PostgresChangeFeed.class);
  static final String CHANNEL = "resource_changes";

  /*
   * Reads are plain JDBC: through jOOQ, rendering the statements and mapping the records took about
   * half of the feed thread's CPU (B4 profile), and the feed is the one thread every write's
   * visibility waits on.
   */
  private static final String SNAPSHOT_AND_HORIZON =
      "SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint,"
          + " pg_snapshot_xmax(pg_current_snapshot())::text::bigint, pruned_through"
          + " FROM resource_changes_horizon";

  /**
   * One read, one snapshot: columns 1-3 are the snapshot's xmin and xmax and the pruning horizon
   * (always one row, even with no changes), then the changes not applied yet. Parameters: the
   * highest revision applied, the batch size, the revisions missing below the highest applied
   * (bigint[]).
   *
   * <p>Not "above the watermark except those applied": with many concurrent writers thousands of
   * revisions can be applied above one late transaction's gap, and excluding them row by row made
   * each read quadratic; the missing revisions are the few transactions still in flight.
   *
   * <p>Written so that every part is an index lookup whatever the table's statistics say (B4 round
   * 4): the two halves of the batch are separate branches, because {@code revision > ? OR revision
   * = ANY (?)} has no index range and PostgreSQL scanned the whole log on every read (the log keeps
   * an hour of writes); and the row of each key is looked up in a {@code LATERAL} subquery, which
   * the planner cannot turn into a hash join over the whole {@code resources} table.
   */
  static final String READ_CHANGES =
      """
      WITH horizon AS (
          SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint AS xmin,
                 pg_snapshot_xmax(pg_current_snapshot())::text::bigint AS xmax,
                 pruned_through
            FROM resource_changes_horizon),
      batch AS (
          (SELECT revision, type, mesh, name, operation
             FROM resource_changes
            WHERE revision > ?
            ORDER BY revision
            LIMIT ?)
          UNION ALL
          SELECT revision, type, mesh, name, operation
            FROM resource_changes
           WHERE revision = ANY (?)),
      marked AS (
          SELECT b.*, revision = max(revision) OVER (PARTITION BY type, mesh, name) AS last
            FROM batch b)
      SELECT h.xmin, h.xmax, h.pruned_through,
             m.revision, m.type, m.mesh, m.name, m.operation, m.last,
             r.version, r.labels, r.spec, r.status, r.creation_time, r.modification_time
        FROM horizon h
        LEFT JOIN marked m ON true
        LEFT JOIN LATERAL (
            SELECT version, labels, spec, status, creation_time, modification_time
              FROM resources
             WHERE m.last AND type = m.type AND mesh = m.mesh AND name = m.name
             LIMIT 1) r ON true
       ORDER BY m.revision
      """;

  private final ResourceView view;
  private final ChangeFeedSettings settings;
  private final ChangeSignal signal;
  private final NotificationListener listener;
  private final RevisionTracker tracker = new RevisionTracker();
  private final CountDownLatch firstSync = new CountDownLatch(1);
  private final ConnectionLoop loop;

  private boolean needsResync = true;
  private long nextResyncNanos;
  private long nextPruneNanos;

  /**
   * Returns a feed for a migrated database, woken by NOTIFYs alone (every store's writes count as
   * another process's); call {@link #start()} to run it.
   */
  public PostgresChangeFeed(DataSource dataSource, ResourceView view, ChangeFeedSettings settings) {
    this(dataSource, view, settings, new ChangeSignal());
  }

  /**
   * Returns a feed for a migrated database; call {@link #start()} to run it.
   *
   * @param signal the signal this process's {@link PostgresResourceStore} raises after each commit
   */
  public PostgresChangeFeed(
      DataSource dataSource, ResourceView view, ChangeFeedSettings settings, ChangeSignal signal) {
    Objects.requireNonNull(dataSource, "dataSource");
    this.view = Objects.requireNonNull(view, "view");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.signal = Objects.requireNonNull(signal, "signal");
    this.listener = new NotificationListener(dataSource, signal, settings);
    this.loop =
        new ConnectionLoop(
            "resource-change-feed", "change feed", dataSource, settings, this::session, () -> {});
  }

  /** Starts the feed thread; returns at once. */
  public PostgresChangeFeed start() {
    listener.start();
    loop.start();
    return this;
  }

  /**
   * Waits until the first full resync is applied.
   *
   * @return {@code false} when the timeout passed first
   */
  public boolean awaitSynced(Duration timeout) throws InterruptedException {
    return firstSync.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Returns the feed's low watermark: every revision at or below it is in the view. */
  public long position() {
    return tracker.watermark();
  }

  /** Stops the feed thread and closes its connections. */
  @Override
  public void close() {
    listener.close();
    loop.close();
  }

  private void session(Connection c, Runnable established) throws SQLException {
    prepare(c);
    established.run();
    follow(c, DSL.using(c, SQLDialect.POSTGRES, new Settings().withExecuteLogging(false)));
  }

  private static void prepare(Connection c) throws SQLException {
    c.setAutoCommit(true);
    // A resync runs in one snapshot (a read is one statement, so one snapshot too), whose
    // xmin/xmax the gap handling relies on.
    c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
  }

  /** Follows the log on its connection until it fails or the feed is closed. */
  private void follow(Connection c, DSLContext db) throws SQLException {
    long pollMillis = settings.pollInterval().toMillis();
    while (loop.running()) {
      // Before the read: a write that commits after the read's snapshot raises the signal after
      // this, so the wait below returns at once and reads it.
      long seen = signal.generation();
      long now = System.nanoTime();
      if (needsResync || now - nextResyncNanos >= 0) {
        resync(c, db);
      } else {
        catchUp(c);
      }
      if (!settings.pruneInterval().isZero() && now - nextPruneNanos >= 0) {
        prune(db);
        nextPruneNanos = now + settings.pruneInterval().toNanos();
      }
      if (needsResync) {
        continue; // the read found the log pruned past the position: resync without waiting
      }
      // Waits until a write may have committed or the poll interval passes; either way the log
      // is read.
      long waitStart = System.nanoTime();
      boolean raised = awaitSignal(seen, Math.max(1, pollMillis));
      if (LOG.isTraceEnabled()) {
        LOG.trace(
            "read took {} us, waited {} us ({})",
            (waitStart - now) / 1000,
            (System.nanoTime() - waitStart) / 1000,
            raised ? "signalled" : "poll");
      }
    }
  }

  /** Reads the log after the watermark until a read returns less than a full batch. */
  private void catchUp(Connection c) throws SQLException {
    boolean full = true;
    while (full && loop.running() && !needsResync) {
      full = readOnce(c);
    }
  }

  /**
   * Reads the next batch of the log after the watermark and applies it. One autocommitted statement
   * returns the snapshot's xmin/xmax, the pruning horizon and the changes, all of one snapshot: one
   * round trip per read, which matters when the feed thread and the database compete with writers
   * for CPU (each round trip is two more wake-ups to wait for).
   */
  private boolean readOnce(Connection c) throws SQLException {
    ChangeBatch batch = readChanges(c);
    if (tracker.watermark() < batch.prunedThrough()) {
      LOG.warn(
          "the change log was pruned through {} past this feed's position {}: resyncing",
          batch.prunedThrough(),
          tracker.watermark());
      needsResync = true;
      return false;
    }
    for (long revision : batch.revisions()) {
      tracker.applied(revision);
    }
    view.apply(batch.changes());
    int rows = batch.revisions().length;
    boolean full = batch.full();
    long readThrough = full ? batch.revisions()[rows - 1] : tracker.highestApplied();
    tracker.afterRead(readThrough, batch.snapshotXmin(), batch.snapshotXmax());
    LOG.trace(
        "read {} rows through {}; watermark {}, {} applied above, {} gaps",
        rows,
        readThrough,
        tracker.watermark(),
        tracker.appliedAbove().size(),
        tracker.pendingGaps());
    if (tracker.appliedAbove().size() > settings.maxPendingRevisions()) {
      LOG.warn(
          "{} revisions applied past an unresolved gap at {}: resyncing",
          tracker.appliedAbove().size(),
          tracker.watermark() + 1);
      needsResync = true;
    }
    return full;
  }

  /**
   * Runs {@link #READ_CHANGES}: the log's revisions not applied yet, in revision order. Every
   * revision comes back, for the tracker, but only the last change of each key in the batch is
   * joined to its row: the row is read as it is now, so earlier changes of the key would carry the
   * same content. So a key written many times between two reads is sent and decoded once.
   */
  private ChangeBatch readChanges(Connection c) throws SQLException {
    try (PreparedStatement st = c.prepareStatement(READ_CHANGES)) {
      long highestApplied = tracker.highestApplied();
      st.setLong(1, highestApplied);
      st.setInt(2, settings.batchSize());
      st.setArray(3, c.createArrayOf("bigint", tracker.missingBelow(highestApplied)));
      long xmin = 0;
      long xmax = 0;
      long prunedThrough = 0;
      List<Long> revisions = new ArrayList<>();
      List<ResourceChange> changes = new ArrayList<>();
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          xmin = rs.getLong(1);
          xmax = rs.getLong(2);
          prunedThrough = rs.getLong(3);
          long revision = rs.getLong(4);
          if (rs.wasNull()) {
            continue; // nothing new: the one row carries only the snapshot and horizon
          }
          revisions.add(revision);
          if (!rs.getBoolean(9)) {
            continue; // a later change of the same key follows in this batch
          }
          Optional<ResourceKey> key =
              ResourceRows.key(rs.getString(5), rs.getString(6), rs.getString(7));
          if (key.isEmpty()) {
            continue; // a type this build does not know (written by a newer version)
          }
          changes.add(toChange(revision, key.get(), rs));
        }
      }
      long[] read = revisions.stream().mapToLong(Long::longValue).toArray();
      // Full when the branch above the highest applied revision hit the limit: more may follow.
      long above = revisions.stream().filter(r -> r > highestApplied).count();
      return new ChangeBatch(
          xmin, xmax, prunedThrough, read, changes, above == settings.batchSize());
    }
  }

  /**
   * One read of the log: its snapshot, every revision read (in order), the changes (one per key),
   * and whether the read stopped at the batch size.
   */
  private record ChangeBatch(
      long snapshotXmin,
      long snapshotXmax,
      long prunedThrough,
      long[] revisions,
      List<ResourceChange> changes,
      boolean full) {}

  private static ResourceChange toChange(long revision, ResourceKey key, ResultSet rs)
      throws SQLException {
    long version = rs.getLong(10);
    if (rs.wasNull()) {
      return ResourceChange.deleted(revision, key);
    }
    // The row is read as it is now: a logged DELETE whose key was created again is an update.
    ResourceChange.Operation operation =
        "CREATE".equals(rs.getString(8))
            ? ResourceChange.Operation.CREATE
            : ResourceChange.Operation.UPDATE;
    Resource resource =
        ResourceRows.resource(
            key,
            rs.getString(11),
            rs.getString(12),
            rs.getString(13),
            version,
            rs.getObject(14, OffsetDateTime.class),
            rs.getObject(15, OffsetDateTime.class));
    return ResourceChange.upsert(revision, operation, resource);
  }

  /**
   * Replaces the view with the whole table, read in one snapshot. The watermark is then set {@code
   * resyncWindow} revisions below the newest visible one, with the visible revisions above it
   * marked applied, so a transaction that took a revision shortly before the snapshot but commits
   * after it is still picked up.
   */
  private void resync(Connection c, DSLContext db) throws SQLException {
    c.setAutoCommit(false);
    try {
      long prunedThrough = snapshotAndHorizon(c)[2];
      Long newest =
          db.select(DSL.max(RESOURCE_CHANGES.REVISION)).from(RESOURCE_CHANGES).fetchOne().value1();
      long head = Math.max(prunedThrough, newest == null ? 0 : newest);
      long floor = Math.max(prunedThrough, head - settings.resyncWindow());
      List<Long> recent =
          db.select(RESOURCE_CHANGES.REVISION)
              .from(RESOURCE_CHANGES)
              .where(RESOURCE_CHANGES.REVISION.gt(floor))
              .fetch(RESOURCE_CHANGES.REVISION);
      List<Resource> all = new ArrayList<>();
      for (var row : db.selectFrom(RESOURCES).fetch()) {
        ResourceRows.key(row.getType(), row.getMesh(), row.getName())
            .ifPresent(key ->
                all.add(
                    ResourceRows.resource(
                        key,
                        row.getLabels(),
                        row.getSpec(),
                        row.getStatus(),
                        row.getVersion(),
                        row.getCreationTime(),
                        row.getModificationTime())));
      }
      c.commit();
      tracker.reset(floor);
      recent.forEach(tracker::applied);
      view.replaceAll(all, head);
      needsResync = false;
      nextResyncNanos = System.nanoTime() + settings.resyncInterval().toNanos();
      firstSync.countDown();
      LOG.debug("resynced {} resources at revision {}", all.size(), head);
    } finally {
      endTransaction(c);
    }
  }

  /** Deletes log rows older than the retention and moves the pruning horizon past them. */
  private void prune(DSLContext db) {
    int deleted =
        db.execute(
            "WITH pruned AS (DELETE FROM resource_changes WHERE change_time < now() - {0}::interval"
                + " RETURNING revision) UPDATE resource_changes_horizon SET pruned_through ="
                + " GREATEST(pruned_through, (SELECT max(revision) FROM pruned))",
            DSL.val(settings.retention().toMillis() + " milliseconds"));
    LOG.trace("pruned the change log ({} horizon row updated)", deleted);
  }

  /** Returns the snapshot's xmin and xmax and the pruning horizon, in one round trip. */
  private static long[] snapshotAndHorizon(Connection c) throws SQLException {
    try (PreparedStatement st = c.prepareStatement(SNAPSHOT_AND_HORIZON);
        ResultSet rs = st.executeQuery()) {
      rs.next();
      return new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)};
    }
  }

  private static void endTransaction(Connection c) throws SQLException {
    if (!c.isClosed() && !c.getAutoCommit()) {
      c.rollback();
      c.setAutoCommit(true);
    }
  }

  private boolean awaitSignal(long seen, long millis) {
    try {
      return signal.await(seen, millis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // close() interrupts; the loop has been closed
      return false;
    }
  }
}
