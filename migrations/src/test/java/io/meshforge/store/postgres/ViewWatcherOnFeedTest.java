package io.meshforge.store.postgres;

import static io.meshforge.model.ResourceTypes.MESH;
import static io.meshforge.model.ResourceTypes.MESH_TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.meshforge.model.Resource;
import io.meshforge.model.ResourceKey;
import io.meshforge.model.ResourceType;
import io.meshforge.model.store.DebounceSettings;
import io.meshforge.model.store.ResourceView;
import io.meshforge.model.store.ViewWatcher;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The path a KDS sender uses: store write → change feed → view → debounced per-type snapshot. */
class ViewWatcherOnFeedTest {

  private static final Duration DEADLINE = Duration.ofSeconds(10);
  private static TestDatabase db;

  record Snapshot(ResourceType type, List<String> names) {}

  @BeforeAll
  static void startDatabase() throws Exception {
    db = TestDatabase.start();
  }

  @AfterAll
  static void stopDatabase() throws Exception {
    db.close();
  }

  @Test
  void watcher_writesThroughTheStore_snapshotsFollowTheTable() throws Exception {
    db.clean();
    PostgresResourceStore store = new PostgresResourceStore(db.dataSource());
    store.create(Resource.of(ResourceKey.global(MESH, "default"), Map.of(), null));
    ResourceView view = new ResourceView();
    List<Snapshot> snapshots = new CopyOnWriteArrayList<>();
    try (PostgresChangeFeed feed =
        new PostgresChangeFeed(db.unpooled("watched-feed"), view, ChangeFeedSettings.defaults())
            .start()) {
      assertThat(feed.awaitSynced(DEADLINE)).isTrue();
      try (ViewWatcher watcher =
          ViewWatcher.start(
              view,
              List.of(MESH_TIMEOUT),
              new DebounceSettings(Duration.ofMillis(50), Duration.ofMillis(500)),
              (type, resources) ->
                  snapshots.add(
                      new Snapshot(type, resources.stream().map(Resource::name).toList())))) {
        await().atMost(DEADLINE).until(() -> snapshots.size() == 1);
        assertThat(snapshots.get(0).names()).isEmpty(); // loaded and empty: "there is nothing"

        for (int i = 0; i < 10; i++) {
          store.create(
              Resource.of(ResourceKey.inMesh(MESH_TIMEOUT, "default", "t" + i), Map.of(), null));
        }
        await()
            .atMost(DEADLINE)
            .until(() -> snapshots.get(snapshots.size() - 1).names().size() == 10);
        int afterCreates = snapshots.size();
        assertThat(afterCreates).isBetween(2, 11); // debounced: usually 2

        store.delete(ResourceKey.global(MESH, "default")); // cascades to the timeouts

        await().atMost(DEADLINE).until(() -> snapshots.size() > afterCreates);
        await().atMost(DEADLINE).until(() -> snapshots.get(snapshots.size() - 1).names().isEmpty());
        assertThat(snapshots).extracting(Snapshot::type).containsOnly(MESH_TIMEOUT);
      }
    }
  }
}
