package io.meshforge.bench;

import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.meshforge.local.GlobalNode;
import io.meshforge.local.ZoneNode;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code ZoneCapacityBenchmark} (B2) measures what one zone CP spends on its proxies: a global and
 * a zone CP run as child JVMs (the zone with {@code xds.auth.type=none}: the emulated proxies carry
 * no dataplane token), and this JVM emulates up to N proxies, each a delta-ADS stream with its own
 * node id that decodes and ACKs every response ({@link EmulatedProxy}), over a few shared channels.
 *
 * <p>Topology ({@link MeshTopology}, seeded): {@code services} services; proxy {@code i} is the
 * Dataplane {@code proxy-<i>} serving {@code svc-<i % services>} with outbounds to the first {@code
 * outbounds} services. One more Dataplane, {@code marker}, serves {@code svc-0}; a change moves its
 * address (a Dataplane update through the zone's REST API), which changes the endpoints of {@code
 * svc-0} in every proxy: each proxy reports the change number the new address encodes.
 *
 * <p>For each N of {@code proxies} (ascending; the CP keeps running and proxies are added):
 * register the Dataplanes, connect the proxies, wait until every proxy has its configuration, then
 * measure the zone process's CPU (from {@code /proc}, its children included) for {@code idle}
 * seconds without changes and for {@code duration} seconds at {@code rate} changes per second,
 * delivery latency from the start of each change's REST write to each proxy decoding it, and the
 * live heap after a full GC ({@code jcmd GC.class_histogram}).
 *
 * <p>Arguments: {@code proxies=1000,2000,5000 services=100 outbounds=100 duration=60 idle=30 rate=1
 * channels=8 zoneStore=memory zoneHeap=4g registrars=4}.
 */
public final class ZoneCapacityBenchmark {
  private static final String MESH = "bench";
  private static final String MARKER = "marker";
  private static final EmulatedProxy.MarkerAddress MARKERS = new EmulatedProxy.MarkerAddress(3);
  private static final Duration DRAIN = Duration.ofSeconds(30);

  private ZoneCapacityBenchmark() {}

  /** One step's results. */
  record Step(
      int proxies,
      double idleCpuPerMin,
      double busyCpuPerMin,
      double machineCpuPerMin,
      int changes,
      Latencies delivery,
      int missed,
      long liveHeapBytes,
      double connectSeconds) {}

  public static void main(String[] args) throws Exception {
    BenchOptions options = BenchOptions.parse(args);
    int[] steps = options.integers("proxies", "1000,2000,5000");
    Run run =
        new Run(
            options,
            MeshTopology.of(MESH, options.integer("services", 100), 20261124L),
            new DeliveryRecorder(java.util.Arrays.stream(steps).max().orElse(0)));
    List<Step> results = new ArrayList<>();
    String failure = null;
    try (FederationLab lab = new FederationLab("b2-zone-capacity")) {
      ZoneNode zone = startCps(lab, options);
      System.err.printf("[b2] CPs running under %s%n", lab.dir());
      for (int c = 0; c < options.integer("channels", 8); c++) {
        run.channels.add(
            Grpc.newChannelBuilder(
                    "127.0.0.1:" + zone.spec().xdsPort(), InsecureChannelCredentials.create())
                .directExecutor()
                .maxInboundMessageSize(64 * 1024 * 1024)
                .build());
      }
      put(zone, run.topology.dataplaneBody(MARKER, MARKERS.of(0), 0, 0));
      long baseline = liveHeap(zone);
      System.err.printf("[b2] live heap before any proxy: %.1f MB%n", baseline / 1e6);
      for (int n : steps) {
        try {
          results.add(step(run, zone, n, baseline));
        } catch (RuntimeException e) {
          // A step that cannot complete (no configuration in time, the CP out of memory) ends
          // the run; the steps before it are still reported.
          System.err.println("[b2] step " + n + " failed, stopping: " + e);
          failure = n + " proxies: " + e.getMessage();
          break;
        }
      }
    } finally {
      run.proxies.forEach(EmulatedProxy::close);
      run.channels.forEach(ManagedChannel::shutdownNow);
    }
    report(results, failure);
    System.exit(0); // gRPC and HTTP client threads must not keep exec:java waiting
  }

