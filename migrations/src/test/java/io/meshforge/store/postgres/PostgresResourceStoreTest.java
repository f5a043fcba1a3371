package io.meshforge.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshforge.model.store.ResourceStore;
import io.meshforge.model.store.ResourceStoreContractTest;
import io.meshforge.model.store.ResourceView;
import io.meshforge.model.store.StoreUnavailableException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

class PostgresResourceStoreTest extends ResourceStoreContractTest {

  private static TestDatabase db;
  private final List<AutoCloseable> opened = new ArrayList<>();

  @BeforeAll
  static void startDatabase() throws Exception {
    db = TestDatabase.start();
  }

  @AfterAll
  static void stopDatabase() throws Exception {
    db.close();
  }

  @AfterEach
  void closeFeeds() throws Exception {
    for (AutoCloseable c : opened) {
      c.close();
    }
  }

  @Override
  protected ResourceStore newStore() {
    try {
      db.clean();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    return new PostgresResourceStore(db.dataSource());
  }

  @Override
  protected ResourceView viewOf(ResourceStore store) {
    ResourceView view = new ResourceView();
    PostgresChangeFeed feed =
        new PostgresChangeFeed(
                db.dataSource(),
                view,
                ChangeFeedSettings.defaults().withPollInterval(Duration.ofMillis(200)))
            .start();
    opened.add(feed);
    try {
      assertThat(feed.awaitSynced(Duration.ofSeconds(10))).isTrue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return view;
  }

  @Test
  void create_databaseUnreachable_throwsStoreUnavailable() {
    PGSimpleDataSource nowhere = new PGSimpleDataSource();
    nowhere.setUrl("jdbc:postgresql://127.0.0.1:1/postgres");
    nowhere.setConnectTimeout(2);
    PostgresResourceStore unreachable = new PostgresResourceStore(nowhere);

    assertThatThrownBy(() -> unreachable.create(mesh("default")))
        .isInstanceOf(StoreUnavailableException.class);
    assertThatThrownBy(() ->
            unreachable.list(
                io.meshforge.model.store.ResourceQuery.all(io.meshforge.model.ResourceTypes.MESH)))
        .isInstanceOf(StoreUnavailableException.class);
  }

  @Test
  void create_everyWrite_appendsToTheChangeLogInTheSameTransaction() throws Exception {
    store.create(mesh("a"));
    store.create(timeout("a", "t1", Map.of(), 0));
    store.create(timeout("a", "t2", Map.of(), 0));
    store.delete(io.meshforge.model.ResourceKey.global(io.meshforge.model.ResourceTypes.MESH, "a"));

    try (var c = db.dataSource().getConnection();
        var rs =
            c.createStatement()
                .executeQuery(
                    "SELECT string_agg(operation || ' ' || type || '/' || name, ',' ORDER BY"
                        + " revision) FROM resource_changes")) {
      rs.next();
      // The cascade deletes the policies before the Mesh row itself is gone.
      assertThat(rs.getString(1).split(","))
          .startsWith("CREATE Mesh/a", "CREATE MeshTimeout/t1", "CREATE MeshTimeout/t2")
          .hasSize(6)
          .contains("DELETE MeshTimeout/t1", "DELETE MeshTimeout/t2", "DELETE Mesh/a");
    }
  }
}
