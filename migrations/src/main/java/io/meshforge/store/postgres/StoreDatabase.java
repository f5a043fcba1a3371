package io.meshforge.store.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code StoreDatabase} is the database behind a control plane's store: embedded (ours, under the
 * state directory, surviving restarts) or external (the operator's, reached through a pool).
 *
 * <p>Migrations: the embedded database is ours, so it is always migrated. An external database is
 * migrated only when asked; otherwise an unmigrated one stops the start with {@link
 * DatabaseNotMigratedException}, whose message names the command that fixes it.
 */
public sealed interface StoreDatabase extends AutoCloseable {

  /**
   * How to reach an external PostgreSQL.
   *
   * @param url JDBC URL; blank for an embedded database under the state directory
   * @param username user of the external database
   * @param password password of the external database
   * @param pool maximum connections in the pool
   */
  record Settings(String url, String username, String password, int pool) {}

  /**
   * Opens the external database {@code settings} names, or, when its URL is blank, starts an
   * embedded one in {@code <stateDir>/postgres}. The caller must {@link #close()} it: an embedded
   * server is not stopped by a JVM shutdown hook of its own.
   */
  static StoreDatabase open(Settings settings, Path stateDir) {
    Logger log = LoggerFactory.getLogger(StoreDatabase.class);
    if (settings.url().isBlank()) {
      Path dataDir = stateDir.toAbsolutePath().resolve("postgres");
      log.info("No store.postgres.url configured: starting an embedded PostgreSQL in {}", dataDir);
      // stopped by close(), which the owning context calls at shutdown (not by a JVM hook)
      return new Embedded(new EmbeddedDatabase(dataDir, settings.pool(), false));
    }
    HikariConfig hikari = new HikariConfig();
    hikari.setPoolName("store");
    hikari.setMaximumPoolSize(settings.pool());
    hikari.setJdbcUrl(settings.url());
    hikari.setUsername(settings.username());
    hikari.setPassword(settings.password());
    // Fail fast when the database is down: requests get 503 quickly instead of hanging.
    hikari.setConnectionTimeout(3_000);
    return new External(new HikariDataSource(hikari));
  }

  /** Returns the pooled data source. */
  DataSource dataSource();

  /** Returns {@code true} for the embedded database. */
  boolean embedded();

  /**
   * Brings the schema up to date when the database is embedded or {@code migrate} asks for it;
   * otherwise only checks it.
   *
   * @throws DatabaseNotMigratedException when the schema is older than this build and migrating was
   *     not asked for
   */
  default void prepareSchema(DatabaseMigrator migrator, boolean migrate) {
    if (embedded() || migrate) {
      migrator.migrate();
    } else {
      migrator.requireMigrated();
    }
  }

  /** Stops the embedded database or closes the pool. */
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
