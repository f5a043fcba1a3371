package io.meshforge.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import javax.sql.DataSource;

/**
 * {@code DatabaseCounters} are PostgreSQL's cumulative statistics that explain its CPU per write:
 * committed transactions, WAL written, and how many row updates of {@code resources} were HOT (no
 * index entries written). PostgreSQL publishes them with a delay of up to a second, so they are
 * approximate over a short window.
 */
record DatabaseCounters(
    long commits, long walRecords, long walBytes, long updates, long hotUpdates) {

  private static final String QUERY =
      """
      SELECT (SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()),
             (SELECT wal_records FROM pg_stat_wal),
             (SELECT wal_bytes FROM pg_stat_wal)::bigint,
             (SELECT coalesce(sum(n_tup_upd), 0) FROM pg_stat_user_tables
               WHERE relname = 'resources'),
             (SELECT coalesce(sum(n_tup_hot_upd), 0) FROM pg_stat_user_tables
               WHERE relname = 'resources')
      """;

  /** Reads the counters now, after asking PostgreSQL to publish this session's own. */
  static DatabaseCounters read(DataSource dataSource) {
    try (Connection c = dataSource.getConnection();
        Statement st = c.createStatement()) {
      st.execute("SELECT pg_stat_force_next_flush()");
      try (ResultSet rs = st.executeQuery(QUERY)) {
        rs.next();
        return new DatabaseCounters(
            rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("reading PostgreSQL's statistics failed", e);
    }
  }

  /** Describes what happened between {@code before} and this, per write. */
  String perWriteSince(DatabaseCounters before, long writes) {
    double n = Math.max(1, writes);
    long updated = updates - before.updates;
    return String.format(
        Locale.ROOT,
        "transactions/write %.2f, WAL records/write %.1f, WAL bytes/write %.0f, HOT updates %.0f%%",
        (commits - before.commits) / n,
        (walRecords - before.walRecords) / n,
        (walBytes - before.walBytes) / n,
        updated == 0 ? 0.0 : 100.0 * (hotUpdates - before.hotUpdates) / updated);
  }
}
