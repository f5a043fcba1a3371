package io.meshforge.ctl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApplyCommandTest {
  static final String MESH = "type: Mesh\nname: {{ mesh }}\n";
  static final String TIMEOUT =
      """
      type: MeshTimeout
      name: api-timeouts
      mesh: {{mesh}}
      spec:
        targetRef:
          kind: Mesh
        to:
        - targetRef:
            kind: Mesh
          default:
            connectionTimeout: 2s
      """;
  static final String RETRY =
      """
      type: MeshRetry
      name: retry-api
      mesh: prod
      spec:
        targetRef:
          kind: Mesh
        to:
        - targetRef:
            kind: Mesh
          default:
            http:
              numRetries: 3
      """;

  @TempDir Path home;
  @TempDir Path dir;
  StubControlPlane stub;
  CtlRunner ctl;

  @BeforeEach
  void start() throws Exception {
    stub = new StubControlPlane();
    ctl = new CtlRunner(home).connectedTo(stub);
    stub.answer("PUT /meshes/prod", 201, "{}");
    stub.answer("PUT /meshes/prod/meshtimeouts/api-timeouts", 201, "{}");
    stub.answer("PUT /meshes/prod/meshretries/retry-api", 200, "{}");
  }

  @AfterEach
  void stop() {
    stub.close();
  }

  @Test
  void applyDirectory_meshInTheLastFile_putsTheMeshFirstThenTheFilesInNameOrder() throws Exception {
    Files.writeString(dir.resolve("10-policies.yaml"), TIMEOUT + "---\n" + RETRY);
    Files.writeString(dir.resolve("90-mesh.yml"), MESH);
    Files.writeString(dir.resolve("README.md"), "not a manifest");

    CtlRunner.Result result = ctl.run("apply", "-f", dir.toString(), "-v", "mesh=prod");

    assertThat(result.code()).as(result.err()).isZero();
    assertThat(stub.lines())
        .containsExactly(
            "PUT /meshes/prod",
            "PUT /meshes/prod/meshtimeouts/api-timeouts",
            "PUT /meshes/prod/meshretries/retry-api");
    assertThat(stub.last("PUT /meshes/prod/meshtimeouts/api-timeouts").body())
        .contains("\"mesh\":\"prod\"")
        .contains("\"connectionTimeout\":\"2s\"");
    assertThat(result.out())
        .contains("Mesh \"prod\" created")
        .contains("MeshRetry \"retry-api\" in mesh \"prod\" updated");
  }

  @Test
  void apply_variableWithNoValue_failsNamingItAndSendsNothing() throws Exception {
    Files.writeString(dir.resolve("mesh.yaml"), MESH);

    CtlRunner.Result result = ctl.run("apply", "-f", dir.resolve("mesh.yaml").toString());

    assertThat(result.code()).isEqualTo(ExitCodes.FAILED);
    assertThat(result.err()).contains("variable mesh with no value").contains("-v NAME=VALUE");
    assertThat(stub.lines()).isEmpty();
  }

  @Test
  void apply_stdin_readsEveryDocument() {
    CtlRunner.Result result =
        ctl.runWithInput(MESH + "---\n" + TIMEOUT, "apply", "-f", "-", "-v", "mesh=prod");

    assertThat(result.code()).as(result.err()).isZero();
    assertThat(stub.lines()).hasSize(2);
  }

  @Test
  void apply_serverRejectsTheFirst_printsTitleAndCausesAndStops() throws Exception {
    stub.answer(
        "PUT /meshes/prod/meshtimeouts/api-timeouts",
        400,
        """
        {"title":"Invalid resource","details":"MeshTimeout is invalid",
         "causes":[{"field":"spec.to[0].default.connectionTimeout","message":"must be a duration"}]}\
        """);
    Files.writeString(dir.resolve("a.yaml"), TIMEOUT + "---\n" + RETRY);

    CtlRunner.Result result = ctl.run("apply", "-f", dir.toString(), "-v", "mesh=prod");

    assertThat(result.code()).isEqualTo(ExitCodes.FAILED);
    assertThat(result.err())
        .contains(
            "applying MeshTimeout \"api-timeouts\" in mesh \"prod\" from "
                + dir.resolve("a.yaml")
                + ", document 1")
        .contains("(400 Invalid resource): MeshTimeout is invalid")
        .contains("  spec.to[0].default.connectionTimeout: must be a duration");
    assertThat(stub.lines()).containsExactly("PUT /meshes/prod/meshtimeouts/api-timeouts");
  }

  @Test
  void dryRun_validInput_printsTheResourcesAndSendsNothing() throws Exception {
    Files.writeString(dir.resolve("all.yaml"), TIMEOUT + "---\n" + MESH);

    CtlRunner.Result result =
        ctl.run("apply", "-f", dir.toString(), "--dry-run", "-v", "mesh=prod");

    assertThat(result.code()).as(result.err()).isZero();
    assertThat(result.out()).startsWith("type: Mesh\nname: prod\n---\ntype: MeshTimeout\n");
    assertThat(stub.lines()).isEmpty();
  }

  @Test
  void dryRun_badField_failsWithItsPathAndSendsNothing() throws Exception {
    Files.writeString(
        dir.resolve("bad.yaml"),
        TIMEOUT.replace("connectionTimeout: 2s", "connectionTimeout: soon"));

    CtlRunner.Result result =
        ctl.run("apply", "-f", dir.toString(), "--dry-run", "-v", "mesh=prod");

    assertThat(result.code()).isEqualTo(ExitCodes.FAILED);
    assertThat(result.err())
        .contains(dir.resolve("bad.yaml") + ": invalid")
        .contains("spec.to[0].default.connectionTimeout");
    assertThat(stub.lines()).isEmpty();
  }

  @Test
  void apply_unparseableLaterFile_sendsNothing() throws Exception {
    Files.writeString(dir.resolve("1.yaml"), MESH);
    Files.writeString(dir.resolve("2.yaml"), "type: [unclosed");

    CtlRunner.Result result = ctl.run("apply", "-f", dir.toString(), "-v", "mesh=prod");

    assertThat(result.code()).isEqualTo(ExitCodes.FAILED);
    assertThat(result.err()).contains("2.yaml").contains("invalid YAML");
    assertThat(stub.lines()).isEmpty();
  }

  @Test
  void apply_documentWithoutMesh_failsBeforeSending() throws Exception {
    Files.writeString(dir.resolve("t.yaml"), RETRY.replace("mesh: prod\n", ""));

    CtlRunner.Result result = ctl.run("apply", "-f", dir.resolve("t.yaml").toString());

    assertThat(result.code()).isEqualTo(ExitCodes.FAILED);
    assertThat(result.err()).contains("mesh is missing");
    assertThat(stub.lines()).isEmpty();
  }

  @Test
  void apply_missingFile_failsNamingIt() {
    CtlRunner.Result result = ctl.run("apply", "-f", dir.resolve("nope.yaml").toString());

    assertThat(result.code()).isEqualTo(ExitCodes.FAILED);
    assertThat(result.err()).contains("no such file or directory").contains("nope.yaml");
  }
}
