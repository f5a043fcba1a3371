package io.meshforge.bench;

import io.meshforge.local.ZoneNode;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code ChurnRun} drives one B5 stage at a time ({@link EndpointChurnBenchmark}): writes its
 * changes on a fixed schedule of {@code rate} per second, then waits (bounded) until every proxy
 * has seen the last one.
 */
final class ChurnRun {
  /** Proxy regenerations (a snapshot set, or found unchanged) of east's reconciler. */
  private static final String SNAPSHOTS = "xds_snapshots_total";

  private static final String RESPONSES = "xds_responses_sent_total";
  private static final String EDS = "ClusterLoadAssignment";
  private final BenchOptions options;
  private final ChurnFederation federation;
  private final ProxyFleet fleet;
  private final DeliveryRecorder recorder;
  private final ChurnObserver observer;
  private final MeshTopology topology;
  private final IngressHops hops;

  ChurnRun(
      BenchOptions options,
      MeshTopology topology,
      ChurnFederation federation,
      ProxyFleet fleet,
      DeliveryRecorder recorder,
      ChurnObserver observer,
      IngressHops hops) {
    this.hops = hops;
    this.options = options;
    this.topology = topology;
    this.federation = federation;
    this.fleet = fleet;
    this.recorder = recorder;
    this.observer = observer;
  }

  /** Runs {@code stage} and returns what it measured. */
  EndpointChurnBenchmark.StageResult stage(ChurnObserver.Stage stage) {
    boolean crossZone = stage.name().startsWith("cross-zone");
    ZoneNode zone = crossZone ? federation.west() : federation.east();
    int block = crossZone ? EndpointChurnBenchmark.WEST_BLOCK : EndpointChurnBenchmark.EAST_BLOCK;
    observer.enter(stage);
    recorder.startPhase(stage.firstChange());
    long interval = Math.round(1e9 / Double.parseDouble(options.text("rate", "5")));
    long eastPid = federation.east().process().pid();
    String metrics = federation.eastMetricsUrl();
    PrometheusText before = PrometheusText.scrape(metrics);
    double cpu0 = ProcessCpu.treeSeconds(eastPid);
    double machine0 = ProcessCpu.machineSeconds();
    Latencies writes = new Latencies();
    long start = System.nanoTime();
    long next = start;
    for (int j = 0; j < stage.instances(); j++) {
      long wait = next - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
      }
      next += interval;
      String name = EndpointChurnBenchmark.BACKEND + "-" + zone.name() + "-" + j;
      long writeStart = System.nanoTime();
      recorder.writing(stage.firstChange() + j);
      if (stage.adding()) {
        DataplaneRegistrar.put(
            zone,
            EndpointChurnBenchmark.MESH,
            topology.dataplaneBody(
                name,
                MeshTopology.address(block, j),
                EndpointChurnBenchmark.BACKEND,
                "http",
                List.of()));
      } else {
        DataplaneRegistrar.delete(zone, EndpointChurnBenchmark.MESH, name);
      }
      writes.add((System.nanoTime() - writeStart) / 1e6);
    }
    int missed =
        awaitSeen(
            recorder,
            fleet.size(),
            stage.lastChange(),
            options.duration("deadline", Duration.ofSeconds(30)));
    // Work a change triggers after the proxies have it (a second pass, say) counts too.
    LockSupport.parkNanos(Duration.ofSeconds(2).toNanos());
    double seconds = (System.nanoTime() - start) / 1e9;
    double cpu = ProcessCpu.treeSeconds(eastPid) - cpu0;
    double machine = ProcessCpu.machineSeconds() - machine0;
    PrometheusText after = PrometheusText.scrape(metrics);
    double perProxyChange = (double) fleet.size() * stage.instances();
    // Read before the next stage starts a new phase of the recorder.
    HopBreakdown breakdown = crossZone ? HopBreakdown.of(stage, recorder, hops) : null;
    if (breakdown != null) {
      breakdown.changes().forEach(c -> System.err.println("[b5] hops " + HopBreakdown.row(c)));
    }
    return new EndpointChurnBenchmark.StageResult(
        stage.name(),
        fleet.size(),
        stage.instances(),
        recorder.latencies(),
        recorder.slowestPerChange(),
        writes,
        missed,
        (after.sum(SNAPSHOTS) - before.sum(SNAPSHOTS)) / perProxyChange,
        (after.sum(RESPONSES, EDS) - before.sum(RESPONSES, EDS)) / perProxyChange,
        cpu / stage.instances(),
        machine / seconds,
        breakdown);
  }

  /**
   * Adds and removes {@code count} instances of {@code svc-0} (which every proxy consumes) in each
   * zone at the stages' rate, unrecorded, so the CPs' and the harness's JIT has compiled the path a
   * change takes before anything is measured.
   */
  void warmUp(int count) {
    long interval = Math.round(1e9 / Double.parseDouble(options.text("rate", "5")));
    for (ZoneNode zone : List.of(federation.east(), federation.west())) {
      for (boolean adding : new boolean[] {true, false}) {
        for (int j = 0; j < count; j++) {
          String name = "warmup-" + zone.name() + "-" + j;
          if (adding) {
            DataplaneRegistrar.put(
                zone,
                EndpointChurnBenchmark.MESH,
                topology.dataplaneBody(
                    name, MeshTopology.address(8, j), MeshTopology.service(0), "http", List.of()));
          } else {
            DataplaneRegistrar.delete(zone, EndpointChurnBenchmark.MESH, name);
          }
          LockSupport.parkNanos(interval);
        }
      }
    }
  }

  /**
   * Waits until every proxy has seen change {@code change}, at most {@code timeout}; returns how
   * many had not by then.
   */
  static int awaitSeen(DeliveryRecorder recorder, int proxies, int change, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    int behind;
    while ((behind = recorder.behind(proxies, change)) > 0 && System.nanoTime() < deadline) {
      LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
    }
    return behind;
  }
}
