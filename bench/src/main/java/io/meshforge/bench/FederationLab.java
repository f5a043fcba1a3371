package io.meshforge.bench;

import io.meshforge.local.ControlPlaneNode;
import io.meshforge.local.ExecJars;
import io.meshforge.local.FreePorts;
import io.meshforge.local.GlobalNode;
import io.meshforge.local.ZoneNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/**
 * {@code FederationLab} runs a global control plane and zone control planes as child JVMs (their
 * {@code -exec} jars, through local-launcher's nodes) under one run directory, and makes sure they
 * all die with the harness: {@link #close} stops them, and a shutdown hook kills whatever is left
 * if the harness is interrupted. A CP killed with SIGKILL leaves its embedded PostgreSQL running;
 * {@link #close} stops those too (by the pid in their {@code postmaster.pid}).
 */
final class FederationLab implements AutoCloseable {
  /** How long a CP may take to start on a loaded two-core machine (shared: load 20-45 seen). */
  static final Duration START = Duration.ofSeconds(600);

  /** How many zone CPs start at once: ten JVMs starting together on two cores time out. */
  private static final int PARALLEL_STARTS = 2;

  private final Path dir;
  private final List<ControlPlaneNode> nodes = new CopyOnWriteArrayList<>();
  private final Thread hook;

  /** Creates a fresh run directory {@code <bench.work.dir>/<name>-<timestamp>}. */
  FederationLab(String name) {
    String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    this.dir = workDir().resolve(name + "-" + stamp);
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.hook = new Thread(this::killAll, "federation-lab-cleanup");
    Runtime.getRuntime().addShutdownHook(hook);
  }

  Path dir() {
    return dir;
  }

  /** A global CP on fresh ports (not started). */
  GlobalNode global(List<String> args, List<String> jvm) {
    return global("global", globalJar(), args, jvm);
  }

  /**
   * A global CP on fresh ports (not started), run from {@code jar} (the {@code -exec} jar or its
   * extracted form) with its state under {@code <run dir>/<name>}.
   */
  GlobalNode global(String name, Path jar, List<String> args, List<String> jvm) {
    GlobalNode node =
        new GlobalNode(
                new GlobalNode.Spec(
                    jar,
                    dir.resolve(name),
                    FreePorts.next(),
                    FreePorts.next(),
                    FreePorts.next(),
                    args))
            .withJvmOptions(jvm);
    nodes.add(node);
    return node;
  }

  /** A zone CP dialling {@code global} directly, with a token issued by it (not started). */
  ZoneNode zone(String name, GlobalNode global, List<String> args, List<String> jvm) {
    ZoneNode node =
        new ZoneNode(
                new ZoneNode.Spec(
                    name,
                    jar("bench.zone.jar"),
                    dir.resolve("zone-" + name),
                    FreePorts.next(),
                    FreePorts.next(),
                    FreePorts.next(),
                    global.kdsAddress(),
                    global.kdsCa(),
                    args))
            .withJvmOptions(jvm)
            .withToken(global.issueZoneToken(name));
    nodes.add(node);
    return node;
  }

  /** Starts zones, a few at a time (start-up is class loading and, for PostgreSQL, initdb). */
  static void startAll(List<ZoneNode> zones) {
    for (int i = 0; i < zones.size(); i += PARALLEL_STARTS) {
      List<CompletableFuture<ZoneNode>> starts =
          zones.subList(i, Math.min(zones.size(), i + PARALLEL_STARTS)).stream()
              .map(z -> CompletableFuture.supplyAsync(() -> z.start(START)))
              .toList();
      starts.forEach(CompletableFuture::join);
    }
  }

  @Override
  public void close() {
    List<ControlPlaneNode> reversed = new ArrayList<>(nodes);
    java.util.Collections.reverse(reversed);
    for (ControlPlaneNode node : reversed) {
      try {
        node.stop();
      } catch (RuntimeException e) {
        System.err.println("[bench] stopping a node failed: " + e);
      }
    }
    stopOrphanedDatabases();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // already shutting down: the hook runs anyway
    }
  }

  private void killAll() {
    for (ControlPlaneNode node : nodes) {
      try {
        node.kill();
      } catch (RuntimeException e) {
        // best effort while the JVM exits
      }
    }
    stopOrphanedDatabases();
  }

  /** Stops the PostgreSQL of a CP that was SIGKILLed: by its pid file, only if it is a postgres. */
  private void stopOrphanedDatabases() {
    if (!Files.isDirectory(dir)) {
      return;
    }
    // A database stopping meanwhile deletes files under the walk: collect first, retry once.
    for (int attempt = 1; attempt <= 2; attempt++) {
      List<Path> pidFiles;
      try (Stream<Path> paths = Files.walk(dir)) {
        pidFiles = paths.filter(p -> p.getFileName().toString().equals("postmaster.pid")).toList();
      } catch (IOException | UncheckedIOException e) {
        if (attempt == 2) {
          System.err.println("[bench] looking for orphaned databases failed: " + e);
        }
        continue;
      }
      pidFiles.forEach(FederationLab::stopPostmaster);
      return;
    }
  }

  private static void stopPostmaster(Path pidFile) {
    try {
      long pid = Long.parseLong(Files.readAllLines(pidFile).getFirst().trim());
      ProcessHandle.of(pid)
          .filter(h -> h.info().command().orElse("").contains("postgres"))
          .ifPresent(h -> {
            h.destroy();
            try {
              h.onExit().get(15, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception e) {
              h.destroyForcibly();
            }
          });
    } catch (IOException | RuntimeException e) {
      // no such file any more, or not a pid: nothing to stop
    }
  }

  private static Path workDir() {
    return Path.of(System.getProperty("bench.work.dir", "target/bench-runs")).toAbsolutePath();
  }

  /** The global CP's {@code -exec} jar the harness was given. */
  static Path globalJar() {
    return jar("bench.global.jar");
  }

  private static Path jar(String property) {
    return ExecJars.fromProperty(
        property,
        "the harness through exec:java",
        "build with ./mvnw install -DskipTests -pl bench -am first");
  }
}
