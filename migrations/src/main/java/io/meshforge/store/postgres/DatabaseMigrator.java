package io.meshforge.store.postgres;

import io.meshforge.model.store.StoreUnavailableException;
import java.util.Arrays;
import java.util.Objects;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;

/**
 * {@code DatabaseMigrator} applies the Flyway migrations shipped in this module ({@code
 * classpath:db/migration}) and checks that a database is migrated before a control plane uses it.
 */
public final class DatabaseMigrator {

  /** The command a user runs to migrate, named by {@link #requireMigrated()}. */
  public static final String MIGRATE_HINT =
      "run `bin/meshforge-global migrate` or start with --migrate";

  private final Flyway flyway;

  /** Returns a migrator for the database behind a data source. */
  public DatabaseMigrator(DataSource dataSource) {
    this.flyway =
        Flyway.configure()
            .dataSource(Objects.requireNonNull(dataSource, "dataSource"))
            .locations("classpath:db/migration")
            .load();
  }

  /**
   * Applies every pending migration.
   *
   * @return how many migrations were applied (0 when the database was up to date)
   * @throws StoreUnavailableException when the database cannot be reached or a migration fails
   */
  public int migrate() {
    try {
      return flyway.migrate().migrationsExecuted;
    } catch (FlywayException e) {
      throw new StoreUnavailableException("migrating the database failed: " + e.getMessage(), e);
    }
  }

  /** Returns {@code true} when no migration of this build is pending. */
  public boolean isMigrated() {
    return pending().length == 0;
  }

  /**
   * Returns normally when the database is migrated.
   *
   * @throws DatabaseNotMigratedException naming the pending migrations and the command to run
   */
  public void requireMigrated() {
    MigrationInfo[] pending = pending();
    if (pending.length > 0) {
      String versions =
          Arrays.stream(pending)
              .map(m -> m.getVersion() + " " + m.getDescription())
              .collect(Collectors.joining(", "));
      throw new DatabaseNotMigratedException(
          "the database is not migrated: "
              + MIGRATE_HINT
              + " ("
              + pending.length
              + " pending: "
              + versions
              + ")");
    }
  }

  private MigrationInfo[] pending() {
    try {
      return flyway.info().pending();
    } catch (FlywayException e) {
      throw new StoreUnavailableException(
          "reading the schema version failed: " + e.getMessage(), e);
    }
  }
}
