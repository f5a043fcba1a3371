package io.meshforge.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.meshforge.ctl.ExitCodes;
import io.meshforge.ctl.ForgeCtl;
import io.meshforge.ctl.Invocation;
import io.meshforge.local.GlobalNode;
import io.meshforge.local.ZoneNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * forgectl against a real global and one zone (each its own JVM): config contexts with the CPs'
 * admin tokens, {@code apply -f} of a directory of policies written as in Kuma's documentation
 * ({@code forgectl/src/test/resources/kuma-docs}), {@code get} in every format, {@code delete},
 * {@code inspect zones}, token generation on global and on the zone, and the error paths a user
 * meets (a field the server rejects, a control plane that is down). forgectl runs in-process
 * through its {@link ForgeCtl#execute} entry point, the same one {@code bin/forgectl} calls.
 */
@ExtendWith(ChildLogsOnFailure.class)
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class ForgectlE2eTest {
  static final String MESH = "ctl";

  static Deployment deployment;
  static GlobalNode global;
  static ZoneNode east;

  @TempDir Path home;

  @BeforeAll
  static void startDeployment() {
    deployment = Deployment.start("forgectl", "east");
    global = deployment.global();
    east = deployment.zone("east");
  }

  @AfterAll
  static void stopDeployment() {
    if (deployment != null) {
      deployment.close();
    }
  }

  @Test
  void configAddAndSwitch_globalAndZone_commandsGoToTheCurrentOne() {
    Ctl ctl = new Ctl(home);
    ctl.ok(
        "config",
        "control-planes",
        "add",
        "--name",
        "global",
        "--address",
        global.apiUrl(),
        "--auth-type",
        "tokens",
        "--auth-conf",
        "token=" + global.adminToken());
    String added =
        ctl.ok(
            "config",
            "control-planes",
            "add",
            "--name",
            "east",
            "--address",
            east.apiUrl(),
            "--auth-type",
            "tokens",
            "--auth-conf",
            "token=" + zoneAdminToken());

    assertThat(added).contains("mode zone");
    assertThat(ctl.ok("version")).contains("mode zone");
    assertThat(ctl.ok("config", "control-planes", "list"))
        .containsPattern("(?m)^\\*\\s+east\\s+" + east.apiUrl() + "$")
        .containsPattern("(?m)^\\s+global\\s+" + global.apiUrl() + "$");
    ctl.ok("config", "control-planes", "switch", "--name", "global");
    assertThat(ctl.ok("version")).contains("mode global");
  }

  @Test
  void applyDirectory_kumaDocPolicies_storedAndShownInEveryFormat_thenDeleted() {
    Ctl ctl = new Ctl(home).onGlobal();
    Path manifests = Path.of(System.getProperty("e2e.forgectl.manifests"));

    String applied = ctl.ok("apply", "-f", manifests.toString(), "-v", "mesh=" + MESH);

    assertThat(applied.lines())
        .containsExactly(
            "Mesh \"ctl\" created",
            "MeshTimeout \"timeout-backend\" in mesh \"ctl\" created",
            "MeshRetry \"retry-backend\" in mesh \"ctl\" created",
            "MeshTrafficPermission \"allow-frontend\" in mesh \"ctl\" created",
            "MeshCircuitBreaker \"breaker-backend\" in mesh \"ctl\" created");
    assertThat(ctl.ok("apply", "-f", manifests.toString(), "-v", "mesh=" + MESH))
        .as("applying again updates")
        .contains("MeshTimeout \"timeout-backend\" in mesh \"ctl\" updated");

    assertThat(ctl.ok("get", "meshes")).containsPattern("(?m)^ctl\\s+off\\s+\\d+[smhd]$");
    assertThat(ctl.ok("get", "meshtimeouts", "-m", MESH))
        .containsPattern("MESH\\s+NAME\\s+TARGETREF\\s+AGE")
        .containsPattern("ctl\\s+timeout-backend\\s+Mesh\\s+\\d+[smhd]");
    assertThat(ctl.ok("get", "mtp", "allow-frontend", "-m", MESH, "-o", "yaml"))
        .startsWith("type: MeshTrafficPermission\nname: allow-frontend\nmesh: ctl\n")
        .contains("kuma.io/service: frontend")
        .contains("action: Allow");
    JsonNode list =
        Rest.JSON.readTree(ctl.ok("get", "meshcircuitbreakers", "-m", MESH, "-o", "json"));
    assertThat(list.path("total").asInt()).isEqualTo(1);
    assertThat(
            list.path("items")
                .path(0)
                .path("spec")
                .path("to")
                .path(0)
                .path("default")
                .path("connectionLimits")
                .path("maxConnections")
                .asInt())
        .isEqualTo(512);
    Ctl.Result second =
        ctl.runWithInput(
            """
            type: MeshTimeout
            name: timeout-second
            mesh: ctl
            spec:
              targetRef:
                kind: Mesh
              to:
                - targetRef:
                    kind: Mesh
                  default:
                    idleTimeout: 1m
            """,
            "apply",
            "-f",
            "-");
    assertThat(second.code()).as(second.err()).isZero();
    String firstPage = ctl.ok("get", "meshtimeouts", "-m", MESH, "--size", "1");
    Matcher rest = Pattern.compile("Rest of the list: forgectl (get .*)").matcher(firstPage);
    assertThat(rest.find()).as(firstPage).isTrue();
    String secondPage = ctl.ok(rest.group(1).split(" "));
    assertThat(firstPage + secondPage).contains("timeout-backend").contains("timeout-second");
    assertThat(secondPage).doesNotContain("Rest of the list");

    assertThat(ctl.ok("delete", "meshretry", "retry-backend", "-m", MESH))
        .contains("deleted MeshRetry \"retry-backend\" in mesh \"ctl\"");
    Ctl.Result gone = ctl.run("get", "meshretry", "retry-backend", "-m", MESH);
    assertThat(gone.code()).isEqualTo(ExitCodes.FAILED);
    assertThat(gone.err()).contains("404");
    Ctl.Result deletedTwice = ctl.run("delete", "meshretry", "retry-backend", "-m", MESH);
    assertThat(deletedTwice.code()).isEqualTo(ExitCodes.FAILED);
    assertThat(deletedTwice.err())
        .contains("there is no MeshRetry \"retry-backend\" in mesh \"ctl\"");
  }

  @Test
  void apply_fieldTheServerRejects_exitsOneWithTheFieldPath() {
    Ctl ctl = new Ctl(home).onGlobal();
    String bad =
        """
        type: Mesh
        name: ctl-bad
        ---
        type: MeshTimeout
        name: bad-timeout
        mesh: ctl-bad
        spec:
          targetRef:
            kind: Mesh
          to:
            - targetRef:
                kind: Mesh
              default:
                connectionTimeout: soon
        """;

    Ctl.Result result = ctl.runWithInput(bad, "apply", "-f", "-");

    assertThat(result.code()).isEqualTo(ExitCodes.FAILED);
    assertThat(result.out()).contains("Mesh \"ctl-bad\" created");
    assertThat(result.err())
        .contains("applying MeshTimeout \"bad-timeout\" in mesh \"ctl-bad\" from <stdin>")
        .contains("(400")
        .contains("spec.to[0].default.connectionTimeout");
  }

  @Test
  void tokensAndZones_generatedByTheRightControlPlane_andEastShownOnline() {
    Ctl ctl = new Ctl(home).onGlobal();

    String zoneToken =
        ctl.ok("generate", "zone-token", "--zone", "west", "--valid-for", "1h").strip();
    assertThat(zoneToken.split("\\.")).as("a JWT").hasSize(3);
    await("east Online in forgectl's view")
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(500))
        .until(() ->
            ctl.ok("inspect", "zones").lines().anyMatch(l -> l.matches("east\\s+Online\\s+.*")));
    assertThat(ctl.ok("get", "zones")).containsPattern("east\\s+Online");

    ctl.ok(
        "config",
        "control-planes",
        "add",
        "--name",
        "east",
        "--address",
        east.apiUrl(),
        "--auth-type",
        "tokens",
        "--auth-conf",
        "token=" + zoneAdminToken());
    String dataplaneToken =
        ctl.ok(
                "generate",
                "dataplane-token",
                "-m",
                "default",
                "--name",
                "web-1",
                "--tag",
                "kuma.io/service=web")
            .strip();
    assertThat(dataplaneToken.split("\\.")).as("a JWT").hasSize(3);

    ctl.ok("config", "control-planes", "add", "--name", "no-token", "--address", east.apiUrl());
    Ctl.Result refused = ctl.run("generate", "dataplane-token", "-m", "default");
    assertThat(refused.code()).isEqualTo(ExitCodes.FAILED);
    assertThat(refused.err()).contains("401");
  }

  @Test
  void controlPlaneDown_anyCommand_exitsOneNamingAddressAndContext() {
    Ctl ctl = new Ctl(home);
    ctl.ok(
        "config",
        "control-planes",
        "add",
        "--name",
        "down",
        "--address",
        "http://127.0.0.1:9",
        "--skip-verify");

    Ctl.Result result = ctl.run("get", "meshes");

    assertThat(result.code()).isEqualTo(ExitCodes.FAILED);
    assertThat(result.err()).contains("http://127.0.0.1:9").contains("\"down\"");
  }

  private static String zoneAdminToken() {
    try {
      return Files.readString(east.spec().stateDir().resolve("admin-token")).strip();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** forgectl run in-process with its own config file. */
  static final class Ctl {
    record Result(int code, String out, String err) {}

    private final Path home;

    Ctl(Path home) {
      this.home = home;
    }

    Ctl onGlobal() {
      ok(
          "config",
          "control-planes",
          "add",
          "--name",
          "global",
          "--address",
          global.apiUrl(),
          "--auth-type",
          "tokens",
          "--auth-conf",
          "token=" + global.adminToken(),
          "--overwrite");
      return this;
    }

    String ok(String... args) {
      Result result = run(args);
      assertThat(result.code())
          .as("forgectl %s: %s", String.join(" ", args), result.err())
          .isZero();
      return result.out();
    }

    Result run(String... args) {
      return runWithInput("", args);
    }

    Result runWithInput(String stdin, String... args) {
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      Invocation invocation =
          new Invocation(
              new PrintWriter(out),
              new PrintWriter(err),
              new ByteArrayInputStream(stdin.getBytes()),
              Map.of(Invocation.CONFIG_VARIABLE, home.resolve("config").toString()),
              home);
      int code = ForgeCtl.execute(invocation, args);
      return new Result(code, out.toString(), err.toString());
    }
  }
}
