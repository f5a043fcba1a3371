package io.meshforge.bench;

import io.meshforge.local.GlobalNode;
import io.meshforge.local.ZoneNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code KdsConvergenceBenchmark} (B3, store half) measures commit on global → applied in each
 * zone's store with real processes: a global CP and N zone CPs, each its own JVM. It writes
 * MeshTimeout changes on global through the REST API, first one per second, then in bursts, and
 * reports p50/p99/max per zone count.
 *
 * <p><b>How "applied" is observed.</b> Not by polling: every change writes a spec no other change
 * has, on a policy no other change of the same phase touches, and once every zone holds every
 * change the harness reads the modification times the stores stamped. Latency = the zone copy's
 * modification time − the global row's modification time. Both are stamped by the writing store
 * with microsecond resolution on the same machine clock: on global (PostgreSQL) the start of the
 * updating transaction, so global's commit is included; on a zone the moment its KDS sink applied
 * the batch (in-memory store: inside the apply; PostgreSQL store: the start of the applying
 * transaction, so the zone's own commit is not included).
 *
 * <p>Arguments ({@code key=value}): {@code zones=1,3,10}, {@code zoneStore=memory} (or {@code
 * postgres}), {@code changes=30} (at {@code rate=1} per second), {@code bursts=3} of {@code
 * burst=100} (written by {@code writers=4} concurrent REST clients, {@code pause=3s} apart), {@code
 * warmup=20} changes first, {@code debounce=} (global's {@code kds.feed.debounce}; empty: its
 * default).
 */
public final class KdsConvergenceBenchmark {
  private static final String MESH = "bench";
  private static final Duration CONVERGE = Duration.ofSeconds(60);

  private KdsConvergenceBenchmark() {}

  /** One phase's results. */
  record Phase(
      String name,
      int zones,
      int changes,
      Latencies perCopy,
      Latencies lastZone,
      double bytes,
      double responses,
      double globalCpu,
      double zonesCpu) {}

  public static void main(String[] args) throws Exception {
    BenchOptions options = BenchOptions.parse(args);
    List<Phase> results = new ArrayList<>();
    for (int zones : options.integers("zones", "1,3,10")) {
      results.addAll(run(options, zones));
    }
    System.out.println();
    System.out.println(
        "| zones | phase | copies | p50 ms | p99 ms | max ms | last-zone p50 | p99 | max |"
            + " KDS bytes / change | responses / change | global CPU-s / change |"
            + " zones CPU-s / change |");
    System.out.println("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (Phase p : results) {
      System.out.println(format(p));
    }
    System.exit(0); // gRPC and HTTP client threads must not keep exec:java waiting
  }

  private static List<Phase> run(BenchOptions options, int zoneCount) throws Exception {
    String zoneStore = options.text("zoneStore", "memory");
    int changes = options.integer("changes", 30);
    int burst = options.integer("burst", 100);
    int pool = Math.max(changes, burst);
    List<String> globalArgs = new ArrayList<>(List.of("--mesh.defaults.policies=false"));
    String debounce = options.text("debounce", "");
    if (!debounce.isEmpty()) {
      globalArgs.add("--kds.feed.debounce=" + debounce);
    }
    List<String> zoneArgs = new ArrayList<>();
    if (zoneStore.equals("memory")) {
      zoneArgs.add("--store.type=memory");
    }
    List<Phase> phases = new ArrayList<>();
    try (FederationLab lab = new FederationLab("b3-" + zoneCount + "z-" + zoneStore)) {
      System.err.printf("[b3] %d zones (%s stores) under %s%n", zoneCount, zoneStore, lab.dir());
      GlobalNode global = lab.global(globalArgs, List.of("-Xmx512m"));
      global.start(FederationLab.START);
      List<ZoneNode> zones = new ArrayList<>();
      for (int z = 0; z < zoneCount; z++) {
        zones.add(lab.zone("zone-" + z, global, zoneArgs, List.of("-Xmx256m", "-XX:+UseSerialGC")));
      }
      FederationLab.startAll(zones);
      if (global.putYaml("/meshes/" + MESH, "type: Mesh\nname: " + MESH + "\n") / 100 != 2) {
        throw new IllegalStateException("creating mesh " + MESH + " failed");
      }
      long[] sequence = {1_000};
      Map<String, Long> expected = new HashMap<>();
      for (int i = 0; i < pool; i++) {
        expected.put(name(i), ++sequence[0]);
        PolicyCopies.write(global, MESH, name(i), sequence[0]);
      }
      awaitConverged(zones, expected);
      // Warm-up (not recorded): the JIT compiles the paths a change takes in every process.
      for (int i = 0; i < options.integer("warmup", 20); i++) {
        String n = name(i % pool);
        expected.put(n, ++sequence[0]);
        PolicyCopies.write(global, MESH, n, sequence[0]);
        LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
      }
      awaitConverged(zones, expected);

      double rate = Double.parseDouble(options.text("rate", "1"));
      Duration interval = Duration.ofNanos(Math.round(1e9 / rate));
      phases.add(
          measure(
              "1/s",
              global,
              zones,
              expected,
              () -> {
                long next = System.nanoTime();
                for (int i = 0; i < changes; i++) {
                  long wait = next - System.nanoTime();
                  if (wait > 0) {
                    LockSupport.parkNanos(wait);
                  }
                  next += interval.toNanos();
                  String n = name(i);
                  expected.put(n, ++sequence[0]);
                  PolicyCopies.write(global, MESH, n, sequence[0]);
                }
                return changes;
              }));
      int writers = options.integer("writers", 4);
      Duration pause = options.duration("pause", Duration.ofSeconds(3));
      for (int b = 0; b < options.integer("bursts", 3); b++) {
        LockSupport.parkNanos(pause.toNanos());
        phases.add(
            measure(
                "burst " + burst,
                global,
                zones,
                expected,
                () -> {
                  burst(global, writers, burst, expected, sequence);
                  return burst;
                }));
      }
    }
    return phases;
  }

  /** The changes of one phase: returns how many were written. */
  @FunctionalInterface
  private interface Workload {
    int write() throws Exception;
  }

  private static Phase measure(
      String name,
      GlobalNode global,
      List<ZoneNode> zones,
      Map<String, Long> expected,
      Workload workload)
      throws Exception {
    PrometheusText before = PrometheusText.scrape(global.diagnosticsUrl() + "/metrics");
    double globalCpu0 = ProcessCpu.treeSeconds(global.process().pid());
    double zonesCpu0 = zonesCpu(zones);
    Map<String, Long> sentBefore = new HashMap<>(expected);
    int written = workload.write();
    awaitConverged(zones, expected);
    double globalCpu = ProcessCpu.treeSeconds(global.process().pid()) - globalCpu0;
    double zonesCpu = zonesCpu(zones) - zonesCpu0;
    PrometheusText after = PrometheusText.scrape(global.diagnosticsUrl() + "/metrics");
    // The policies this phase changed: their sequence moved.
    List<String> changed =
        expected.entrySet().stream()
            .filter(e -> !e.getValue().equals(sentBefore.get(e.getKey())))
            .map(Map.Entry::getKey)
            .toList();
    Map<String, PolicyCopies.Copy> onGlobal = PolicyCopies.read(global, MESH);
    Latencies perCopy = new Latencies();
    Map<String, Double> lastZone = new HashMap<>();
    for (ZoneNode zone : zones) {
      Map<String, PolicyCopies.Copy> onZone = PolicyCopies.read(zone, MESH);
      for (String policy : changed) {
        double ms = millisBetween(onGlobal.get(policy).modified(), onZone.get(policy).modified());
        perCopy.add(ms);
        lastZone.merge(policy, ms, Math::max);
      }
    }
    Latencies last = new Latencies();
    lastZone.values().forEach(last::add);
    Phase phase =
        new Phase(
            name,
            zones.size(),
            written,
            perCopy,
            last,
            after.sum("kds_delta_response_bytes_sent_total")
                - before.sum("kds_delta_response_bytes_sent_total"),
            after.sum("kds_delta_responses_sent_total")
                - before.sum("kds_delta_responses_sent_total"),
            globalCpu,
            zonesCpu);
    System.err.println("[b3] " + format(phase));
    return phase;
  }

  private static void burst(
      GlobalNode global, int writers, int count, Map<String, Long> expected, long[] sequence)
      throws Exception {
    Map<String, Long> batch = new HashMap<>();
    for (int i = 0; i < count; i++) {
      batch.put(name(i), ++sequence[0]);
    }
    expected.putAll(batch);
    List<Map.Entry<String, Long>> entries = new ArrayList<>(batch.entrySet());
    try (ExecutorService pool = Executors.newFixedThreadPool(writers)) {
      List<Future<?>> done = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        int writer = w;
        done.add(
            pool.submit(() -> {
              for (int i = writer; i < entries.size(); i += writers) {
                Map.Entry<String, Long> e = entries.get(i);
                PolicyCopies.write(global, MESH, e.getKey(), e.getValue());
              }
              return null;
            }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    }
  }

  /** Waits (bounded) until every zone holds every policy at its expected sequence. */
  private static void awaitConverged(List<ZoneNode> zones, Map<String, Long> expected) {
    long deadline = System.nanoTime() + CONVERGE.toNanos();
    for (ZoneNode zone : zones) {
      while (true) {
        String missing = firstMissing(zone, expected);
        if (missing == null) {
          break;
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              zone.name() + " did not converge within " + CONVERGE + ": " + missing);
        }
        LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
      }
    }
  }

  private static String firstMissing(ZoneNode zone, Map<String, Long> expected) {
    Map<String, PolicyCopies.Copy> copies;
    try {
      copies = PolicyCopies.read(zone, MESH);
    } catch (RuntimeException e) {
      return e.getMessage();
    }
    for (Map.Entry<String, Long> e : expected.entrySet()) {
      PolicyCopies.Copy copy = copies.get(e.getKey());
      if (copy == null || copy.sequence() != e.getValue()) {
        return e.getKey() + " (want " + e.getValue() + ", has " + copy + ")";
      }
    }
    return null;
  }

  private static double zonesCpu(List<ZoneNode> zones) {
    return zones.stream().mapToDouble(z -> ProcessCpu.treeSeconds(z.process().pid())).sum();
  }

  private static double millisBetween(Instant from, Instant to) {
    return Duration.between(from, to).toNanos() / 1e6;
  }

  private static String name(int i) {
    return String.format(Locale.ROOT, "bench-timeout-%03d", i);
  }

  private static String format(Phase p) {
    return String.format(
        Locale.ROOT,
        "| %d | %s | %s | %s | %.0f | %.2f | %.4f | %.4f |",
        p.zones(),
        p.name(),
        p.perCopy().cells(),
        p.lastZone().cells().substring(p.lastZone().cells().indexOf('|') + 2),
        p.bytes() / p.changes(),
        p.responses() / p.changes(),
        p.globalCpu() / p.changes(),
        p.zonesCpu() / p.changes());
  }
}
