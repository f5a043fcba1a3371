package io.meshforge.zone.resource;

import static org.awaitility.Awaitility.await;

import io.meshforge.model.ResourceKey;
import io.meshforge.model.ResourceTypes;
import io.meshforge.model.store.ResourceChange;
import io.meshforge.model.store.ResourceView;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ReconcileLoopTest {
  private static final Duration DEADLINE = Duration.ofSeconds(5);

  private final ResourceView view = new ResourceView();
  private final AtomicInteger runs = new AtomicInteger();

  private ReconcileLoop loop(boolean finishes) {
    return new ReconcileLoop(
        view,
        Set.of(ResourceTypes.DATAPLANE),
        "reconcile-loop-test",
        Duration.ofMillis(10),
        Duration.ofMillis(20),
        "Testing",
        () -> {
          runs.incrementAndGet();
          return finishes;
        });
  }

  @Test
  void start_runsOnce_thenAWatchedChangeRunsAgain_anUnwatchedOneDoesNot() {
    try (ReconcileLoop loop = loop(true)) {
      loop.start();
      await().atMost(DEADLINE).until(() -> runs.get() == 1);

      view.apply(List.of(ResourceChange.deleted(1, ResourceKey.global(ResourceTypes.ZONE, "z"))));
      await().during(Duration.ofMillis(200)).atMost(DEADLINE).until(() -> runs.get() == 1);

      view.apply(
          List.of(
              ResourceChange.deleted(
                  2, ResourceKey.inMesh(ResourceTypes.DATAPLANE, "default", "web-1"))));
      await().atMost(DEADLINE).until(() -> runs.get() == 2);
    }
  }

  @Test
  void step_reportingUnfinishedWork_isRetried() {
    try (ReconcileLoop loop = loop(false)) {
      loop.start();

      await().atMost(DEADLINE).until(() -> runs.get() >= 3);
    }
  }

  @Test
  void watchedChange_whileOnlyALongRetryIsQueued_runsAfterTheDebounceNotTheRetry() {
    AtomicInteger failuresLeft = new AtomicInteger(1);
    try (ReconcileLoop loop =
        new ReconcileLoop(
            view,
            Set.of(ResourceTypes.DATAPLANE),
            "reconcile-loop-test",
            Duration.ofMillis(10),
            Duration.ofHours(1),
            "Testing",
            () -> {
              runs.incrementAndGet();
              return failuresLeft.getAndDecrement() <= 0; // the first run conflicts
            })) {
      loop.start();
      await().atMost(DEADLINE).until(() -> runs.get() == 1); // failed: a retry in an hour

      view.apply(
          List.of(
              ResourceChange.deleted(
                  1, ResourceKey.inMesh(ResourceTypes.DATAPLANE, "default", "web-1"))));

      await().atMost(DEADLINE).until(() -> runs.get() == 2);
      await().during(Duration.ofMillis(200)).atMost(DEADLINE).until(() -> runs.get() == 2);
    }
  }

  @Test
  void close_stopsRunning() {
    ReconcileLoop loop = loop(false);
    loop.start();
    await().atMost(DEADLINE).until(() -> runs.get() >= 1);
    loop.close();
    int afterClose = runs.get();

    await()
        .during(Duration.ofMillis(200))
        .atMost(DEADLINE)
        .until(() -> runs.get() <= afterClose + 1);
  }
}
