package io.meshforge.zone.store;

import com.zaxxer.hikari.HikariDataSource;
import io.meshforge.store.postgres.EmbeddedDatabase;
import javax.sql.DataSource;

/** The database behind the store: embedded (ours) or external (the operator's). */
sealed interface StoreDatabase extends AutoCloseable {
  DataSource dataSource();

  boolean embedded();

  @Override
  void close();

  /** An embedded PostgreSQL under the state directory; closing stops it. */
  record Embedded(EmbeddedDatabase database) implements StoreDatabase {
    @Override
    public DataSource dataSource() {
      return database.dataSource();
    }

    @Override
    public boolean embedded() {
      return true;
    }

    @Override
    public void close() {
      database.close();
    }
  }

  /** An external PostgreSQL reached through a pool; closing closes the pool only. */
  record External(HikariDataSource pool) implements StoreDatabase {
    @Override
    public DataSource dataSource() {
      return pool;
    }

    @Override
    public boolean embedded() {
      return false;
    }

    @Override
    public void close() {
      pool.close();
    }
  }
}
