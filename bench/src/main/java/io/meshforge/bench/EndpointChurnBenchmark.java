package io.meshforge.bench;

import io.meshforge.local.ZoneNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code EndpointChurnBenchmark} (B5) measures how fast endpoint churn reaches the consumers of a
 * service: from the start of the REST write that registers (or removes) one instance of {@code
 * backend} to the moment each of {@code proxies} emulated proxies in zone {@code east} has decoded
 * a ClusterLoadAssignment of {@code backend} that reflects it.
 *
 * <p>Deployment: {@link ChurnFederation} (global, {@code east}, {@code west}, an mTLS mesh, one
 * ZoneIngress per zone). In {@code east}: one permanent {@code backend} instance, and {@code
 * proxies} Dataplanes {@code proxy-<i>} (topology of {@link MeshTopology}, seeded: each serves
 * {@code svc-<i % services>} with outbounds to the first {@code outbounds} services and to {@code
 * backend}), each connected as an {@link EmulatedProxy} and configured before measuring.
 *
 * <p>After a warm-up ({@code warmup} instances of {@code svc-0} added and removed in each zone,
 * unrecorded, so the JIT has compiled a change's path), four stages of {@code instances} changes
 * each, written at {@code rate} per second:
 *
 * <ol>
 *   <li><b>in-zone add</b>: Dataplanes {@code backend-east-<j>} are PUT on east's API one at a
 *       time; a proxy has seen change {@code j} once it has {@code j} of them as local endpoints;
 *   <li><b>in-zone remove</b>: they are DELETEd in the same order;
 *   <li><b>cross-zone add</b>: Dataplanes {@code backend-west-<j>} are PUT on west's API; east's
 *       proxies reach them through west's ingress, one endpoint whose load-balancing weight is the
 *       number of instances west offers, so a proxy has seen change {@code j} once that weight is
 *       {@code j} (west's zone updates its ingress, which travels west → global → east by KDS);
 *   <li><b>cross-zone remove</b>: they are DELETEd.
 * </ol>
 *
 * <p>Per stage: every (proxy, change) latency and, per change, the slowest proxy's ("all consumers
 * updated"), p50/p99/max; a stage waits at most {@code deadline} for every proxy to see its last
 * change and reports those that did not as missed, so the run always ends by itself.
 *
 * <p>Cross-zone stages also get a per-hop breakdown ({@link IngressHops}, {@link HopBreakdown}):
 * when west's ZoneIngress, global's copy and east's copy first offered each change's instance count
 * (their stores' modification times), and when the last consumer had it.
 *
 * <p>Arguments: {@code proxies=1000 instances=50 rate=5 services=100 outbounds=20 channels=8
 * registrars=4 deadline=30s ready=600 settle=5s warmup=10 eastHeap=2g westHeap=512m hopPoll=100ms
 * zoneArgs=} (comma-separated {@code key=value} zone-cp properties, e.g. {@code
 * xds.debounce.delay=20ms}).
 */
public final class EndpointChurnBenchmark {
  static final String MESH = "bench";
  static final String BACKEND = "backend";

  /** Address blocks ({@link MeshTopology#address}) of the churned instances in east and west. */
  static final int EAST_BLOCK = 4;

  static final int WEST_BLOCK = 5;

  private EndpointChurnBenchmark() {}

  /** One stage's results. */
  record StageResult(
      String name,
      int proxies,
      int changes,
      Latencies perProxy,
      Latencies allConsumers,
      Latencies restWrites,
      int missed,
      double regenerationsPerProxyChange,
      double edsResponsesPerProxyChange,
      double eastCpuPerChange,
      double machineCpuPerSecond,
      HopBreakdown hops) {}

  public static void main(String[] args) throws Exception {
    BenchOptions options = BenchOptions.parse(args);
    List<StageResult> results = new ArrayList<>();
    String failure = null;
    ChurnObserver observer = null;
    try (FederationLab lab = new FederationLab("b5-endpoint-churn")) {
      ChurnFederation federation = ChurnFederation.start(lab, MESH, options);
      System.err.printf("[b5] CPs running under %s%n", lab.dir());
      int proxies = options.integer("proxies", 1000);
      int instances = options.integer("instances", 50);
      List<ChurnObserver.Stage> stages = stages(instances);
      DeliveryRecorder recorder = new DeliveryRecorder(proxies);
      observer = new ChurnObserver(recorder, stages.getFirst());
      MeshTopology topology = MeshTopology.of(MESH, options.integer("services", 100), 20261124L);
      IngressHops hops =
          new IngressHops(
                  MESH,
                  BACKEND,
                  ChurnFederation.WEST,
                  options.duration("hopPoll", Duration.ofMillis(100)))
              .start(federation.west(), federation.global(), federation.east());
      try (hops;
          ProxyFleet fleet = new ProxyFleet(federation.east(), options.integer("channels", 8))) {
        connect(options, topology, federation.east(), fleet, recorder, observer);
        LockSupport.parkNanos(options.duration("settle", Duration.ofSeconds(5)).toNanos());
        ChurnRun run = new ChurnRun(options, topology, federation, fleet, recorder, observer, hops);
        run.warmUp(options.integer("warmup", 10));
        LockSupport.parkNanos(options.duration("settle", Duration.ofSeconds(5)).toNanos());
        for (ChurnObserver.Stage stage : stages) {
          StageResult result = run.stage(stage);
          results.add(result);
          System.err.println("[b5] " + format(result));
        }
        System.err.println("[b5] ingress versions seen per hop: " + hops.seenCounts());
        String failures = fleet.failures();
        if (failures != null) {
          System.err.println("[b5] streams failed: " + failures);
        }
      }
    } catch (Exception e) {
      // A run that cannot complete still reports the stages it measured.
      System.err.println("[b5] stopped: " + e);
      failure = e.getMessage();
    }
    report(results, observer == null ? 0 : observer.unexpected(), failure);
    System.exit(0); // gRPC and HTTP client threads must not keep exec:java waiting
  }

  /** The four stages, numbered one after the other. */
  static List<ChurnObserver.Stage> stages(int instances) {
    var local = AssignmentLevels.localEndpoints(EAST_BLOCK);
    var remote = AssignmentLevels.remoteWeight(ChurnFederation.WEST);
    return List.of(
        new ChurnObserver.Stage("in-zone add", local, 1, instances, true),
        new ChurnObserver.Stage("in-zone remove", local, 1 + instances, instances, false),
        new ChurnObserver.Stage("cross-zone add", remote, 1 + 2 * instances, instances, true),
        new ChurnObserver.Stage("cross-zone remove", remote, 1 + 3 * instances, instances, false));
  }

  /** Registers the permanent backend and the proxies' Dataplanes, connects them, waits. */
  private static void connect(
      BenchOptions options,
      MeshTopology topology,
      ZoneNode east,
      ProxyFleet fleet,
      DeliveryRecorder recorder,
      ChurnObserver observer)
      throws Exception {
    long t0 = System.nanoTime();
    int proxies = options.integer("proxies", 1000);
    DataplaneRegistrar.put(
        east,
        MESH,
        topology.dataplaneBody("backend-base", "127.6.0.1", BACKEND, "http", List.of()));
    List<String> outbounds =
        new ArrayList<>(topology.firstServices(options.integer("outbounds", 20)));
    outbounds.add(BACKEND);
    DataplaneRegistrar.putAll(
        east,
        MESH,
        0,
        proxies,
        options.integer("registrars", 4),
        i ->
            topology.dataplaneBody(
                "proxy-" + i,
                MeshTopology.address(2, i),
                MeshTopology.service(i % topology.services()),
                "http",
                outbounds));
    for (int i = 0; i < proxies; i++) {
      int index = i;
      fleet.connect(
          new EmulatedProxy(MESH + ".proxy-" + i, BACKEND, cla -> observer.decoded(index, cla)));
    }
    Duration ready = options.duration("ready", Duration.ofMinutes(10));
    fleet.awaitReady(ready);
    int without = ChurnRun.awaitSeen(recorder, proxies, 0, ready);
    if (without > 0) {
      throw new IllegalStateException(without + " proxies got no endpoints of " + BACKEND);
    }
    System.err.printf(
        "[b5] %d proxies configured after %.1f s%n", proxies, (System.nanoTime() - t0) / 1e9);
  }

  private static void report(List<StageResult> results, long unexpected, String failure) {
    System.out.println();
    System.out.println(
        "| stage | proxies | changes | deliveries | per-proxy p50 ms | p99 ms | max ms |"
            + " all consumers p50 ms | p99 ms | max ms | missed | REST write p50 ms | max ms |"
            + " regenerations / proxy / change | EDS responses / proxy / change |"
            + " east CPU-s / change | machine CPU-s / s |");
    System.out.println(
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    results.forEach(r -> System.out.println(format(r)));
    for (String kind : List.of("in-zone", "cross-zone")) {
      List<StageResult> both = results.stream().filter(r -> r.name().startsWith(kind)).toList();
      if (both.isEmpty()) {
        continue;
      }
      Latencies all = new Latencies();
      both.forEach(r -> all.addAll(r.allConsumers()));
      int missed = both.stream().mapToInt(StageResult::missed).sum();
      boolean met = all.percentile(0.99) <= 1000 && missed == 0;
      System.out.printf(
          Locale.ROOT,
          "%s ±: all consumers updated p50 %.0f ms, p99 %.0f ms, max %.0f ms over %d changes,"
              + " %d missed: target p99 <= 1 s %s%n",
          kind,
          all.percentile(0.5),
          all.percentile(0.99),
          all.max(),
          all.count(),
          missed,
          met ? "met" : "NOT met");
    }
    System.out.println("assignments no change explains: " + unexpected);
    reportHops(results);
    if (failure != null) {
      System.out.println("stopped: " + failure);
    }
  }

  /**
   * The cross-zone stages' per-hop table (each hop's own latency and the time since the write it
   * ends at) and the slowest changes with their hops.
   */
  private static void reportHops(List<StageResult> results) {
    List<StageResult> crossZone = results.stream().filter(r -> r.hops() != null).toList();
    if (crossZone.isEmpty()) {
      return;
    }
    System.out.println();
    System.out.println(
        "| stage | hop | changes | hop p50 ms | p99 ms | max ms |"
            + " since write p50 ms | p99 ms | max ms |");
    System.out.println("|---|---|---:|---:|---:|---:|---:|---:|---:|");
    crossZone.forEach(r -> r.hops().rows(r.name()).forEach(System.out::println));
    HopBreakdown all = HopBreakdown.merge(crossZone.stream().map(StageResult::hops).toList());
    all.rows("cross-zone ±").forEach(System.out::println);
    System.out.println();
    System.out.println("slowest cross-zone changes (ms per hop):");
    System.out.println(
        "| stage | change | instances | write → west ZI | → global | → east | → all consumers |"
            + " total | written at |");
    System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---|");
    all.slowest(5).forEach(c -> System.out.println(HopBreakdown.row(c)));
  }

  private static String format(StageResult r) {
    String perProxy = r.perProxy().cells();
    String all = r.allConsumers().cells();
    return String.format(
        Locale.ROOT,
        "| %s | %d | %d | %s | %s | %d | %.1f | %.1f | %.2f | %.2f | %.3f | %.2f |",
        r.name(),
        r.proxies(),
        r.changes(),
        perProxy,
        all.substring(all.indexOf('|') + 2),
        r.missed(),
        r.restWrites().percentile(0.5),
        r.restWrites().max(),
        r.regenerationsPerProxyChange(),
        r.edsResponsesPerProxyChange(),
        r.eastCpuPerChange(),
        r.machineCpuPerSecond());
  }
}
