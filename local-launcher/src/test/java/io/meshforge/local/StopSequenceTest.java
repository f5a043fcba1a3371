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
  void stopAll_stopsWorkloadsThenControlPlanesThenWhatComesAfter() {
    List<String> stopped = new CopyOnWriteArrayList<>();
    StopSequence stops = new StopSequence(dir);
    stops.add(StopSequence.Stage.AFTER, () -> stopped.add("cache"));
    stops.add(StopSequence.Stage.CONTROL_PLANES, () -> stopped.add("global"));
    stops.add(StopSequence.Stage.CONTROL_PLANES, () -> stopped.add("zone"));
    stops.add(StopSequence.Stage.WORKLOADS, () -> stopped.add("app"));

    stops.stopAll();

    assertThat(stopped).hasSize(4);
    assertThat(stopped.getFirst()).isEqualTo("app");
    assertThat(stopped.subList(1, 3)).containsExactlyInAnyOrder("zone", "global");
    assertThat(stopped.getLast()).isEqualTo("cache");
  }

  @Test
  void add_afterStoppingBegan_stopsAtOnce() {
    List<String> stopped = new CopyOnWriteArrayList<>();
    StopSequence stops = new StopSequence(dir);
    stops.stopAll();

    stops.add(StopSequence.Stage.CONTROL_PLANES, () -> stopped.add("late zone"));

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
    stops.add(StopSequence.Stage.CONTROL_PLANES, () -> stopped.add("global"));

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
