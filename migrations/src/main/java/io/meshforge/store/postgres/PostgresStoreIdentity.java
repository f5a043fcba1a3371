package io.meshforge.store.postgres;

import io.meshforge.model.store.StoreException;
import io.meshforge.model.store.StoreIdentity;
import io.meshforge.model.store.StoreUnavailableException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * {@code PostgresStoreIdentity} reads the epoch of a migrated database: the {@code store_identity}
 * row its first migration created with a random UUID. A restore from a backup brings the backup's
 * epoch back, so a process must not assume the epoch it read at startup is still current after a
 * database outage: each call reads the row again.
 */
public final class PostgresStoreIdentity implements StoreIdentity {

  private final DataSource dataSource;

  /** Returns the identity of the database behind {@code dataSource}. */
  public PostgresStoreIdentity(DataSource dataSource) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
  }

  /**
   * Reads the epoch.
   *
   * @throws StoreUnavailableException when the database cannot be reached
   * @throws StoreException when the row is missing (the database is not migrated)
   */
  @Override
  public UUID epoch() {
    try (Connection c = dataSource.getConnection();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT epoch FROM store_identity")) {
      if (!rs.next()) {
        throw new StoreException(
            "the database has no store identity: " + DatabaseMigrator.MIGRATE_HINT);
      }
      return rs.getObject(1, UUID.class);
    } catch (SQLException e) {
      if (StoreFailures.isUnavailable(e)) {
        throw new StoreUnavailableException(
            "reading the store epoch: the database is unavailable", e);
      }
      throw new StoreException("reading the store epoch failed: " + e.getMessage(), e);
    }
  }
}