  /** What the steps of one run share. */
  private record Run(
      BenchOptions options,
      MeshTopology topology,
      DeliveryRecorder recorder,
      List<EmulatedProxy> proxies,
      List<ManagedChannel> channels,
      int[] change) {
    Run(BenchOptions options, MeshTopology topology, DeliveryRecorder recorder) {
      this(options, topology, recorder, new ArrayList<>(), new ArrayList<>(), new int[] {0});
    }
  }

  /** Grows the run to {@code n} proxies and measures. */
  private static Step step(Run run, ZoneNode zone, int n, long baseline) {
    try {
      long t0 = System.nanoTime();
      List<EmulatedProxy> proxies = run.proxies();
      register(
          zone,
          run.topology(),
          proxies.size(),
          n,
          run.options().integer("outbounds", 100),
          run.options().integer("registrars", 4));
      for (int i = proxies.size(); i < n; i++) {
        int index = i;
        EmulatedProxy proxy =
            new EmulatedProxy(
                MESH + ".proxy-" + i,
                MeshTopology.service(0),
                MARKERS,
                k -> run.recorder().received(index, k));
        proxy.connect(run.channels().get(i % run.channels().size()));
        proxies.add(proxy);
      }
      ProxyFleet.awaitReady(proxies, run.options().duration("ready", Duration.ofMinutes(10)));
      double connectSeconds = (System.nanoTime() - t0) / 1e9;
      System.err.printf("[b2] %d proxies ready after %.1f s%n", n, connectSeconds);
      return measure(
          run.options(),
          zone,
          run.recorder(),
          proxies,
          run.change(),
          run.topology(),
          connectSeconds,
          baseline);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static void report(List<Step> results, String failure) {
    System.out.println();
    System.out.println(
        "| proxies | connect s | CP CPU-s/min idle | CP CPU-s/min at changes | machine CPU-s/min"
            + " at changes | proxies per vCPU |"
            + " changes | deliveries | p50 ms | p99 ms | max ms | missed | live heap MB |"
            + " heap per 1k proxies MB |");
    System.out.println("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    results.forEach(s -> System.out.println(format(s)));
    int capacity =
        results.stream()
            .filter(s -> s.delivery().percentile(0.99) <= 1000 && s.missed() == 0)
            .mapToInt(Step::proxies)
            .max()
            .orElse(0);
    System.out.println();
    System.out.println("max proxies measured with p99 delivery <= 1 s: " + capacity);
    if (failure != null) {
      System.out.println("stopped at " + failure);
    }
  }

  private static ZoneNode startCps(FederationLab lab, BenchOptions options) {
    GlobalNode global = lab.global(List.of("--mesh.defaults.policies=false"), List.of("-Xmx512m"));
    global.start(FederationLab.START);
    List<String> zoneArgs = new ArrayList<>(List.of("--xds.auth.type=none"));
    if (options.text("zoneStore", "memory").equals("memory")) {
      zoneArgs.add("--store.type=memory");
    }
    ZoneNode zone =
        lab.zone("zone-1", global, zoneArgs, List.of("-Xmx" + options.text("zoneHeap", "4g")));
    zone.start(FederationLab.START);
    if (global.putYaml("/meshes/" + MESH, "type: Mesh\nname: " + MESH + "\n") / 100 != 2) {
      throw new IllegalStateException("creating mesh " + MESH + " failed");
    }
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (zone.get("/meshes/" + MESH) == null) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("mesh " + MESH + " did not reach the zone in 60 s");
      }
      LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
    }
    return zone;
  }

  private static Step measure(
      BenchOptions options,
      ZoneNode zone,
      DeliveryRecorder recorder,
      List<EmulatedProxy> proxies,
      int[] change,
      MeshTopology topology,
      double connectSeconds,
      long baseline)
      throws Exception {
    long pid = zone.process().pid();
    Duration idle = options.duration("idle", Duration.ofSeconds(30));
    LockSupport.parkNanos(Duration.ofSeconds(5).toNanos()); // let the connect storm settle
    double cpu0 = ProcessCpu.treeSeconds(pid);
    LockSupport.parkNanos(idle.toNanos());
    double idleCpu = (ProcessCpu.treeSeconds(pid) - cpu0) / idle.toMillis() * 60_000;

    Duration duration = options.duration("duration", Duration.ofSeconds(60));
    double rate = Double.parseDouble(options.text("rate", "1"));
    long interval = Math.round(1e9 / rate);
    int first = change[0] + 1;
    recorder.startPhase(first);
    long start = System.nanoTime();
    double cpu1 = ProcessCpu.treeSeconds(pid);
    double machine1 = ProcessCpu.machineSeconds();
    long next = start;
    while (next - start < duration.toNanos()) {
      long wait = next - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
      }
      next += interval;
      int k = ++change[0];
      recorder.writing(k);
      put(zone, topology.dataplaneBody(MARKER, MARKERS.of(k), 0, 0));
    }
    long end = System.nanoTime();
    double busyCpu = (ProcessCpu.treeSeconds(pid) - cpu1) / ((end - start) / 1e9) * 60;
    double machineCpu = (ProcessCpu.machineSeconds() - machine1) / ((end - start) / 1e9) * 60;
    long deadline = System.nanoTime() + DRAIN.toNanos();
    int missed;
    while ((missed = recorder.behind(proxies.size(), change[0])) > 0
        && System.nanoTime() < deadline) {
      LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
    }
    long heap = liveHeap(zone);
    Step step =
        new Step(
            proxies.size(),
            idleCpu,
            busyCpu,
            machineCpu,
            change[0] - first + 1,
            recorder.latencies(),
            missed,
            heap - baseline,
            connectSeconds);
    System.err.println("[b2] " + format(step));
    long errors = proxies.stream().filter(p -> p.error() != null).count();
    if (errors > 0) {
      System.err.println(
          "[b2] streams failed: "
              + errors
              + ", e.g. "
              + proxies.stream().filter(p -> p.error() != null).findFirst().get().error());
    }
    return step;
  }

