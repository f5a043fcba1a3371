package io.meshforge.bench;

import io.meshforge.kds.transport.ReconnectBackoff;
import io.meshforge.local.GlobalNode;
import io.meshforge.local.JavaCommand;
import io.meshforge.local.StartupCache;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code KdsFanInBenchmark} (B6) holds many zones on one global CP: a real global process (embedded
 * PostgreSQL) and N {@link EmulatedZone}s in this JVM, each reporting a seeded set of Dataplanes
 * and MeshServices. Per zone count it reports the time until every zone is first in sync, global's
 * CPU while idle, global's heap after a full GC per zone, and the resync after a global restart:
 * global is SIGKILLed and started again on the same database, and the clock runs until every zone
 * has reconnected and is in sync again ({@link KdsSyncProbe}: both directions' complete states
 * received, committed and ACKed).
 *
 * <p>Arguments ({@code key=value}): {@code zones=10,50,100}, {@code dataplanes=1000} and {@code
 * services=10} per zone, {@code backoff=1s} (the zones' first reconnect delay, the zone CP's
 * default), {@code backoffMax=5s} (the cap of the doubling delays; the zone CP's default {@code
 * zone.kds.retry}), {@code globalHeap=2g}, {@code idle=30} (seconds of idle CPU measurement),
 * {@code startupCache=true} (global runs extracted, with a class cache recorded in a training run),
 * {@code seed=1}.
 */
public final class KdsFanInBenchmark {
  private static final String MESH = "bench";
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Duration SYNC = Duration.ofMinutes(15);

  private KdsFanInBenchmark() {}

  /** One zone count's results. */
  record Row(
      int zones,
      int dataplanes,
      double firstSyncSeconds,
      double idleCpuPerMinute,
      double harnessIdleCpuPerMinute,
      double heapBaseMb,
      double heapMb,
      double globalStartSeconds,
      double resyncFromKillSeconds,
      double resyncFromReadySeconds,
      double lastDialFromReadySeconds,
      Latencies perZoneResync,
      double heapAfterResyncMb) {}

  public static void main(String[] args) throws Exception {
    BenchOptions options = BenchOptions.parse(args);
    List<Row> rows = new ArrayList<>();
    for (int zones : options.integers("zones", "10,50,100")) {
      rows.add(run(options, zones));
    }
    System.out.println();
    System.out.println(
        "| zones | dataplanes held | first sync s | global CPU-s/min idle | harness CPU-s/min idle |"
            + " heap after GC, no zones MB | with zones MB | KB per zone | global restart to ready"
            + " s | resync from kill s | resync from ready s | last dial after ready s | per-zone"
            + " dial → in sync p50 / max s | heap after resync MB |");
    System.out.println("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    rows.forEach(r -> System.out.println(format(r)));
    System.exit(0); // gRPC and HTTP client threads must not keep exec:java waiting
  }

  private static Row run(BenchOptions options, int zoneCount) throws Exception {
    int dataplanes = options.integer("dataplanes", 1000);
    int services = options.integer("services", 10);
    long seed = options.number("seed", 1);
    Duration backoff = options.duration("backoff", Duration.ofSeconds(1));
    Duration backoffMax = options.duration("backoffMax", ReconnectBackoff.DEFAULT_MAX);
    ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    ScheduledExecutorService scheduler =
        Executors.newScheduledThreadPool(2, Thread.ofPlatform().daemon().factory());
    List<EmulatedZone> zones = new ArrayList<>();
    try (FederationLab lab = new FederationLab("b6-" + zoneCount + "z")) {
      System.err.printf("[b6] %d emulated zones under %s%n", zoneCount, lab.dir());
      List<String> globalArgs = List.of("--mesh.defaults.policies=false");
      List<String> globalJvm = new ArrayList<>(List.of("-Xmx" + options.text("globalHeap", "2g")));
      Path globalJar = FederationLab.globalJar();
      if (options.text("startupCache", "true").equals("true")) {
        StartupCache.Prepared launch = trainedStartupCache(lab, globalArgs, globalJvm);
        globalJar = launch.jar();
        globalJvm.addAll(launch.jvmOptions());
      }
      GlobalNode global = lab.global("global", globalJar, globalArgs, globalJvm);
      global.start(FederationLab.START);
      if (global.putYaml("/meshes/" + MESH, "type: Mesh\nname: " + MESH + "\n") / 100 != 2) {
        throw new IllegalStateException("creating mesh " + MESH + " failed");
      }
      double heapBase = heapAfterGc(global);
      for (int z = 0; z < zoneCount; z++) {
        String name = String.format(Locale.ROOT, "ez-%03d", z);
        EmulatedZone zone =
            new EmulatedZone(
                name,
                global.issueZoneToken(name),
                global.spec().kdsPort(),
                global.kdsCa(),
                backoff,
                backoffMax,
                new Random(seed * 31 + z),
                executor,
                scheduler);
        zone.seed(ZoneTopology.of(z, MESH, services, dataplanes, seed));
        zones.add(zone);
      }
      long start = System.nanoTime();
      zones.forEach(EmulatedZone::start);
      int expected = zoneCount * dataplanes;
      await("first sync", () -> allSynced(zones) && dataplanesOn(global) == expected);
      double firstSync = (System.nanoTime() - start) / 1e9;
      System.err.printf("[b6] %d zones in sync after %.1f s%n", zoneCount, firstSync);

      long idleMillis = options.duration("idle", Duration.ofSeconds(30)).toMillis();
      double cpu0 = ProcessCpu.treeSeconds(global.process().pid());
      double harness0 = ProcessCpu.processSeconds();
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(idleMillis));
      double idleCpu = (ProcessCpu.treeSeconds(global.process().pid()) - cpu0) * 60000 / idleMillis;
      double harnessCpu = (ProcessCpu.processSeconds() - harness0) * 60000 / idleMillis;
      double heap = heapAfterGc(global);

      int[] callsBefore = zones.stream().mapToInt(z -> z.probe().calls()).toArray();
      long kill = System.nanoTime();
      global.kill();
      global.start(FederationLab.START);
      long ready = System.nanoTime();
      await(
          "resync after restart",
          () -> {
            for (int z = 0; z < zones.size(); z++) {
              KdsSyncProbe probe = zones.get(z).probe();
              if (probe.calls() <= callsBefore[z] || !probe.synced()) {
                return false;
              }
            }
            return true;
          });
      long synced = zones.stream().mapToLong(z -> z.probe().syncedAtNanos()).max().orElse(kill);
      long lastDial = zones.stream().mapToLong(z -> z.probe().openedAtNanos()).max().orElse(ready);
      Latencies perZone = new Latencies();
      zones.forEach(
          z -> perZone.add((z.probe().syncedAtNanos() - z.probe().openedAtNanos()) / 1_000_000.0));
      if (dataplanesOn(global) != expected) {
        throw new IllegalStateException("global lost dataplanes over the restart");
      }
      double heapAfter = heapAfterGc(global);
      Row row =
          new Row(
              zoneCount,
              expected,
              firstSync,
              idleCpu,
              harnessCpu,
              heapBase,
              heap,
              (ready - kill) / 1e9,
              (synced - kill) / 1e9,
              Math.max(0, synced - ready) / 1e9,
              (lastDial - ready) / 1e9,
              perZone,
              heapAfter);
      System.err.println("[b6] " + format(row));
      return row;
    } finally {
      zones.forEach(EmulatedZone::close);
      scheduler.shutdownNow();
      executor.shutdownNow();
    }
  }

