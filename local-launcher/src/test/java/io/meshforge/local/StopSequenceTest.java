package io.meshforge.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StopSequenceTest {
  @TempDir Path dir;

  @Test
  void stopAll_stopsWorkloadsThenZonesThenGlobal() {
    List<String> stopped = new CopyOnWriteArrayList<>();
    StopSequence stops = new StopSequence(dir);
    stops.add(StopSequence.Stage.GLOBAL, () -> stopped.add("global"));
    stops.add(StopSequence.Stage.ZONES, () -> stopped.add("zone"));
    stops.add(StopSequence.Stage.WORKLOADS, () -> stopped.add("app"));
    stops.add(StopSequence.Stage.ZONES, () -> stopped.add("zone"));

    stops.stopAll();

    assertThat(stopped).containsExactly("app", "zone", "zone", "global");
  }

  @Test
  void add_afterStoppingBegan_stopsAtOnce() {
    List<String> stopped = new CopyOnWriteArrayList<>();
    StopSequence stops = new StopSequence(dir);
    stops.stopAll();

    stops.add(StopSequence.Stage.ZONES, () -> stopped.add("late zone"));

    assertThat(stopped).containsExactly("late zone");
  }

  @Test
  void stopAll_childThatFailsToStop_stillStopsTheRest() {
    List<String> stopped = new CopyOnWriteArrayList<>();
    StopSequence stops = new StopSequence(dir);
    stops.add(
        StopSequence.Stage.WORKLOADS,
        () -> {
          throw new IllegalStateException("boom");
        });
    stops.add(StopSequence.Stage.GLOBAL, () -> stopped.add("global"));

    stops.stopAll();

    assertThat(stopped).containsExactly("global");
  }

  @Test
  void stopAll_descendantNobodyRegistered_isKilled() {
    // a grandchild: the shell started by a registered-nowhere process forks a sleep
    ProcessHandle shell =
        ManagedProcess.builder("orphan maker")
            .command(List.of("sh", "-c", "sleep 300 & wait"))
            .logFile(dir.resolve("orphan.log"))
            .start()
            .handle();
    List<ProcessHandle> tree = new java.util.ArrayList<>(List.of(shell));
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(10))
        .until(() -> shell.descendants().findAny().isPresent());
    tree.addAll(shell.descendants().toList());

    new StopSequence(dir).stopAll();

    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(15))
        .until(() -> tree.stream().noneMatch(ProcessHandle::isAlive));
  }
}
