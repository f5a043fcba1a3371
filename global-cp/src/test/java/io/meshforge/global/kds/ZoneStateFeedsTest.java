package io.meshforge.global.kds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.meshforge.model.Resource;
import io.meshforge.model.ResourceKey;
import io.meshforge.model.ResourceType;
import io.meshforge.model.ResourceTypes;
import io.meshforge.model.store.ResourceChange;
import io.meshforge.model.store.ResourceView;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ZoneStateFeedsTest {
  // Far longer than any assertion waits: a trailing window would hold every change this long.
  private static final Duration WINDOW = Duration.ofSeconds(30);

  private final ResourceView view = new ResourceView();
  private final ZoneStateFeeds feeds =
      new ZoneStateFeeds(view, new ZoneResourceFilter(zone -> true), WINDOW, Duration.ofHours(1));
  private final List<Collection<Resource>> timeouts = new CopyOnWriteArrayList<>();
  private long revision;

  @AfterEach
  void close() {
    feeds.close();
  }

  @Test
  void changeFlush_afterQuietPeriod_publishesWithoutWaitingForTheWindow() throws Exception {
    startWatching();

    write("first");

    await().atMost(Duration.ofSeconds(10)).until(() -> timeouts.size() == 2);
    assertThat(timeouts.get(1)).hasSize(1);
  }

  @Test
  void changeFlush_rightAfterAPublication_waitsForTheRestOfTheWindow() throws Exception {
    startWatching();
    write("first");
    await().atMost(Duration.ofSeconds(10)).until(() -> timeouts.size() == 2);

    write("second");

    // Still one change-driven publication a window: the second change is held back.
    await()
        .during(Duration.ofMillis(500))
        .atMost(Duration.ofSeconds(2))
        .until(() -> timeouts.size() == 2);
  }

  /** Subscribes one stream and waits for its initial full state (empty MeshTimeouts). */
  private void startWatching() {
    feeds.start();
    feeds
        .feedFor("zone-1")
        .watch((ResourceType type, Collection<Resource> resources) -> {
          if (type == ResourceTypes.MESH_TIMEOUT) {
            timeouts.add(resources);
          }
        });
    await().atMost(Duration.ofSeconds(10)).until(() -> timeouts.size() == 1);
  }

  private void write(String name) {
    Resource mesh = Resource.of(ResourceKey.global(ResourceTypes.MESH, "default"), Map.of(), null);
    Resource timeout =
        Resource.of(
            ResourceKey.inMesh(ResourceTypes.MESH_TIMEOUT, "default", name), Map.of(), null);
    view.apply(
        List.of(
            ResourceChange.upsert(++revision, ResourceChange.Operation.UPDATE, mesh.withVersion(1)),
            ResourceChange.upsert(
                ++revision, ResourceChange.Operation.CREATE, timeout.withVersion(1))));
  }
}