  /**
   * Extracts global's jar and records its start-up class cache in a training run (a start and a
   * clean stop on a state directory of its own: the cache is written at exit, and the measured
   * global is SIGKILLed), so the measured restart starts the way {@code bin/meshforge-local} and a
   * production deployment with a class cache do. Returns the launch that uses the cache.
   */
  private static StartupCache.Prepared trainedStartupCache(
      FederationLab lab, List<String> args, List<String> jvm) {
    Path cacheDir = lab.dir().resolve("cache/global");
    StartupCache.Prepared launch = StartupCache.prepare(FederationLab.globalJar(), cacheDir);
    if (launch.records()) {
      List<String> trainingJvm = new ArrayList<>(jvm);
      trainingJvm.addAll(launch.jvmOptions());
      GlobalNode training = lab.global("global-training", launch.jar(), args, trainingJvm);
      training.setStopGrace(Duration.ofMinutes(3));
      training.start(FederationLab.START);
      training.putYaml("/meshes/" + MESH, "type: Mesh\nname: " + MESH + "\n");
      training.stop();
      launch.publish();
      launch = StartupCache.prepare(FederationLab.globalJar(), cacheDir);
    }
    System.err.println("[b6] global runs with " + launch.jvmOptions());
    return launch;
  }

  private static boolean allSynced(List<EmulatedZone> zones) {
    return zones.stream().allMatch(z -> z.probe().synced());
  }

  /** Global's count of Dataplanes in the mesh ({@code total} of the list), -1 when unanswered. */
  private static long dataplanesOn(GlobalNode global) {
    try {
      String body = global.get("/meshes/" + MESH + "/dataplanes?size=1");
      return body == null ? -1 : JSON.readTree(body).path("total").asLong(-1);
    } catch (RuntimeException e) {
      return -1;
    }
  }

  /** Runs a full GC in global ({@code jcmd GC.run}) and returns its heap in use, in MB. */
  private static double heapAfterGc(GlobalNode global) throws IOException, InterruptedException {
    Path jcmd = Path.of(JavaCommand.javaBinary()).resolveSibling("jcmd");
    Process gc =
        new ProcessBuilder(jcmd.toString(), Long.toString(global.process().pid()), "GC.run")
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    if (!gc.waitFor(60, TimeUnit.SECONDS)) {
      gc.destroyForcibly();
    }
    PrometheusText metrics = PrometheusText.scrape(global.diagnosticsUrl() + "/metrics");
    return metrics.sum("jvm_memory_used_bytes", "area=\"heap\"") / (1024.0 * 1024.0);
  }

  private static void await(String what, BooleanSupplier condition) {
    long start = System.nanoTime();
    long deadline = start + SYNC.toNanos();
    long report = start;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - report > Duration.ofSeconds(10).toNanos()) {
        report = System.nanoTime();
        System.err.printf(Locale.ROOT, "[b6] %s: waiting %.0f s%n", what, (report - start) / 1e9);
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(what + ": not reached within " + SYNC);
      }
      LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
    }
  }

  private static String format(Row r) {
    return String.format(
        Locale.ROOT,
        "| %d | %d | %.1f | %.2f | %.2f | %.0f | %.0f | %.0f | %.1f | %.1f | %.1f | %.1f | %.2f /"
            + " %.2f | %.0f |",
        r.zones(),
        r.dataplanes(),
        r.firstSyncSeconds(),
        r.idleCpuPerMinute(),
        r.harnessIdleCpuPerMinute(),
        r.heapBaseMb(),
        r.heapMb(),
        (r.heapMb() - r.heapBaseMb()) * 1024 / r.zones(),
        r.globalStartSeconds(),
        r.resyncFromKillSeconds(),
        r.resyncFromReadySeconds(),
        r.lastDialFromReadySeconds(),
        r.perZoneResync().percentile(0.50) / 1000,
        r.perZoneResync().max() / 1000,
        r.heapAfterResyncMb());
  }
}
