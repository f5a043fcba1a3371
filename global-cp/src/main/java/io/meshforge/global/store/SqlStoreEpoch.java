package io.meshforge.global.store;

import io.meshforge.model.store.StoreException;
import io.meshforge.model.store.StoreUnavailableException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.function.Supplier;
import javax.sql.DataSource;

/** Reads the epoch of the store's database, each call anew (a restore may change it). */
final class SqlStoreEpoch implements Supplier<UUID> {
  private final DataSource dataSource;

  SqlStoreEpoch(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public UUID get() {
    try (Connection c = dataSource.getConnection();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT epoch FROM store_identity")) {
      if (!rs.next()) {
        throw new StoreException("the database has no store identity: it is not migrated");
      }
      return rs.getObject(1, UUID.class);
    } catch (SQLException e) {
      throw new StoreUnavailableException("reading the store epoch failed: " + e.getMessage(), e);
    }
  }
}
