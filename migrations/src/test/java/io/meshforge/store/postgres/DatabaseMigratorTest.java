package io.meshforge.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshforge.model.Resource;
import io.meshforge.model.ResourceKey;
import io.meshforge.model.ResourceTypes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

class DatabaseMigratorTest {

  @TempDir Path stateDir;

  @Test
  void requireMigrated_freshDatabase_refusesNamingTheMigrateCommand_thenMigrateFixesIt() {
    try (EmbeddedDatabase database = new EmbeddedDatabase(stateDir.resolve("postgres"), 2)) {
      DatabaseMigrator migrator = new DatabaseMigrator(database.dataSource());

      assertThat(migrator.isMigrated()).isFalse();
      assertThatThrownBy(migrator::requireMigrated)
          .isInstanceOf(DatabaseNotMigratedException.class)
          .hasMessageStartingWith(
              "the database is not migrated: run `bin/meshforge-global migrate` or start with"
                  + " --migrate");

      assertThat(migrator.migrate()).isEqualTo(3);
      assertThatCode(migrator::requireMigrated).doesNotThrowAnyException();
      assertThat(migrator.migrate()).isZero();
    }
  }

  @Test
  void embeddedDatabase_restartedOnSameDirectory_keepsDataAndEpoch() throws Exception {
    Path dataDir = stateDir.resolve("postgres");
    UUID epoch;
    try (EmbeddedDatabase first = new EmbeddedDatabase(dataDir, 2)) {
      new DatabaseMigrator(first.dataSource()).migrate();
      new PostgresResourceStore(first.dataSource())
          .create(Resource.of(ResourceKey.global(ResourceTypes.MESH, "kept"), Map.of(), null));
      epoch = epoch(first.dataSource());
    }
    assertThat(Files.exists(dataDir.resolve("postgresql.conf"))).isTrue();

    try (EmbeddedDatabase second = new EmbeddedDatabase(dataDir, 2)) {
      DatabaseMigrator migrator = new DatabaseMigrator(second.dataSource());
      assertThatCode(migrator::requireMigrated).doesNotThrowAnyException();
      assertThat(
              new PostgresResourceStore(second.dataSource())
                  .get(ResourceKey.global(ResourceTypes.MESH, "kept")))
          .isPresent();
      assertThat(epoch(second.dataSource())).isEqualTo(epoch);
      assertThat(setting(second.dataSource(), "fsync")).isEqualTo("on");
      assertThat(setting(second.dataSource(), "synchronous_commit")).isEqualTo("on");
    }
  }

  @Test
  void requireMigrated_unreachableDatabase_throwsStoreUnavailable() {
    PGSimpleDataSource nowhere = new PGSimpleDataSource();
    nowhere.setUrl("jdbc:postgresql://127.0.0.1:1/postgres");
    nowhere.setConnectTimeout(2);

    assertThatThrownBy(() -> new DatabaseMigrator(nowhere).requireMigrated())
        .isInstanceOf(io.meshforge.model.store.StoreUnavailableException.class);
  }

  private static String setting(DataSource dataSource, String name) throws Exception {
    try (Connection c = dataSource.getConnection();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SHOW " + name)) {
      rs.next();
      return rs.getString(1);
    }
  }

  private static UUID epoch(DataSource dataSource) throws Exception {
    try (Connection c = dataSource.getConnection();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT epoch FROM store_identity")) {
      rs.next();
      return rs.getObject(1, UUID.class);
    }
  }
}
