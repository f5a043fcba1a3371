package io.meshforge.model.store;

import static io.meshforge.model.ResourceTypes.MESH;
import static io.meshforge.model.ResourceTypes.MESH_TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.meshforge.model.Resource;
import io.meshforge.model.ResourceKey;
import io.meshforge.model.ResourceType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ViewWatcherTest {

  private static final Duration DEADLINE = Duration.ofSeconds(10);
  private static final DebounceSettings QUICK =
      new DebounceSettings(Duration.ofMillis(20), Duration.ofMillis(100));

  private final ResourceView view = new ResourceView();
  private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
  private ViewWatcher watcher;

  record Delivery(ResourceType type, List<String> names, long nanoTime) {}

  @AfterEach
  void tearDown() {
    if (watcher != null) {
      watcher.close();
    }
  }

  private void record(ResourceType type, List<Resource> resources) {
    deliveries.add(
        new Delivery(type, resources.stream().map(Resource::name).toList(), System.nanoTime()));
  }

  @Test
  void start_loadedView_deliversEveryWatchedTypeOnce() {
    put(MESH, "", "default", 1);
    put(MESH_TIMEOUT, "default", "t1", 1);

    watcher = ViewWatcher.start(view, List.of(MESH, MESH_TIMEOUT), QUICK, this::record);

    await().atMost(DEADLINE).until(() -> deliveries.size() == 2);
    assertThat(deliveries)
        .extracting(Delivery::type, Delivery::names)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(MESH, List.of("default")),
            org.assertj.core.groups.Tuple.tuple(MESH_TIMEOUT, List.of("t1")));
  }

  @Test
  void onChanges_burst_deliveredOnceWithFinalState() {
    watcher =
        ViewWatcher.start(
            view,
            List.of(MESH_TIMEOUT),
            new DebounceSettings(Duration.ofMillis(200), Duration.ofSeconds(5)),
            this::record);
    await().atMost(DEADLINE).until(() -> deliveries.size() == 1);

    for (int i = 0; i < 20; i++) {
      put(MESH_TIMEOUT, "default", "t" + i, 1);
    }

    await().atMost(DEADLINE).until(() -> deliveries.size() == 2);
    assertThat(deliveries.get(1).names()).hasSize(20);
    await().during(Duration.ofMillis(400)).atMost(DEADLINE).until(() -> deliveries.size() == 2);
  }

  @Test
  void onChanges_neverQuiet_deliveredByMaxDelayWhileChangesContinue() {
    watcher =
        ViewWatcher.start(
            view,
            List.of(MESH_TIMEOUT),
            new DebounceSettings(Duration.ofMillis(100), Duration.ofMillis(300)),
            this::record);
    await().atMost(DEADLINE).until(() -> deliveries.size() == 1);

    // A writer that never pauses for the quiet time: only the bound can deliver.
    long firstChange = System.nanoTime();
    int written = 0;
    while (deliveries.size() < 2 && System.nanoTime() - firstChange < DEADLINE.toNanos()) {
      put(MESH_TIMEOUT, "default", "t" + written++, 1);
      java.util.concurrent.locks.LockSupport.parkNanos(1_000_000); // pacing the load, not a wait
    }
    int writtenWhenDelivered = written;
    put(MESH_TIMEOUT, "default", "after", 1);

    assertThat(deliveries).hasSize(2);
    assertThat(Duration.ofNanos(deliveries.get(1).nanoTime() - firstChange))
        .isGreaterThanOrEqualTo(Duration.ofMillis(300));
    assertThat(deliveries.get(1).names()).hasSizeLessThanOrEqualTo(writtenWhenDelivered);
  }

  @Test
  void onChanges_unwatchedType_notDelivered() {
    watcher = ViewWatcher.start(view, List.of(MESH_TIMEOUT), QUICK, this::record);
    await().atMost(DEADLINE).until(() -> deliveries.size() == 1);

    put(MESH, "", "other", 1);

    await().during(Duration.ofMillis(300)).atMost(DEADLINE).until(() -> deliveries.size() == 1);
  }

  @Test
  void onChanges_twoTypes_eachDeliveredWithItsOwnState() {
    watcher = ViewWatcher.start(view, List.of(MESH, MESH_TIMEOUT), QUICK, this::record);
    await().atMost(DEADLINE).until(() -> deliveries.size() == 2);

    put(MESH, "", "m", 1);

    await().atMost(DEADLINE).until(() -> deliveries.size() == 3);
    assertThat(deliveries.get(2)).extracting(Delivery::type).isEqualTo(MESH);
    assertThat(deliveries.get(2).names()).containsExactly("m");
  }

  @Test
  void onChanges_slowListener_doesNotBlockTheViewWriter() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger calls = new AtomicInteger();
    watcher =
        ViewWatcher.start(
            view,
            List.of(MESH_TIMEOUT),
            QUICK,
            (type, resources) -> {
              calls.incrementAndGet();
              awaitQuietly(release);
            });
    await().atMost(DEADLINE).until(() -> calls.get() == 1);

    // The listener is blocked; the writer must still get through quickly, many times.
    for (int i = 0; i < 100; i++) {
      put(MESH_TIMEOUT, "default", "t" + i, 1);
    }
    assertThat(view.list(MESH_TIMEOUT, null)).hasSize(100);

    release.countDown();
    await().atMost(DEADLINE).until(() -> calls.get() == 2);
  }

  @Test
  void onChanges_listenerThrew_calledAgainOnNextChange() {
    AtomicInteger calls = new AtomicInteger();
    watcher =
        ViewWatcher.start(
            view,
            List.of(MESH_TIMEOUT),
            QUICK,
            (type, resources) -> {
              calls.incrementAndGet();
              throw new IllegalStateException("consumer bug");
            });
    await().atMost(DEADLINE).until(() -> calls.get() == 1);

    put(MESH_TIMEOUT, "default", "t1", 1);

    await().atMost(DEADLINE).until(() -> calls.get() == 2);
  }

  @Test
  void close_pendingChange_neverDelivered() {
    watcher =
        ViewWatcher.start(
            view,
            List.of(MESH_TIMEOUT),
            new DebounceSettings(Duration.ofMillis(200), Duration.ofMillis(200)),
            this::record);
    await().atMost(DEADLINE).until(() -> deliveries.size() == 1);

    put(MESH_TIMEOUT, "default", "t1", 1);
    watcher.close();
    put(MESH_TIMEOUT, "default", "t2", 1);

    await().during(Duration.ofMillis(500)).atMost(DEADLINE).until(() -> deliveries.size() == 1);
  }

  @Test
  void start_sharedScheduler_deliversOnItAndLeavesItRunning() throws Exception {
    var scheduler =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("shared-kds-scheduler").factory());
    try {
      List<String> threads = new CopyOnWriteArrayList<>();
      watcher =
          ViewWatcher.start(
              view,
              List.of(MESH_TIMEOUT),
              QUICK,
              scheduler,
              (type, resources) -> threads.add(Thread.currentThread().getName()));
      put(MESH_TIMEOUT, "default", "t1", 1);
      await().atMost(DEADLINE).until(() -> threads.size() == 2);
      watcher.close();

      assertThat(threads).containsOnly("shared-kds-scheduler");
      assertThat(scheduler.isShutdown()).isFalse();
    } finally {
      scheduler.shutdownNow();
      assertThat(scheduler.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }
  }

  private void put(ResourceType type, String mesh, String name, long version) {
    Instant t = Instant.parse("2026-01-01T00:00:00Z");
    Resource resource =
        Resource.of(new ResourceKey(type, mesh, name), Map.of(), null).stored(version, t, t);
    view.apply(
        List.of(
            ResourceChange.upsert(view.revision() + 1, ResourceChange.Operation.CREATE, resource)));
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
