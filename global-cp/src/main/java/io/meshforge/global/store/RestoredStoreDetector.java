package io.meshforge.global.store;

import io.meshforge.model.store.StoreException;
import io.meshforge.model.store.StoreIdentity;
import io.meshforge.model.store.StoreUnavailableException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;
import java.util.UUID;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code RestoredStoreDetector} gives a database put back to an earlier copy (a restored backup, a
 * copied data directory) a new store epoch by itself, so zones hold their deletions until an
 * operator confirms (F12, ADR 0013) even when nobody ran the {@code store.epoch.rotate} step.
 *
 * <p>How: every read of the epoch also reads the change-log sequence ({@link StorePosition}) and
 * compares it with the highest position this instance has seen, kept in memory and in a {@link
 * HighWaterFile} outside the database. Same epoch, lower revision: the history was rewound, so the
 * epoch is rotated (conditionally, so several instances rotate once) before it is advertised. The
 * first read happens at start, before the KDS listener opens.
 *
 * <p>Thread-safe: reads come from gRPC call threads and the saver; one at a time (a database round
 * trip each, on KDS call opens and every few seconds only).
 */
public final class RestoredStoreDetector implements StoreIdentity {
  private static final Logger log = LoggerFactory.getLogger(RestoredStoreDetector.class);

  private static final String POSITION =
      "SELECT i.epoch, s.last_value FROM store_identity i, resource_changes_revision_seq s";

  private final DataSource dataSource;
  private final HighWaterFile file;
  private StorePosition highest;
  private StorePosition saved;

  /**
   * @param dataSource the migrated store
   * @param file where the highest position seen survives restarts
   */
  RestoredStoreDetector(DataSource dataSource, HighWaterFile file) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    this.file = Objects.requireNonNull(file, "file");
    this.highest = file.load().orElse(null);
    this.saved = highest;
  }

  /**
   * Returns the store's epoch, rotated first when the store's history went back.
   *
   * @throws StoreUnavailableException when the database cannot be reached
   */
  @Override
  public synchronized UUID epoch() {
    StorePosition now = read();
    if (highest != null && now.rewoundFrom(highest)) {
      log.warn(
          "The store's change log is at revision {} but this instance saw {} under epoch {}: the"
              + " database was restored to an earlier copy. Rotating the epoch so zones hold back"
              + " deletions until an operator confirms it on each zone (ADR 0013)",
          now.revision(),
          highest.revision(),
          now.epoch());
      StoreEpochRotation.rotate(dataSource, now.epoch());
      now = read();
      highest = now;
      saveQuietly();
      return now.epoch();
    }
    highest = now.laterOf(highest);
    return now.epoch();
  }

  /** Reads the position now and saves the highest seen when it changed since the last save. */
  public synchronized void record() {
    epoch();
    saveQuietly();
  }

  private void saveQuietly() {
    if (highest == null || highest.equals(saved)) {
      return;
    }
    try {
      file.save(highest);
      saved = highest;
    } catch (UncheckedIOException e) {
      log.warn("Cannot save the store's high-water mark: {}", e.getMessage());
    }
  }

  private StorePosition read() {
    try (Connection c = dataSource.getConnection();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(POSITION)) {
      if (!rs.next()) {
        throw new StoreException("the database has no store identity (not migrated?)");
      }
      return new StorePosition(rs.getObject(1, UUID.class), rs.getLong(2));
    } catch (SQLException e) {
      throw new StoreUnavailableException(
          "reading the store position failed: " + e.getMessage(), e);
    }
  }
}
