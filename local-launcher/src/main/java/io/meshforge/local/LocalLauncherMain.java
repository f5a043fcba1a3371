package io.meshforge.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The README's main command: a global control plane and two zones (by default) on this machine,
 * each a separate JVM with its own embedded PostgreSQL, connected over authenticated KDS. Ctrl-C
 * stops everything it started; the state directory is reused by the next run.
 *
 * <pre>
 * meshforge-local [--zones east,west] [--state-dir .forge/local] [--jars DIR]
 * </pre>
 */
public final class LocalLauncherMain {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

  private LocalLauncherMain() {}

  public static void main(String[] args) throws Exception {
    Options options = Options.parse(args);
    Path state = options.stateDir().toAbsolutePath();
    Files.createDirectories(state);
    List<AutoCloseable> started = new ArrayList<>();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(() -> {
              say("Stopping...");
              for (int i = started.size() - 1; i >= 0; i--) {
                try {
                  started.get(i).close();
                } catch (Exception e) {
                  say("  " + e.getMessage());
                }
              }
              stopped.countDown();
            }));

    Instant begin = Instant.now();
    say(
        "Starting the global control plane (embedded PostgreSQL in "
            + state.resolve("global")
            + ")");
    GlobalNode global =
        new GlobalNode(
            new GlobalNode.Spec(
                options.jar("global-cp"), state.resolve("global"), 5681, 5685, 5680, List.of()));
    started.add(global);
    global.start(START_TIMEOUT);
    say("  global ready on http://localhost:5681 (" + since(begin) + ")");

    List<ZoneNode> zones = new ArrayList<>();
    int index = 1;
    for (String name : options.zones()) {
      int base = 10_000 * index++;
      ZoneNode zone =
          new ZoneNode(
              new ZoneNode.Spec(
                  name,
                  options.jar("zone-cp"),
                  state.resolve("zone-" + name),
                  base + 5681,
                  base + 5678,
                  base + 5680,
                  global.kdsAddress(),
                  global.kdsCa(),
                  // Same machine: the zone reads global's secrets key to open the mesh CAs.
                  List.of("--secrets.key=" + global.secretsKey().toAbsolutePath())));
      zone.withToken(global.issueZoneToken(name));
      say("Starting zone " + name + " (API on http://localhost:" + (base + 5681) + ")");
      started.add(zone);
      zone.start(START_TIMEOUT);
      zones.add(zone);
    }

    say("Waiting for the zones to connect to global...");
    Instant deadline = Instant.now().plus(START_TIMEOUT);
    Map<String, String> states = global.zoneStates();
    while (!allOnline(states, options.zones()) && Instant.now().isBefore(deadline)) {
      Thread.sleep(250);
      states = global.zoneStates();
    }
    report(global, zones, states, state, since(begin));
    stopped.await();
  }

  private static boolean allOnline(Map<String, String> states, List<String> zones) {
    return zones.stream().allMatch(z -> "Online".equals(states.get(z)));
  }

  private static void report(
      GlobalNode global,
      List<ZoneNode> zones,
      Map<String, String> states,
      Path state,
      String took) {
    StringBuilder out = new StringBuilder();
    out.append("\nMeshForge is running (").append(took).append(").\n\n");
    out.append("  Global CP    ")
        .append(global.apiUrl())
        .append("   (REST API; GUI comes later)\n");
    out.append("               KDS ")
        .append(global.kdsAddress())
        .append(", diagnostics http://127.0.0.1:5680/ready\n");
    for (ZoneNode zone : zones) {
      out.append("  Zone ")
          .append(String.format("%-8s", zone.name()))
          .append(zone.apiUrl())
          .append("   ")
          .append(states.getOrDefault(zone.name(), "unknown"))
          .append('\n');
    }
    out.append("\n  Admin token  ").append(state.resolve("global/admin-token")).append('\n');
    out.append("  Logs         ").append(state).append("/*/*.log\n\n");
    out.append("Try:\n");
    out.append("  curl -s localhost:5681/zones/_overview\n");
    out.append(
        "  curl -s -X PUT localhost:5681/meshes/default -H 'Content-Type: application/yaml' --data-binary $'type: Mesh\\nname: default'\n");
    if (!zones.isEmpty()) {
      out.append("  curl -s ")
          .append(zones.get(0).apiUrl())
          .append("/meshes/default/meshtrafficpermissions   # the policy reached the zone\n");
    }
    out.append("\nPress Ctrl-C to stop everything.\n");
    say(out.toString());
  }

  private static String since(Instant begin) {
    return Duration.between(begin, Instant.now()).toSeconds() + " s";
  }

  private static void say(String line) {
    System.out.println(line);
    System.out.flush();
  }

  /** The parsed command line. */
  record Options(List<String> zones, Path stateDir, Path jars) {
    static Options parse(String[] args) {
      List<String> zones = List.of("east", "west");
      Path stateDir = Path.of(".forge", "local");
      Path jars = null;
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--zones" -> zones = Arrays.asList(args[++i].split(","));
          case "--state-dir" -> stateDir = Path.of(args[++i]);
          case "--jars" -> jars = Path.of(args[++i]);
          default -> throw new IllegalArgumentException("unknown argument " + args[i]);
        }
      }
      return new Options(zones, stateDir, jars);
    }

    /** The {@code -exec} jar of a module: in {@code --jars DIR}, else in {@code MODULE/target}. */
    Path jar(String module) {
      Path dir = jars != null ? jars : Path.of(module, "target");
      try (var files = Files.list(dir)) {
        return files
            .filter(f -> f.getFileName().toString().startsWith(module + "-"))
            .filter(f -> f.getFileName().toString().endsWith("-exec.jar"))
            .findFirst()
            .orElseThrow(() -> new IllegalStateException("no " + module + " jar in " + dir));
      } catch (java.io.IOException e) {
        throw new IllegalStateException("no " + module + " jar in " + dir, e);
      }
    }
  }
}
