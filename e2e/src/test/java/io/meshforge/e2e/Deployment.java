package io.meshforge.e2e;

import static org.awaitility.Awaitility.await;

import io.meshforge.local.ControlPlaneNode;
import io.meshforge.local.ExecJars;
import io.meshforge.local.FreePorts;
import io.meshforge.local.GlobalNode;
import io.meshforge.local.ManagedProcess;
import io.meshforge.local.TcpFaultProxy;
import io.meshforge.local.ZoneNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * {@code Deployment} is one global control plane and its zones, each a separate JVM with its own
 * embedded PostgreSQL, every zone dialling global through its own {@link TcpFaultProxy}. State
 * directories and logs live under {@code target/e2e-logs/<name>}; every start appends to the same
 * log, so a failure shows the whole history.
 *
 * <p>Timing knobs are short (heartbeat 1 s, Offline after 6 s, revocation check 1 s, ACK deadline 8
 * s, reconnect backoff from 200 ms up to 2 s) so faults are detected and healed in seconds; {@link
 * #BOUNDS} documents them for the assertions.
 */
final class Deployment implements AutoCloseable {
  /** How long a CP may take to start on a loaded two-core CI machine. */
  static final Duration START = Duration.ofSeconds(240);

  /** Offline detection: zone timeout (6 s) + insight flush (1 s) + scheduling slack. */
  static final Duration OFFLINE_BOUND = Duration.ofSeconds(20);

  /** Knob summary printed with each deployment. */
  static final String BOUNDS =
      "heartbeat 1s, heartbeat timeout 5s, zone Offline after 6s, revocation check 1s, ack deadline"
          + " 8s, backoff 200ms..2s";

  /** How long a zone gives a KDS attempt before resetting it ({@code zone.kds.timeout}). */
  static final Duration ZONE_KDS_TIMEOUT = Duration.ofSeconds(5);

  /** A zone's first reconnect delay ({@code zone.kds.backoff}). */
  static final Duration ZONE_BACKOFF = Duration.ofMillis(200);

  /**
   * A zone's longest reconnect delay ({@code zone.kds.retry}, the cap of the doubling): a zone
   * rejoins a restarted global within about this long (plus jitter) of global being ready, instead
   * of the production default's 10 s.
   */
  static final Duration ZONE_RETRY = Duration.ofSeconds(2);

  /** How far a zone's reconnect delay is spread ({@code zone.kds.jitter}). */
  static final double ZONE_JITTER = 0.5;

  /**
   * How often global writes zone insights (subscriptions) to its store ({@code kds.insight.flush}).
   */
  static final Duration INSIGHT_FLUSH = Duration.ofSeconds(1);

  /** How long a training JVM may take to write its start-up cache at exit. */
  private static final Duration TRAINING_EXIT = Duration.ofMinutes(3);

  /** Every running deployment, for the log-tail extension. */
  static final Set<Deployment> RUNNING = ConcurrentHashMap.newKeySet();

  private static final List<String> GLOBAL_ARGS =
      List.of(
          "--kds.heartbeat.interval=1s",
          "--kds.heartbeat.timeout=5s",
          "--kds.zone.timeout=6s",
          "--kds.revocation.check=1s",
          "--kds.insight.flush=" + INSIGHT_FLUSH.toMillis() + "ms",
          "--kds.ack.deadline=8s",
          "--mesh.defaults.policies=false");
  private static final List<String> ZONE_ARGS =
      List.of(
          "--zone.kds.heartbeat=1s",
          "--zone.kds.timeout=" + ZONE_KDS_TIMEOUT.toMillis() + "ms",
          "--zone.kds.deadline=8s",
          "--zone.kds.backoff=" + ZONE_BACKOFF.toMillis() + "ms",
          "--zone.kds.retry=" + ZONE_RETRY.toMillis() + "ms",
          "--zone.kds.jitter=" + ZONE_JITTER);
  // C1 only and the serial collector: several JVMs share two cores, start-up CPU matters most
  private static final List<String> JVM = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

  private final String name;
  private final StartupCache.Launch launch;
  private final Path dir;
  private final GlobalNode global;
  private final Map<String, ZoneNode> zones = new LinkedHashMap<>();
  private final Map<String, TcpFaultProxy> proxies = new LinkedHashMap<>();
  private final List<ZoneNode> extraZones = new ArrayList<>();

  private Deployment(String name, StartupCache.Launch launch) {
    this.name = name;
    this.launch = launch;
    this.dir = workDir().resolve(name);
    deleteRecursively(dir);
    this.global =
        new GlobalNode(
                new GlobalNode.Spec(
                    launch.globalJar(),
                    dir.resolve("global"),
                    FreePorts.next(),
                    FreePorts.next(),
                    FreePorts.next(),
                    GLOBAL_ARGS))
            .withJvmOptions(withJvm("-Xmx384m", launch.globalCache()));
  }

  /**
   * Starts global, then the named zones in parallel (each with a token, behind its own proxy), and
   * waits until all are Online.
   */
  static Deployment start(String name, String... zoneNames) {
    StartupCache.Launch launch =
        StartupCache.launch(jar("e2e.global.jar"), jar("e2e.zone.jar"), Deployment::train);
    return start(launch, name, zoneNames);
  }

  private static Deployment start(StartupCache.Launch launch, String name, String... zoneNames) {
    Deployment deployment = new Deployment(name, launch);
    RUNNING.add(deployment);
    System.out.println("[e2e] " + name + ": starting global and " + List.of(zoneNames));
    System.out.println("[e2e] " + name + ": " + BOUNDS + "; logs under " + deployment.dir);
    deployment.global.start(START);
    for (String zone : zoneNames) {
      TcpFaultProxy proxy = TcpFaultProxy.start(deployment.global.spec().kdsPort());
      deployment.proxies.put(zone, proxy);
      ZoneNode node =
          deployment.zoneNode(
              zone,
              "grpcs://127.0.0.1:" + proxy.port(),
              List.of(),
              deployment.dir.resolve("zone-" + zone));
      node.withToken(deployment.global.issueZoneToken(zone));
      deployment.zones.put(zone, node);
    }
    startAll(deployment.zones.values().stream().toList());
    deployment.awaitOnline(zoneNames);
    return deployment;
  }

  /**
   * A zone CP that is not part of the steady deployment (bad credentials, S1/S2): dials global
   * directly, in-memory store; stopped with the deployment.
   */
  ZoneNode extraZone(String zone, List<String> args) {
    ZoneNode node = zoneNode(zone, global.kdsAddress(), args, dir.resolve("zone-" + zone));
    extraZones.add(node);
    return node;
  }

  /**
   * One of several instances of a zone (F11): its own state directory {@code
   * zone-<zone>-<instance>} and ports, dialling global directly; {@code args} name the shared
   * database. Stopped with the deployment.
   */
  ZoneNode zoneInstance(String zone, String instance, List<String> args) {
    ZoneNode node =
        zoneNode(zone, global.kdsAddress(), args, dir.resolve("zone-" + zone + "-" + instance));
    extraZones.add(node);
    return node;
  }

  /** The deployment's directory under {@code target/e2e-logs}. */
  Path dir() {
    return dir;
  }

  GlobalNode global() {
    return global;
  }

  ZoneNode zone(String zone) {
    return zones.get(zone);
  }

  TcpFaultProxy proxy(String zone) {
    return proxies.get(zone);
  }

  List<String> zoneNames() {
    return List.copyOf(zones.keySet());
  }

  /** Waits until global reports every named zone Online. */
  void awaitOnline(String... zoneNames) {
    await("zones " + List.of(zoneNames) + " Online on global")
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofMillis(250))
        .until(() -> {
          Map<String, String> states = Rest.zoneStates(global);
          return Stream.of(zoneNames).allMatch(z -> "Online".equals(states.get(z)));
        });
  }

  /** Clears every proxy fault. */
  void healAll() {
    proxies.values().forEach(TcpFaultProxy::heal);
  }

  /** Prints the end of every child's log (called when a test fails). */
  void printLogTails(int lines) {
    List<ManagedProcess> processes = new ArrayList<>();
    if (global.process() != null) {
      processes.add(global.process());
    }
    Stream.concat(zones.values().stream(), extraZones.stream())
        .filter(z -> z.process() != null)
        .forEach(z -> processes.add(z.process()));
    for (ManagedProcess process : processes) {
      System.out.println(
          "----- [e2e] " + name + " / " + process.name() + ": " + process.logFile() + " (tail)");
      System.out.println(process.logTail(lines));
    }
  }

  /**
   * The {@link StartupCache}'s training run: global and one zone start with {@code launch}, the
   * zone comes Online, and both are stopped politely (their JVMs write the caches as they exit,
   * which takes a while: hence the long grace).
   */
  private static void train(StartupCache.Launch launch) {
    Deployment training = start(launch, "startup-cache-training", "training");
    try {
      // both at once: each JVM spends several seconds of CPU writing its cache
      List<CompletableFuture<Void>> exits =
          Stream.of(training.zone("training"), training.global)
              .map(node -> CompletableFuture.runAsync(() -> stopForCache(node)))
              .toList();
      exits.forEach(CompletableFuture::join);
    } finally {
      training.close();
    }
  }

  private static void stopForCache(ControlPlaneNode node) {
    long stopping = System.nanoTime();
    node.process().stop(TRAINING_EXIT);
    // stop() kills after the grace: a killed JVM may have left half a cache
    if (System.nanoTime() - stopping >= TRAINING_EXIT.toNanos()) {
      throw new IllegalStateException(node.process().name() + " did not exit in time");
    }
  }

  @Override
  public void close() {
    RUNNING.remove(this);
    List<AutoCloseable> all = new ArrayList<>(extraZones);
    all.addAll(zones.values());
    all.forEach(Deployment::closeQuietly);
    proxies.values().forEach(Deployment::closeQuietly);
    closeQuietly(global);
    stopOrphanedDatabases(dir);
  }

  /**
   * A CP killed with SIGKILL leaves its embedded PostgreSQL running (the next start of that CP
   * stops it). If a test ends between the kill and the restart, stop it here: by the pid in its
   * {@code postmaster.pid}, and only if that process is a postgres.
   */
  private static void stopOrphanedDatabases(Path root) {
    if (!Files.isDirectory(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      paths
          .filter(p -> p.getFileName().toString().equals("postmaster.pid"))
          .forEach(Deployment::stopPostmaster);
    } catch (IOException | UncheckedIOException e) {
      System.out.println("[e2e] looking for orphaned databases failed: " + e);
    }
  }

  private static void stopPostmaster(Path pidFile) {
    try {
      long pid = Long.parseLong(Files.readAllLines(pidFile).getFirst().trim());
      ProcessHandle.of(pid)
          .filter(h -> h.info().command().orElse("").contains("postgres"))
          .ifPresent(h -> {
            System.out.println("[e2e] stopping orphaned PostgreSQL " + pid + " (" + pidFile + ")");
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

  private ZoneNode zoneNode(String zone, String globalAddress, List<String> args, Path stateDir) {
    List<String> extra = new ArrayList<>(ZONE_ARGS);
    // Same machine: zones read global's secrets key to open mesh CAs (ADR 0016), as
    // bin/meshforge-local does. Global creates it at its first start, before any zone starts.
    extra.add("--secrets.key=" + global.secretsKey().toAbsolutePath());
    extra.addAll(args);
    return new ZoneNode(
            new ZoneNode.Spec(
                zone,
                launch.zoneJar(),
                stateDir,
                FreePorts.next(),
                FreePorts.next(),
                FreePorts.next(),
                globalAddress,
                global.kdsCa(),
                extra))
        .withJvmOptions(withJvm("-Xmx320m", launch.zoneCache()));
  }

  /** Starts several zones at once: start-up is mostly waiting for PostgreSQL and class loading. */
  static void startAll(List<ZoneNode> nodes) {
    List<CompletableFuture<ZoneNode>> starts =
        nodes.stream().map(node -> CompletableFuture.supplyAsync(() -> node.start(START))).toList();
    starts.forEach(CompletableFuture::join);
  }

  private static List<String> withJvm(String heap, List<String> cache) {
    List<String> options = new ArrayList<>(JVM);
    options.add(heap);
    options.addAll(cache);
    return options;
  }

  private static Path workDir() {
    return Path.of(System.getProperty("e2e.work.dir", "target/e2e-logs")).toAbsolutePath();
  }

  /** The forge-dp {@code -exec} jar (the dataplane agent). */
  static Path forgeDpJar() {
    return jar("e2e.forgedp.jar");
  }

  private static Path jar(String property) {
    return ExecJars.fromProperty(
        property,
        "the e2e tests through Maven",
        "build global-cp and zone-cp first (the reactor does)");
  }

  private static void closeQuietly(AutoCloseable closeable) {
    try {
      closeable.close();
    } catch (Exception e) {
      System.out.println("[e2e] closing " + closeable + " failed: " + e);
    }
  }

  private static void deleteRecursively(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
