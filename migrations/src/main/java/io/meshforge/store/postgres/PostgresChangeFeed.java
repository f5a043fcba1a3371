package io.meshforge.store.postgres;

import static io.meshforge.store.postgres.jooq.Tables.RESOURCES;
import static io.meshforge.store.postgres.jooq.Tables.RESOURCE_CHANGES;
import static io.meshforge.store.postgres.jooq.Tables.RESOURCE_CHANGES_HORIZON;

import io.meshforge.model.Resource;
import io.meshforge.model.ResourceKey;
import io.meshforge.model.store.ResourceChange;
import io.meshforge.model.store.ResourceView;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Record3;
import org.jooq.Result;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code PostgresChangeFeed} keeps a {@link ResourceView} current with the {@code resources} table
 * by reading the {@code resource_changes} log.
 *
 * <p>It holds one dedicated connection that {@code LISTEN}s on {@code resource_changes} and also
 * runs the feed's queries. It starts with a full resync, then reads the log after its position on
 * every NOTIFY and at least every poll interval, joined to the current rows; a read sees a
 * revision's resource as it is now, so applying it never moves the view backwards. Out-of-order
 * commits are handled by a {@link RevisionTracker}. A lost connection is re-opened with exponential
 * backoff and the feed continues from its position; it resyncs fully when the log was pruned past
 * its position, when too much piled up behind an unresolved gap, and periodically as a safety net.
 * It also prunes log rows older than the retention.
 *
 * <p>Thread confinement: everything but {@link #start()}, {@link #awaitSynced} and {@link #close()}
 * runs on the feed's own thread, which is the only writer of the view.
 */
public final class PostgresChangeFeed implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(PostgresChangeFeed.class);
  private static final String CHANNEL = "resource_changes";

  private final DataSource dataSource;
  private final ResourceView view;
  private final ChangeFeedSettings settings;
  private final RevisionTracker tracker = new RevisionTracker();
  private final CountDownLatch firstSync = new CountDownLatch(1);
  private final Thread thread;
  private volatile boolean running = true;
  private volatile Connection connection;

  private boolean needsResync = true;
  private long nextResyncNanos;
  private long nextPruneNanos;

  /** Returns a feed for a migrated database; call {@link #start()} to run it. */
  public PostgresChangeFeed(DataSource dataSource, ResourceView view, ChangeFeedSettings settings) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    this.view = Objects.requireNonNull(view, "view");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.thread = Thread.ofPlatform().name("resource-change-feed").daemon().unstarted(this::run);
  }

  /** Starts the feed thread; returns at once. */
  public PostgresChangeFeed start() {
    thread.start();
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

  /** Stops the feed thread and closes its connection. */
  @Override
  public void close() {
    running = false;
    thread.interrupt();
    Connection current = connection;
    if (current != null) {
      try {
        current.close();
      } catch (SQLException e) {
        LOG.debug("closing the change feed connection", e);
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
        listen(c);
        backoff = settings.reconnectBackoffMin().toMillis();
        follow(c, DSL.using(c, SQLDialect.POSTGRES));
      } catch (SQLException | RuntimeException e) {
        if (!running) {
          break;
        }
        LOG.warn("change feed lost its connection, retrying in {} ms: {}", backoff, e.toString());
        sleep(backoff + ThreadLocalRandom.current().nextLong(backoff / 4 + 1));
        backoff = Math.min(backoff * 2, settings.reconnectBackoffMax().toMillis());
      } finally {
        connection = null;
      }
    }
  }

  private static void listen(Connection c) throws SQLException {
    c.setAutoCommit(true);
    // Each read runs in one snapshot, whose xmin/xmax the gap handling relies on.
    c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
    try (Statement st = c.createStatement()) {
      st.execute("LISTEN " + CHANNEL);
    }
  }

  /** Follows the log on a listening connection until it fails or the feed is closed. */
  private void follow(Connection c, DSLContext db) throws SQLException {
    PGConnection pg = c.unwrap(PGConnection.class);
    long pollMillis = settings.pollInterval().toMillis();
    while (running) {
      long now = System.nanoTime();
      if (needsResync || now - nextResyncNanos >= 0) {
        resync(c, db);
      } else {
        catchUp(c, db);
      }
      if (!settings.pruneInterval().isZero() && now - nextPruneNanos >= 0) {
        prune(db);
        nextPruneNanos = now + settings.pruneInterval().toNanos();
      }
      if (needsResync) {
        continue; // the read found the log pruned past the position: resync without waiting
      }
      // Blocks until a NOTIFY arrives or the poll interval passes; either way the log is read.
      long waitStart = System.nanoTime();
      PGNotification[] notifications = pg.getNotifications((int) Math.max(1, pollMillis));
      if (LOG.isTraceEnabled()) {
        LOG.trace(
            "read took {} us, waited {} us for {} notification(s)",
            (waitStart - now) / 1000,
            (System.nanoTime() - waitStart) / 1000,
            notifications == null ? 0 : notifications.length);
      }
    }
  }

  /** Reads the log after the watermark until a read returns less than a full batch. */
  private void catchUp(Connection c, DSLContext db) throws SQLException {
    boolean full = true;
    while (full && running && !needsResync) {
      full = readOnce(c, db);
    }
  }

  private boolean readOnce(Connection c, DSLContext db) throws SQLException {
    c.setAutoCommit(false);
    try {
      // The first statement fixes the snapshot of the whole transaction.
      Record3<Long, Long, Long> snapshot = snapshotAndHorizon(db);
      long prunedThrough = snapshot.value3();
      if (tracker.watermark() < prunedThrough) {
        LOG.warn(
            "the change log was pruned through {} past this feed's position {}: resyncing",
            prunedThrough,
            tracker.watermark());
        needsResync = true;
        return false;
      }
      var rows = readChanges(db);
      c.commit();
      applyRows(rows);
      boolean full = rows.size() == settings.batchSize();
      long readThrough =
          full
              ? rows.get(rows.size() - 1).get(RESOURCE_CHANGES.REVISION)
              : tracker.highestApplied();
      tracker.afterRead(readThrough, snapshot.value1(), snapshot.value2());
      LOG.trace(
          "read {} rows through {}; watermark {}, {} applied above, {} gaps",
          rows.size(),
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
    } finally {
      endTransaction(c);
    }
  }

  private Result<Record> readChanges(DSLContext db) {
    var changes = RESOURCE_CHANGES;
    var condition = changes.REVISION.gt(tracker.watermark());
    if (!tracker.appliedAbove().isEmpty()) {
      Long[] skip = tracker.appliedAbove().toArray(Long[]::new);
      condition = condition.and(DSL.not(changes.REVISION.eq(DSL.any(skip))));
    }
    return db.select(changes.REVISION, changes.TYPE, changes.MESH, changes.NAME, changes.OPERATION)
        .select(
            RESOURCES.VERSION,
            RESOURCES.LABELS,
            RESOURCES.SPEC,
            RESOURCES.STATUS,
            RESOURCES.CREATION_TIME,
            RESOURCES.MODIFICATION_TIME)
        .from(changes)
        .leftJoin(RESOURCES)
        .on(
            RESOURCES
                .TYPE
                .eq(changes.TYPE)
                .and(RESOURCES.MESH.eq(changes.MESH))
                .and(RESOURCES.NAME.eq(changes.NAME)))
        .where(condition)
        .orderBy(changes.REVISION)
        .limit(settings.batchSize())
        .fetch();
  }

  /** Applies rows as one batch; several changes of one key collapse into the last. */
  private void applyRows(Result<Record> rows) {
    Map<ResourceKey, ResourceChange> latest = new LinkedHashMap<>();
    for (Record row : rows) {
      long revision = row.get(RESOURCE_CHANGES.REVISION);
      tracker.applied(revision);
      Optional<ResourceKey> key =
          ResourceRows.key(
              row.get(RESOURCE_CHANGES.TYPE),
              row.get(RESOURCE_CHANGES.MESH),
              row.get(RESOURCE_CHANGES.NAME));
      if (key.isEmpty()) {
        continue; // a type this build does not know (written by a newer version)
      }
      latest.remove(key.get());
      latest.put(key.get(), toChange(revision, key.get(), row));
    }
    view.apply(new ArrayList<>(latest.values()));
  }

  private static ResourceChange toChange(long revision, ResourceKey key, Record row) {
    Long version = row.get(RESOURCES.VERSION);
    if (version == null) {
      return ResourceChange.deleted(revision, key);
    }
    // The row is read as it is now: a logged DELETE whose key was created again is an update.
    ResourceChange.Operation operation =
        "CREATE".equals(row.get(RESOURCE_CHANGES.OPERATION))
            ? ResourceChange.Operation.CREATE
            : ResourceChange.Operation.UPDATE;
    Resource resource =
        ResourceRows.resource(
            key,
            row.get(RESOURCES.LABELS),
            row.get(RESOURCES.SPEC),
            row.get(RESOURCES.STATUS),
            version,
            row.get(RESOURCES.CREATION_TIME),
            row.get(RESOURCES.MODIFICATION_TIME));
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
      long prunedThrough = snapshotAndHorizon(db).value3();
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
  private static Record3<Long, Long, Long> snapshotAndHorizon(DSLContext db) {
    return db.select(
            DSL.field("pg_snapshot_xmin(pg_current_snapshot())::text::bigint", Long.class),
            DSL.field("pg_snapshot_xmax(pg_current_snapshot())::text::bigint", Long.class),
            RESOURCE_CHANGES_HORIZON.PRUNED_THROUGH)
        .from(RESOURCE_CHANGES_HORIZON)
        .fetchOne();
  }

  private static void endTransaction(Connection c) throws SQLException {
    if (!c.isClosed() && !c.getAutoCommit()) {
      c.rollback();
      c.setAutoCommit(true);
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
