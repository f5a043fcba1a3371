package io.meshforge.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * {@code DemoWorkloads} runs the demo's data plane as child processes under {@code <state>/demo}:
 * tiny HTTP apps ({@code python3 -m http.server} serving one line that names the app and its zone),
 * a forge-dp sidecar per app and a forge-dp zone ingress per zone, each with a token the zone
 * issued. Every process is also registered with the {@link StopSequence}, which stops them before
 * the control planes.
 */
public final class DemoWorkloads {
  // C1 only, serial GC, small heap: several agents share two cores with three control planes
  private static final List<String> AGENT_JVM =
      List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx64m");
  private static final Duration LIVE_TIMEOUT = Duration.ofSeconds(90);

  private final Path dir;
  private final Path forgeDpJar;
  private final StopSequence stops;
  private final List<ManagedProcess> started = new CopyOnWriteArrayList<>();

  /**
   * @param dir where the apps' files, the agents' work directories and their logs go
   * @param forgeDpJar forge-dp's {@code -exec} jar
   * @param stops where every started process is registered, in the workloads stage
   */
  public DemoWorkloads(Path dir, Path forgeDpJar, StopSequence stops) {
    this.dir = dir;
    this.forgeDpJar = forgeDpJar;
    this.stops = stops;
  }

  /** Starts an HTTP app on 127.0.0.1:{@code port} answering {@code GET /} with {@code line}. */
  public ManagedProcess app(String name, int port, String line) {
    Path root = dir.resolve("app-" + name);
    write(root.resolve("index.html"), line + "\n");
    ManagedProcess app =
        register(
            ManagedProcess.builder("app " + name)
                .command(
                    List.of(
                        "python3",
                        "-m",
                        "http.server",
                        Integer.toString(port),
                        "--bind",
                        "127.0.0.1",
                        "--directory",
                        root.toString()))
                .logFile(dir.resolve("app-" + name + ".log"))
                .start());
    app.awaitHttpOk(URI.create("http://127.0.0.1:" + port + "/"), Duration.ofSeconds(30));
    return app;
  }

  /** Starts forge-dp for Dataplane {@code name} of mesh {@code default} and waits until LIVE. */
  public ManagedProcess sidecar(ZoneNode zone, String name, String dataplaneYaml, int adminPort) {
    Path work = dir.resolve("dp-" + name);
    write(work.resolve("dataplane.yaml"), dataplaneYaml);
    write(work.resolve("token"), zone.issueDataplaneToken(name, "default"));
    return agent("forge-dp " + name, zone, work, "dataplane", "dataplane.yaml", adminPort);
  }

  /** Starts forge-dp as zone ingress {@code name} on 127.0.0.1:{@code port}; waits until LIVE. */
  public ManagedProcess ingress(ZoneNode zone, String name, int port, int adminPort) {
    Path work = dir.resolve("ingress-" + zone.name());
    write(
        work.resolve("ingress.yaml"),
        String.join(
            "\n",
            "type: ZoneIngress",
            "name: " + name,
            "networking:",
            "  address: 127.0.0.1",
            "  port: " + port,
            "  advertisedAddress: 127.0.0.1",
            "  advertisedPort: " + port,
            ""));
    write(work.resolve("token"), zone.issueIngressToken(name));
    return agent("forge-dp " + name, zone, work, "ingress", "ingress.yaml", adminPort);
  }

  /** The processes started so far. */
  public List<ManagedProcess> processes() {
    return List.copyOf(started);
  }

  private ManagedProcess agent(
      String name, ZoneNode zone, Path work, String proxyType, String file, int adminPort) {
    ManagedProcess agent =
        register(
            ManagedProcess.builder(name)
                .command(
                    JavaCommand.jar(
                        forgeDpJar,
                        AGENT_JVM,
                        List.of(
                            "run",
                            "--proxy-type",
                            proxyType,
                            "--cp-address",
                            zone.apiUrl(),
                            "--dataplane-file",
                            work.resolve(file).toString(),
                            "--dataplane-token-file",
                            work.resolve("token").toString(),
                            "--admin-port",
                            Integer.toString(adminPort),
                            "--work-dir",
                            work.resolve("envoy").toString())))
                .logFile(work.resolveSibling(work.getFileName() + ".log"))
                .start());
    // Envoy's admin /ready answers 200 (LIVE) once its first configuration is in place
    agent.awaitHttpOk(URI.create("http://127.0.0.1:" + adminPort + "/ready"), LIVE_TIMEOUT);
    return agent;
  }

  private ManagedProcess register(ManagedProcess process) {
    started.add(process);
    stops.add(StopSequence.Stage.WORKLOADS, process);
    return process;
  }

  private static void write(Path file, String content) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
