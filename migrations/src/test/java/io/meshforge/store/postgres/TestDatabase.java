package io.meshforge.store.postgres;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/** {@code TestDatabase} is one migrated embedded PostgreSQL shared by a test class. */
final class TestDatabase implements AutoCloseable {

  final EmbeddedDatabase database;
  private final Path directory;

  private TestDatabase(Path directory) {
    this.directory = directory;
    this.database = new EmbeddedDatabase(directory.resolve("postgres"), 20);
    new DatabaseMigrator(database.dataSource()).migrate();
  }

  static TestDatabase start() throws Exception {
    return new TestDatabase(Files.createTempDirectory("meshforge-pg-test"));
  }

  DataSource dataSource() {
    return database.dataSource();
  }

  /** Returns an unpooled data source whose connections carry an application name. */
  DataSource unpooled(String applicationName) {
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setUrl(database.jdbcUrl());
    ds.setUser("postgres");
    ds.setPassword("postgres");
    ds.setApplicationName(applicationName);
    return ds;
  }

  /** Empties every table the store writes and restarts the revisions. */
  void clean() throws SQLException {
    execute(
        "TRUNCATE resources, resource_changes RESTART IDENTITY;"
            + " UPDATE resource_changes_horizon SET pruned_through = 0");
  }

  void execute(String sql) throws SQLException {
    try (Connection c = database.dataSource().getConnection();
        Statement st = c.createStatement()) {
      st.execute(sql);
    }
  }

  @Override
  public void close() throws Exception {
    database.close();
    try (var files = Files.walk(directory)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
