package io.meshforge.ctl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GetCommandTest {
  static final String TIMEOUT =
      """
      {"type":"MeshTimeout","name":"api","mesh":"default","creationTime":"2020-01-01T00:00:00Z",
       "spec":{"targetRef":{"kind":"MeshService","name":"api"},
               "to":[{"targetRef":{"kind":"Mesh"},"default":{"connectionTimeout":"2s"}}]}}\
      """;
  static final String TIMEOUTS = "{\"total\":1,\"items\":[" + TIMEOUT + "],\"next\":null}";

  @TempDir Path home;
  StubControlPlane stub;
  CtlRunner ctl;

  @BeforeEach
  void start() throws Exception {
    stub = new StubControlPlane();
    ctl = new CtlRunner(home).connectedTo(stub);
  }

  @AfterEach
  void stop() {
    stub.close();
  }

  @Test
  void getList_table_showsMeshNameTargetAndAge_withTheToken() {
    stub.answer("GET /meshes/default/meshtimeouts", 200, TIMEOUTS);

    CtlRunner.Result result = ctl.run("get", "meshtimeouts");

    assertThat(result.code()).as(result.err()).isZero();
    assertThat(result.out().lines().toList())
        .first()
        .asString()
        .matches("MESH\\s+NAME\\s+TARGETREF\\s+AGE");
    assertThat(result.out()).containsPattern("default\\s+api\\s+MeshService/api\\s+\\d+d");
    assertThat(stub.last("GET /meshes/default/meshtimeouts").authorization())
        .isEqualTo("Bearer secret-token");
  }

  @ParameterizedTest
  @ValueSource(strings = {"meshtimeout", "meshtimeouts", "mt", "MeshTimeout"})
  void getOne_anyNameOfTheType_readsTheResource(String type) {
    stub.answer("GET /meshes/prod/meshtimeouts/api", 200, TIMEOUT);

    CtlRunner.Result result = ctl.run("get", type, "api", "--mesh", "prod");

    assertThat(result.code()).as(result.err()).isZero();
    assertThat(result.out()).contains("api");
  }

  @Test
  void getOne_yaml_printsUniversalShape() {
    stub.answer("GET /meshes/default/meshtimeouts/api", 200, TIMEOUT);

    CtlRunner.Result result = ctl.run("get", "meshtimeout", "api", "-o", "yaml");

    assertThat(result.out())
        .startsWith("type: MeshTimeout\nname: api\nmesh: default\n")
        .contains("spec:\n  targetRef:\n    kind: MeshService");
  }

  @Test
  void getList_json_printsTheListAnswer() {
    stub.answer("GET /meshes/default/meshtimeouts", 200, TIMEOUTS);

    CtlRunner.Result result = ctl.run("get", "meshtimeouts", "-o", "json");

    assertThat(result.out())
        .contains("\"total\" : 1")
        .contains("\"items\" : [")
        .contains("\"name\" : \"api\"");
  }

  @Test
  void getZones_table_showsStatusFromTheOverview() {
    stub.answer(
        "GET /zones",
        200,
        "{\"total\":2,\"items\":[{\"type\":\"Zone\",\"name\":\"east\"},{\"type\":\"Zone\",\"name\":\"west\"}],\"next\":null}");
    stub.answer(
        "GET /zones/_overview?size=1000",
        200,
        "{\"items\":[{\"name\":\"east\",\"state\":\"Online\"},{\"name\":\"west\",\"state\":\"Offline\"}]}");

    CtlRunner.Result result = ctl.run("get", "zones");

    assertThat(result.out())
        .containsPattern("NAME\\s+STATUS\\s+AGE")
        .containsPattern("east\\s+Online")
        .containsPattern("west\\s+Offline");
  }

  @Test
  void getList_sizeAndOffset_areSentAndTheRestIsPointedAt() {
    stub.answer(
        "GET /meshes?size=1&offset=abc",
        200,
        "{\"total\":3,\"items\":[{\"type\":\"Mesh\",\"name\":\"a\"}],\"next\":\"/meshes?offset=def&size=1\"}");

    CtlRunner.Result result = ctl.run("get", "meshes", "--size", "1", "--offset", "abc");

    assertThat(result.code()).as(result.err()).isZero();
    assertThat(result.out())
        .containsPattern("a\\s+off")
        .contains("forgectl get meshes --size 1 --offset def");
  }

  @Test
  void getOne_missing_exitsOneWithTheServersMessage() {
    CtlRunner.Result result = ctl.run("get", "mesh", "nope");

    assertThat(result.code()).isEqualTo(ExitCodes.FAILED);
    assertThat(result.err()).contains("getting Mesh \"nope\" failed (404 Not found)");
  }

  @Test
  void get_unknownType_exitsOneListingTypes() {
    CtlRunner.Result result = ctl.run("get", "widgets");

    assertThat(result.code()).isEqualTo(ExitCodes.FAILED);
    assertThat(result.err()).contains("unknown resource type \"widgets\"").contains("meshtimeouts");
    assertThat(stub.lines()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"get", "get meshes -o xml", "get meshes --size x", "nosuchcommand", "delete mesh"})
  void badCommandLine_exitsTwo(String line) {
    CtlRunner.Result result = ctl.run(line.split(" "));

    assertThat(result.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.err()).isNotBlank();
  }
}
