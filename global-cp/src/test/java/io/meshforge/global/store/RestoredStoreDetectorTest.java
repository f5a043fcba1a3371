package io.meshforge.global.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshforge.store.postgres.DatabaseMigrator;
import io.meshforge.store.postgres.EmbeddedDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store whose change log went back under the same epoch (a restored copy) gets a new epoch by
 * itself; one that only moved forward, or carries another epoch, keeps its epoch.
 */
class RestoredStoreDetectorTest {
  static EmbeddedDatabase database;

  @TempDir static Path databaseDir;
  @TempDir Path stateDir;

  @BeforeAll
  static void startDatabase() {
    database = new EmbeddedDatabase(databaseDir.resolve("pg"), 4);
    new DatabaseMigrator(database.dataSource()).migrate();
  }

  @AfterAll
  static void stopDatabase() {
    database.close();
  }

  @BeforeEach
  void freshHistory() throws SQLException {
    sql("DELETE FROM resources WHERE type = 'Mesh'");
  }

  @Test
  void epoch_historyOnlyMovesForward_keepsTheEpochAcrossRestarts() throws SQLException {
    UUID first = detector().epoch();
    writeMeshes("forward-", 3);
    RestoredStoreDetector running = detector();
    assertThat(running.epoch()).isEqualTo(first);
    running.record();
    writeMeshes("more-", 2);
    assertThat(detector().epoch()).as("a restart after more writes").isEqualTo(first);
  }

  @Test
  void epoch_changeLogRewoundUnderTheSameEpoch_rotatesOnce_andSavesTheNewMark() throws Exception {
    writeMeshes("before-backup-", 2);
    long backup = revision();
    RestoredStoreDetector running = detector();
    UUID trusted = running.epoch();
    writeMeshes("after-backup-", 3);
    running.record();

    restoreTo(backup);
    UUID afterRestore = detector().epoch();

    assertThat(afterRestore).as("a restored copy is a new epoch").isNotEqualTo(trusted);
    assertThat(Files.readString(stateDir.resolve(HighWaterFile.NAME)))
        .startsWith(afterRestore.toString());
    assertThat(detector().epoch())
        .as("the next start does not rotate again")
        .isEqualTo(afterRestore);
  }

  @Test
  void epoch_rewoundUnderARunningGlobal_rotatesOnTheNextRead() throws SQLException {
    long backup = revision();
    RestoredStoreDetector running = detector();
    UUID trusted = running.epoch();
    writeMeshes("live-", 2);
    assertThat(running.epoch()).isEqualTo(trusted);

    restoreTo(backup);

    assertThat(running.epoch()).isNotEqualTo(trusted);
  }

  @Test
  void epoch_anotherDatabaseWithAnotherEpoch_isNotARewind() throws SQLException {
    writeMeshes("other-", 3);
    new HighWaterFile(stateDir).save(new StorePosition(UUID.randomUUID(), revision() + 1000));

    UUID current = currentEpoch();
    assertThat(detector().epoch()).isEqualTo(current);
  }

  private RestoredStoreDetector detector() {
    return new RestoredStoreDetector(database.dataSource(), new HighWaterFile(stateDir));
  }

  private static void writeMeshes(String prefix, int count) throws SQLException {
    for (int i = 0; i < count; i++) {
      sql(
          "INSERT INTO resources (type, mesh, name, version) VALUES ('Mesh', '', '"
              + prefix
              + i
              + "', 1)");
    }
  }

  /** What a restore does to the change log: back to the backup's last revision. */
  private static void restoreTo(long backup) throws SQLException {
    sql("DELETE FROM resource_changes WHERE revision > " + backup);
    sql("SELECT setval('resource_changes_revision_seq', " + Math.max(1, backup) + ")");
  }

  private static long revision() throws SQLException {
    return single("SELECT last_value FROM resource_changes_revision_seq");
  }

  private static UUID currentEpoch() throws SQLException {
    try (Connection c = database.dataSource().getConnection();
        Statement st = c.createStatement();
        var rs = st.executeQuery("SELECT epoch FROM store_identity")) {
      rs.next();
      return rs.getObject(1, UUID.class);
    }
  }

  private static long single(String query) throws SQLException {
    try (Connection c = database.dataSource().getConnection();
        Statement st = c.createStatement();
        var rs = st.executeQuery(query)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static void sql(String statement) throws SQLException {
    try (Connection c = database.dataSource().getConnection();
        Statement st = c.createStatement()) {
      st.execute(statement);
    }
  }
}