  /** Registers Dataplanes {@code proxy-<from>} .. {@code proxy-<to - 1>} through the zone's API. */
  private static void register(
      ZoneNode zone, MeshTopology topology, int from, int to, int outbounds, int threads)
      throws Exception {
    DataplaneRegistrar.putAll(
        zone,
        MESH,
        from,
        to,
        threads,
        i ->
            topology.dataplaneBody(
                "proxy-" + i, MeshTopology.address(2, i), i % topology.services(), outbounds));
  }

  private static void put(ZoneNode zone, String body) {
    DataplaneRegistrar.put(zone, MESH, body);
  }

  /**
   * The zone's live heap in bytes: {@code jcmd <pid> GC.class_histogram} runs a full GC first and
   * ends with the total of live objects.
   */
  static long liveHeap(ZoneNode zone) throws IOException, InterruptedException {
    String jcmd = java.nio.file.Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
    Process process =
        new ProcessBuilder(jcmd, Long.toString(zone.process().pid()), "GC.class_histogram")
            .redirectErrorStream(true)
            .start();
    String out = new String(process.getInputStream().readAllBytes());
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
    for (String line : out.lines().toList().reversed()) {
      if (line.startsWith("Total")) {
        String[] fields = line.trim().split("\\s+");
        return Long.parseLong(fields[2]);
      }
    }
    throw new IllegalStateException(
        "no Total in jcmd's class histogram: " + out.lines().limit(5).toList());
  }

  private static String format(Step s) {
    double cpuPerSecond = s.busyCpuPerMin() / 60;
    return String.format(
        Locale.ROOT,
        "| %d | %.1f | %.2f | %.2f | %.1f | %.0f | %d | %s | %d | %.1f | %.1f |",
        s.proxies(),
        s.connectSeconds(),
        s.idleCpuPerMin(),
        s.busyCpuPerMin(),
        s.machineCpuPerMin(),
        cpuPerSecond > 0 ? s.proxies() / cpuPerSecond : Double.NaN,
        s.changes(),
        s.delivery().cells(),
        s.missed(),
        s.liveHeapBytes() / 1e6,
        s.liveHeapBytes() / 1e6 / s.proxies() * 1000);
  }
}
