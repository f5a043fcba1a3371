package io.meshforge.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.meshforge.local.LocalPorts;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
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
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 6 item 2 as a user meets it: the README's main command (the launcher's {@code -exec} jar,
 * run from the repository root like {@code bin/meshforge-local} does) with a fresh state directory
 * and a port offset. It must print its ready report; the {@code curl} it prints must answer from
 * the other zone; global must show both zones Online at the address of the printed forgectl
 * context; SIGINT (Ctrl-C) must leave no process it started (descendants, and the detached embedded
 * PostgreSQL servers of its state directory). A second run on the same state directory (tokens,
 * databases, mesh all kept) must do it all again.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalLauncherE2eTest {
  /** A loaded two-core CI machine, three control planes, four agents: generous. */
  private static final Duration UP = Duration.ofMinutes(6);

  // a first run writes its start-up caches as it stops: minutes on a loaded machine
  private static final Duration DOWN = Duration.ofMinutes(6);
  private static final Pattern CURL = Pattern.compile("curl -s (http://localhost:\\d+/)");
  private static final Pattern ADDRESS = Pattern.compile("--address (http://localhost:\\d+)");
  private static final Pattern TOKEN_FILE = Pattern.compile("token=\\$\\(cat ([^)]+)\\)");
  private static final Pattern GUI = Pattern.compile("(http://localhost:\\d+/gui/)#token=(\\S+)");
  private static final Pattern TOOK = Pattern.compile("everything up in (\\d+) s");
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private static Path root;
  private static Path stateDir;
  private static int offset;
  private Process launcher;
  private final List<String> output = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void freshStateDirAndFreePorts() throws IOException {
    Workloads.requireEnvoy();
    // the build hands the control planes' jars to the e2e tests; the repository root is above them
    root =
        Path.of(System.getProperty("e2e.global.jar"))
            .toAbsolutePath()
            .getParent()
            .getParent()
            .getParent();
    Path work = Path.of(System.getProperty("e2e.work.dir", "target/e2e-logs")).toAbsolutePath();
    stateDir = work.resolve("local-launcher-state");
    deleteRecursively(stateDir);
    offset = freeOffset();
  }

  @AfterEach
  void stopWhatIsLeft() {
    if (launcher != null && launcher.isAlive()) {
      launcher.destroy(); // SIGTERM: the launcher's shutdown hook stops its children
      launcher.onExit().orTimeout(DOWN.toSeconds(), java.util.concurrent.TimeUnit.SECONDS).join();
    }
    processesOfTheStateDir().forEach(ProcessHandle::destroyForcibly);
  }

  @AfterAll
  static void reportOffset() {
    System.out.println("[e2e] local launcher: port offset " + offset + ", state " + stateDir);
  }

  @Test
  @Order(1)
  void firstRun_printedCurlCrossesZones_zonesOnline_ctrlCLeavesNoProcess() throws Exception {
    runUntilReadyThenCheckAndInterrupt("first run");
  }

  @Test
  @Order(2)
  void secondRunOnTheSameStateDir_comesUpAgainAndCrossesZones_withTheStartupCaches()
      throws Exception {
    runUntilReadyThenCheckAndInterrupt("second run (state reused)");
    // the first run recorded the caches as it stopped; this one used them
    assertThat(output).noneMatch(l -> l.contains("Extracting the control planes' jars"));
    assertThat(output).noneMatch(l -> l.contains("records start-up caches"));
  }

  private void runUntilReadyThenCheckAndInterrupt(String run) throws Exception {
    launcher = start();
    await(run + ": the launcher's ready report")
        .atMost(UP)
        .pollInterval(Duration.ofMillis(500))
        .failFast("the launcher exited:\n" + String.join("\n", output), () -> !launcher.isAlive())
        .until(() -> output.stream().anyMatch(l -> l.startsWith("MeshForge is running")));
    await(run + ": the end of the report")
        .atMost(Duration.ofSeconds(10))
        .until(() -> output.stream().anyMatch(l -> l.startsWith("Press Ctrl-C")));
    String report = String.join("\n", output);
    System.out.println("[e2e] local launcher, " + run + ": up in " + group(TOOK, report) + " s");

    String curl = group(CURL, report);
    assertThat(get(curl)).as("the printed curl " + curl).isEqualTo("backend in west");
    // The printed forgectl context and GUI link carry the admin token; the API wants it.
    String address = group(ADDRESS, report);
    String token = Files.readString(Path.of(group(TOKEN_FILE, report))).trim();
    Matcher gui = GUI.matcher(report);
    assertThat(gui.find()).as("a GUI link with the token in the report").isTrue();
    assertThat(gui.group(2)).isEqualTo(token);
    assertThat(status(gui.group(1), null)).as("the GUI page, anonymously").isEqualTo(200);
    assertThat(status(address + "/zones/_overview", null)).as("anonymous API call").isEqualTo(401);
    Map<String, String> zones = zoneStates(address, token);
    assertThat(zones).containsEntry("east", "Online").containsEntry("west", "Online");

    List<ProcessHandle> children =
        ProcessHandle.of(launcher.pid()).orElseThrow().descendants().toList();
    List<ProcessHandle> all = new ArrayList<>(children);
    all.addAll(processesOfTheStateDir());
    assertThat(all.stream().map(p -> p.info().command().orElse("?")))
        .as("what the launcher started")
        .anyMatch(c -> c.endsWith("/envoy"))
        .anyMatch(c -> c.endsWith("/postgres"))
        .anyMatch(c -> c.endsWith("/python3") || c.contains("python"));
    interrupt(launcher.pid());
    assertThat(launcher.waitFor(DOWN.toSeconds(), java.util.concurrent.TimeUnit.SECONDS))
        .as("the launcher exits after Ctrl-C")
        .isTrue();
    await(run + ": every process the launcher started is gone")
        .atMost(Duration.ofSeconds(30))
        .until(() ->
            all.stream().noneMatch(ProcessHandle::isAlive) && processesOfTheStateDir().isEmpty());
  }

  private Process start() throws IOException {
    List<String> command =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-jar",
            launcherJar().toString(),
            "--state-dir",
            stateDir.toString(),
            "--port-offset",
            Integer.toString(offset));
    output.clear();
    Process process =
        new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true).start();
    Thread.ofVirtual()
        .start(() -> {
          try (BufferedReader lines =
              new BufferedReader(
                  new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
              output.add(line);
              System.out.println("[launcher] " + line);
            }
          } catch (IOException e) {
            // the launcher is gone
          }
        });
    return process;
  }

  private static Path launcherJar() throws IOException {
    try (Stream<Path> files = Files.list(root.resolve("local-launcher").resolve("target"))) {
      return files
          .filter(f -> f.getFileName().toString().endsWith("-exec.jar"))
          .findFirst()
          .orElseThrow(() -> new IllegalStateException("no local-launcher -exec jar: build it"));
    }
  }

  /** Processes whose command line names the state directory: CPs, agents, PostgreSQL. */
  private static List<ProcessHandle> processesOfTheStateDir() {
    String dir = stateDir.toString();
    return ProcessHandle.allProcesses()
        .filter(p -> p.pid() != ProcessHandle.current().pid())
        .filter(p ->
            Arrays.stream(p.info().arguments().orElse(new String[0]))
                .anyMatch(a -> a.contains(dir)))
        .toList();
  }

  private static void interrupt(long pid) throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", "-INT", Long.toString(pid)).inheritIO().start();
    assertThat(kill.waitFor()).isZero();
  }

  /** An offset whose every port is free and below the ephemeral range (32768) FreePorts uses. */
  private static int freeOffset() {
    for (int attempt = 0; attempt < 50; attempt++) {
      int candidate = 100 * ThreadLocalRandom.current().nextInt(10, 70);
      if (new LocalPorts(candidate).busy(2).isEmpty()) {
        return candidate;
      }
    }
    throw new IllegalStateException("no free port offset");
  }

  private static String group(Pattern pattern, String text) {
    Matcher matcher = pattern.matcher(text);
    assertThat(matcher.find()).as(pattern + " in the report:\n" + text).isTrue();
    return matcher.group(1);
  }

  private static String get(String url) throws IOException, InterruptedException {
    return get(url, null);
  }

  private static String get(String url, String token) throws IOException, InterruptedException {
    HttpResponse<String> answer = send(url, token);
    assertThat(answer.statusCode()).as(url).isEqualTo(200);
    return answer.body().strip();
  }

  private static int status(String url, String token) throws IOException, InterruptedException {
    return send(url, token).statusCode();
  }

  private static HttpResponse<String> send(String url, String token)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static Map<String, String> zoneStates(String globalApi, String token) throws Exception {
    Map<String, String> states = new TreeMap<>();
    for (JsonNode item : JSON.readTree(get(globalApi + "/zones/_overview", token)).path("items")) {
      states.put(item.path("name").asString(), item.path("state").asString());
    }
    return states;
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
        try {
          Files.delete(p);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
  }
}
