package io.meshforge.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshforge.model.store.StoreUnavailableException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

class PostgresStoreIdentityTest {

  private Path directory;

  @AfterEach
  void deleteDirectory() throws Exception {
    if (directory != null) {
      try (var files = Files.walk(directory)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  @Test
  void epoch_embeddedDatabaseRestarted_unchangedAndAFreshDatabaseGetsANewOne() throws Exception {
    directory = Files.createTempDirectory("meshforge-epoch-test");
    UUID first;
    try (EmbeddedDatabase database = new EmbeddedDatabase(directory.resolve("one"), 2)) {
      new DatabaseMigrator(database.dataSource()).migrate();
      first = new PostgresStoreIdentity(database.dataSource()).epoch();
      assertThat(new PostgresStoreIdentity(database.dataSource()).epoch()).isEqualTo(first);
    }
    try (EmbeddedDatabase restarted = new EmbeddedDatabase(directory.resolve("one"), 2)) {
      new DatabaseMigrator(restarted.dataSource()).migrate();
      assertThat(new PostgresStoreIdentity(restarted.dataSource()).epoch()).isEqualTo(first);
    }
    try (EmbeddedDatabase fresh = new EmbeddedDatabase(directory.resolve("two"), 2)) {
      new DatabaseMigrator(fresh.dataSource()).migrate();
      assertThat(new PostgresStoreIdentity(fresh.dataSource()).epoch())
          .isNotNull()
          .isNotEqualTo(first);
    }
  }

  @Test
  void epoch_databaseUnreachable_storeUnavailable() {
    PGSimpleDataSource nowhere = new PGSimpleDataSource();
    nowhere.setUrl("jdbc:postgresql://127.0.0.1:1/postgres");
    nowhere.setConnectTimeout(2);

    assertThatThrownBy(() -> new PostgresStoreIdentity(nowhere).epoch())
        .isInstanceOf(StoreUnavailableException.class);
  }
}
