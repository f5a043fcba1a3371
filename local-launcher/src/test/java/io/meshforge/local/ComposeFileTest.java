package io.meshforge.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code compose/compose.yaml} is valid for Docker Compose v2 and wires what {@code
 * meshforge-local} runs: the same services, the same host ports ({@link LocalPorts} with offset 0),
 * start-up ordered by health checks and completed init steps. Runs {@code docker compose config},
 * which needs the compose CLI plugin but no Docker engine; without the plugin the test fails with
 * the command that installs it (.ci/run does).
 */
class ComposeFileTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Path COMPOSE_FILE = repositoryRoot().resolve("compose/compose.yaml");
  private static JsonNode config;

  @BeforeAll
  static void normalise() {
    Result version = docker("compose", "version");
    if (version.exit() != 0) {
      fail(
          "the Docker Compose v2 CLI plugin is missing (`docker compose version`: "
              + version.output().strip()
              + "). It works without a Docker engine; install it from Go modules with\n"
              + "  .ci/install-compose-plugin\n"
              + "(.ci/run does this when the plugin is missing).");
    }
    Result quiet = docker("compose", "-f", COMPOSE_FILE.toString(), "config", "--quiet");
    assertThat(quiet.exit()).as(quiet.output()).isZero();
    Result json = docker("compose", "-f", COMPOSE_FILE.toString(), "config", "--format", "json");
    assertThat(json.exit()).as(json.output()).isZero();
    config = JSON.readTree(json.stdout());
  }

  @Test
  void services_areTheLaunchersProcessesPlusDatabaseAndInitSteps() {
    List<String> services = new ArrayList<>();
    config.path("services").propertyNames().forEach(services::add);

    assertThat(services)
        .containsExactlyInAnyOrder(
            "postgres",
            "global",
            "init-global",
            "zone-east",
            "zone-west",
            "init-east",
            "init-west",
            "ingress-east",
            "ingress-west",
            "backend-east",
            "backend-west",
            "demo-app");
  }

  @ParameterizedTest(name = "{0} publishes {1}")
  @CsvSource({
    "global,    globalApi",
    "global,    globalKds",
    "global,    globalDiagnostics",
    "zone-east, zone0Api",
    "zone-east, zone0Diagnostics",
    "zone-west, zone1Api",
    "zone-west, zone1Diagnostics",
    "demo-app,  zone0DemoAppOutbound",
  })
  void ports_areTheLaunchersHostPorts(String service, String port) {
    int expected = launcherPort(port);

    assertThat(publishedPorts(service)).containsKey(expected);
  }

  @Test
  void ports_controlPlanesListenOnKumasDefaultsInsideTheirContainers() {
    assertThat(publishedPorts("global"))
        .containsEntry(5681, 5681)
        .containsEntry(5685, 5685)
        .containsEntry(5680, 5680);
    assertThat(publishedPorts("zone-east")).containsEntry(15681, 5681);
    assertThat(publishedPorts("zone-west")).containsEntry(25681, 5681);
    assertThat(publishedPorts("demo-app")).containsEntry(15702, 15702);
  }

  @ParameterizedTest(name = "{0} waits for {1} to be {2}")
  @CsvSource({
    "global,       postgres,     service_healthy",
    "init-global,  global,       service_healthy",
    "zone-east,    postgres,     service_healthy",
    "zone-east,    init-global,  service_completed_successfully",
    "zone-west,    init-global,  service_completed_successfully",
    "init-east,    zone-east,    service_healthy",
    "init-west,    zone-west,    service_healthy",
    "ingress-east, init-east,    service_completed_successfully",
    "ingress-west, init-west,    service_completed_successfully",
    "backend-east, init-east,    service_completed_successfully",
    "backend-west, init-west,    service_completed_successfully",
    "demo-app,     init-east,    service_completed_successfully",
    "demo-app,     backend-west, service_healthy",
    "demo-app,     ingress-west, service_healthy",
  })
  void dependsOn_ordersStartUpByHealthAndInitSteps(
      String service, String dependency, String condition) {
    JsonNode dependsOn = config.path("services").path(service).path("depends_on");

    assertThat(dependsOn.path(dependency).path("condition").asString())
        .as(service + " depends_on " + dependency)
        .isEqualTo(condition);
  }

  @Test
  void healthChecks_everyLongRunningServiceHasOne_initStepsDoNotRestart() {
    config
        .path("services")
        .properties()
        .forEach(entry -> {
          String name = entry.getKey();
          JsonNode service = entry.getValue();
          if (name.startsWith("init-")) {
            assertThat(service.path("restart").asString()).as(name).isEqualTo("no");
          } else {
            assertThat(service.path("healthcheck").path("test").isArray())
                .as(name + " healthcheck")
                .isTrue();
          }
        });
  }

  @Test
  void zones_dialGlobalsKdsWithTheTokenCaAndKeyInitGlobalWrote() {
    for (String zone : List.of("east", "west")) {
      JsonNode env = config.path("services").path("zone-" + zone).path("environment");

      assertThat(env.path("FORGE_ZONE_NAME").asString()).isEqualTo(zone);
      assertThat(env.path("FORGE_ZONE_GLOBAL_ADDRESS").asString()).isEqualTo("grpcs://global:5685");
      assertThat(env.path("FORGE_ZONE_TOKEN").asString())
          .isEqualTo("/var/lib/meshforge/federation/" + zone + ".token");
      assertThat(env.path("FORGE_ZONE_GLOBAL_CA").asString())
          .isEqualTo("/var/lib/meshforge/federation/global-ca.pem");
      assertThat(env.path("FORGE_SECRETS_KEY").asString())
          .isEqualTo("/var/lib/meshforge/federation/secrets.key");
      assertThat(env.path("FORGE_STORE_POSTGRES_URL").asString())
          .isEqualTo("jdbc:postgresql://postgres:5432/meshforge_" + zone);
    }
    // the generated KDS certificate names global's host name, which the zones dial
    assertThat(config.path("services").path("global").path("hostname").asString())
        .isEqualTo("global");
  }

  @Test
  void images_areBuiltFromTheRepositoryWithTheDockerfileNextToTheComposeFile() {
    config
        .path("services")
        .properties()
        .forEach(entry -> {
          if (entry.getKey().equals("postgres")) {
            return;
          }
          JsonNode build = entry.getValue().path("build");
          assertThat(Path.of(build.path("context").asString()).normalize())
              .as(entry.getKey())
              .isEqualTo(repositoryRoot().normalize());
          assertThat(build.path("dockerfile").asString()).endsWith("compose/Dockerfile");
          assertThat(build.path("target").asString()).isIn("cp", "dp");
        });
    assertThat(repositoryRoot().resolve("compose/Dockerfile")).isRegularFile();
    assertThat(repositoryRoot().resolve("compose/postgres/init-databases.sql")).isRegularFile();
  }

  /** Published host port → container port. */
  private static Map<Integer, Integer> publishedPorts(String service) {
    Map<Integer, Integer> ports = new TreeMap<>();
    for (JsonNode port : config.path("services").path(service).path("ports")) {
      ports.put(Integer.parseInt(port.path("published").asString()), port.path("target").asInt());
    }
    return ports;
  }

  private static int launcherPort(String name) {
    LocalPorts ports = new LocalPorts(0);
    return switch (name) {
      case "globalApi" -> ports.globalApi();
      case "globalKds" -> ports.globalKds();
      case "globalDiagnostics" -> ports.globalDiagnostics();
      case "zone0Api" -> ports.zone(0).api();
      case "zone0Diagnostics" -> ports.zone(0).diagnostics();
      case "zone1Api" -> ports.zone(1).api();
      case "zone1Diagnostics" -> ports.zone(1).diagnostics();
      case "zone0DemoAppOutbound" -> ports.zone(0).demoAppOutbound();
      default -> throw new IllegalArgumentException(name);
    };
  }

  private record Result(int exit, String stdout, String output) {}

  /** Runs {@code docker ARGS} in the repository root; a missing docker CLI is exit 127. */
  private static Result docker(String... args) {
    List<String> command = new ArrayList<>(List.of("docker"));
    command.addAll(List.of(args));
    try {
      Path stderr = Files.createTempFile("compose-test", ".err");
      Process process =
          new ProcessBuilder(command)
              .directory(repositoryRoot().toFile())
              .redirectError(stderr.toFile())
              .start();
      process.getOutputStream().close();
      String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return new Result(-1, stdout, "timed out: " + command);
      }
      String err = Files.readString(stderr);
      Files.delete(stderr);
      return new Result(process.exitValue(), stdout, stdout + err);
    } catch (IOException e) {
      return new Result(127, "", command + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static Path repositoryRoot() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.isRegularFile(dir.resolve("compose/compose.yaml"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException(
          "no compose/compose.yaml above " + Path.of("").toAbsolutePath());
    }
    return dir;
  }
}
