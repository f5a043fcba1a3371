package io.meshforge.local;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * {@code StopSequence} stops everything the launcher started, stage by stage: the demo workloads
 * first (agents stop their Envoys), then the zones, then global, so nothing loses its control plane
 * while it still runs. Within a stage everything stops in parallel (SIGTERM, SIGKILL after the
 * grace). Last, any descendant of the launcher still alive (an Envoy or a PostgreSQL whose parent
 * died without stopping it) gets SIGTERM and then SIGKILL: after {@link #stopAll()} no process the
 * launcher started is left.
 *
 * <p>Thread-safe: the main thread adds while the shutdown hook may already be stopping; whatever is
 * added after {@link #stopAll()} began is stopped at once.
 */
public final class StopSequence {
  /** The stages, in stopping order. */
  public enum Stage {
    WORKLOADS,
    /**
     * Zones and global together: stopping them one after the other gains nothing, and a JVM writing
     * its start-up cache at exit takes a while.
     */
    CONTROL_PLANES,
    /** After every process: what needs them gone (publishing recorded start-up caches). */
    AFTER
  }

  private static final Duration LEFTOVER_GRACE = Duration.ofSeconds(5);

  private final Map<Stage, List<AutoCloseable>> stages = new EnumMap<>(Stage.class);
  private final Path stateDir;
  private boolean stopping;

  /** A sequence for the processes of the launcher using {@code stateDir}. */
  public StopSequence(Path stateDir) {
    this.stateDir = stateDir;
  }

  /** Registers something to stop in {@code stage}; stops it now when stopping has begun. */
  public void add(Stage stage, AutoCloseable closeable) {
    synchronized (this) {
      if (!stopping) {
        stages.computeIfAbsent(stage, s -> new ArrayList<>()).add(closeable);
        return;
      }
    }
    closeQuietly(closeable);
  }

  /** Stops every stage in order, then whatever descendant of this process is still alive. */
  public void stopAll() {
    List<ProcessHandle> descendants = ProcessHandle.current().descendants().toList();
    Map<Stage, List<AutoCloseable>> toStop;
    synchronized (this) {
      stopping = true;
      toStop = new EnumMap<>(stages);
    }
    for (Stage stage : Stage.values()) {
      List<CompletableFuture<Void>> stops =
          toStop.getOrDefault(stage, List.of()).stream()
              .map(c -> CompletableFuture.runAsync(() -> closeQuietly(c)))
              .toList();
      stops.forEach(CompletableFuture::join);
    }
    List<ProcessHandle> left =
        java.util.stream.Stream.concat(descendants.stream(), ProcessHandle.current().descendants())
            .filter(ProcessHandle::isAlive)
            .distinct()
            .toList();
    left.forEach(ProcessHandle::destroy);
    Instant deadline = Instant.now().plus(LEFTOVER_GRACE);
    for (ProcessHandle process : left) {
      long remaining = Math.max(0, Duration.between(Instant.now(), deadline).toMillis());
      try {
        process.onExit().get(remaining, java.util.concurrent.TimeUnit.MILLISECONDS);
      } catch (Exception e) {
        process.destroyForcibly();
      }
    }
    StrayPostgres.stop(stateDir);
  }

  private static void closeQuietly(AutoCloseable closeable) {
    try {
      closeable.close();
    } catch (Exception e) {
      System.out.println("  while stopping: " + e.getMessage());
    }
  }
}
