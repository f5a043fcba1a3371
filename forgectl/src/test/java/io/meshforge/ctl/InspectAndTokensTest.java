package io.meshforge.ctl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InspectAndTokensTest {
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
  void inspectZones_overview_showsStateCountsAndVersion() {
    stub.answer(
        "GET /zones/_overview?size=1000",
        200,
        """
        {"total":1,"items":[{"name":"east","state":"Online","zoneInsight":{"subscriptions":[
          {"connectTime":"2020-01-01T00:00:00Z","disconnectTime":"2020-01-01T00:01:00Z",
           "status":{"lastUpdateTime":"2020-01-01T00:01:00Z","total":{"responsesSent":4,"responsesRejected":1}}},
          {"connectTime":"2020-01-02T00:00:00Z",
           "status":{"lastUpdateTime":"2020-01-02T00:00:00Z","total":{"responsesSent":6,"responsesRejected":0}},
           "version":{"kumaCp":{"version":"1.2.3"}}}]}}],"next":null}\
        """);

    CtlRunner.Result result = ctl.run("inspect", "zones");

    assertThat(result.code()).as(result.err()).isZero();
    assertThat(result.out())
        .containsPattern(
            "NAME\\s+STATUS\\s+LAST CONNECTED AGO\\s+LAST UPDATED AGO\\s+TOTAL UPDATES\\s+TOTAL ERRORS\\s+ZONE-CP VERSION")
        .containsPattern("east\\s+Online\\s+\\d+d\\s+\\d+d\\s+10\\s+1\\s+1\\.2\\.3");
  }

  @Test
  void inspectDataplanes_overview_showsOnlineForAnOpenSubscription() {
    stub.answer(
        "GET /meshes/prod/dataplanes/_overview?size=1000",
        200,
        """
        {"total":2,"items":[
          {"mesh":"prod","name":"web-1","dataplaneInsight":{"subscriptions":[{"connectTime":"2020-01-01T00:00:00Z",
            "version":{"kumaDp":{"version":"0.1"},"envoy":{"version":"1.35.1","build":"abc/1.35.1"}}}],
            "mTLS":{"certificateExpirationTime":"2030-01-02T00:00:00Z","lastCertificateRegeneration":"2020-01-01T00:00:00Z",
              "certificateRegenerations":3,"issuedBackend":"ca-1","supportedBackends":["ca-1"]}}},
          {"mesh":"prod","name":"web-2","dataplaneInsight":{"subscriptions":[]}}],"next":null}\
        """);

    CtlRunner.Result result = ctl.run("inspect", "dataplanes", "--mesh", "prod");

    assertThat(result.out())
        .containsPattern("prod\\s+web-1\\s+Online\\s+\\d+d.*0\\.1\\s+1\\.35\\.1")
        .containsPattern(
            "web-1\\s.*\\s\\d+d\\s+2030-01-02T00:00:00Z\\s+3\\s+ca-1\\s+0\\.1\\s+1\\.35\\.1")
        .containsPattern("prod\\s+web-2\\s+Offline\\s+never");
  }

  @Test
  void inspectMeshes_countsDataplanesAndPolicies() {
    stub.answer("GET /meshes?size=1000", 200, "{\"items\":[{\"name\":\"prod\"}]}");
    stub.answer("GET /meshes/prod/dataplanes?size=1", 200, "{\"total\":3}");
    stub.answer("GET /meshes/prod/meshtimeouts?size=1", 200, "{\"total\":2}");
    stub.answer("GET /meshes/prod/meshretries?size=1", 200, "{\"total\":1}");
    io.meshforge.model.ResourceTypes.policies().stream()
        .filter(t -> !t.path().equals("meshtimeouts") && !t.path().equals("meshretries"))
        .forEach(
            t -> stub.answer("GET /meshes/prod/" + t.path() + "?size=1", 200, "{\"total\":0}"));

    CtlRunner.Result result = ctl.run("inspect", "meshes");

    assertThat(result.code()).as(result.err()).isZero();
    assertThat(result.out()).containsPattern("prod\\s+3\\s+3");
  }

  @ParameterizedTest
  @CsvSource({
    "policies, _policies, '{\"rules\":[]}', 'rules: []'",
    "config-dump, xds, '{\"configs\":[]}', '\"configs\" : [ ]'",
    "stats, stats, 'cluster.x.upstream_rq: 3', 'cluster.x.upstream_rq: 3'",
    "clusters, clusters, 'x::1.2.3.4:80::health_flags::healthy', 'health_flags::healthy'"
  })
  void inspectDataplane_eachType_readsItsPath(
      String type, String segment, String body, String printed) {
    stub.answer("GET /meshes/prod/dataplanes/web-1/" + segment, 200, body);

    CtlRunner.Result result =
        ctl.run("inspect", "dataplane", "web-1", "-m", "prod", "--type", type);

    assertThat(result.code()).as(result.err()).isZero();
    assertThat(result.out()).contains(printed);
  }

  @Test
  void inspectDataplane_unknownType_failsListingTheTypes() {
    CtlRunner.Result result = ctl.run("inspect", "dataplane", "web-1", "--type", "rules");

    assertThat(result.code()).isEqualTo(ExitCodes.FAILED);
    assertThat(result.err()).contains("policies, config-dump, stats, clusters");
  }

  @Test
  void generateZoneToken_postsTheZoneAndPrintsTheTokenAlone() {
    stub.answerText("POST /tokens/zone", 200, "eyJzone.token\n");

    CtlRunner.Result result =
        ctl.run("generate", "zone-token", "--zone", "east", "--valid-for", "24h");

    assertThat(result.code()).as(result.err()).isZero();
    assertThat(result.out()).isEqualTo("eyJzone.token" + System.lineSeparator());
    StubControlPlane.Request request = stub.last("POST /tokens/zone");
    assertThat(request.body()).isEqualTo("{\"zone\":\"east\",\"validFor\":\"24h\"}");
    assertThat(request.authorization()).isEqualTo("Bearer secret-token");
    assertThat(request.accept()).as("the token comes as text").contains("text/plain");
  }

  @Test
  void generateUserToken_postsNameAndGroupsAndPrintsTheTokenAlone() {
    stub.answerText("POST /tokens/user", 200, "eyJuser.token\n");

    CtlRunner.Result result =
        ctl.run("generate", "user-token", "--name", "alice", "--group", "team-a", "--group", "ops");

    assertThat(result.code()).as(result.err()).isZero();
    assertThat(result.out()).isEqualTo("eyJuser.token" + System.lineSeparator());
    assertThat(stub.last("POST /tokens/user").body())
        .isEqualTo("{\"name\":\"alice\",\"groups\":[\"team-a\",\"ops\"]}");
  }

  @Test
  void generateDataplaneToken_tags_accumulateValuesPerKey() {
    stub.answerText("POST /tokens/dataplane", 200, "eyJdp");

    CtlRunner.Result result =
        ctl.run(
            "generate",
            "dataplane-token",
            "-m",
            "prod",
            "--name",
            "web-1",
            "--tag",
            "kuma.io/service=web",
            "--tag",
            "kuma.io/service=api",
            "--tag",
            "team=a");

    assertThat(result.out().strip()).isEqualTo("eyJdp");
    assertThat(stub.last("POST /tokens/dataplane").body())
        .isEqualTo(
            "{\"mesh\":\"prod\",\"name\":\"web-1\",\"tags\":{\"kuma.io/service\":[\"web\",\"api\"],\"team\":[\"a\"]}}");
  }

  @Test
  void generateZoneToken_refused_exitsOneWithTheReason() {
    stub.answer(
        "POST /tokens/zone",
        401,
        "{\"title\":\"Unauthorized\",\"details\":\"the token is neither the admin token\"}");

    CtlRunner.Result result = ctl.run("generate", "zone-token", "--zone", "east");

    assertThat(result.code()).isEqualTo(ExitCodes.FAILED);
    assertThat(result.err())
        .contains("the control plane refused the token of context")
        .contains("(401 Unauthorized): the token is neither the admin token")
        .contains("forgectl config control-planes add --name")
        .contains("--auth-conf token=<token>");
  }

  @Test
  void anyCommand_forbidden_exitsOneSayingTheTokenMayNotDoThis() {
    stub.answer(
        "GET /meshes/default/secrets",
        403,
        "{\"title\":\"Forbidden\",\"details\":\"user bob may not GET /meshes/default/secrets\"}");

    CtlRunner.Result result = ctl.run("get", "secrets", "-m", "default");

    assertThat(result.code()).isEqualTo(ExitCodes.FAILED);
    assertThat(result.err())
        .contains("may not do this")
        .contains("(403 Forbidden): user bob may not GET /meshes/default/secrets")
        .contains("--auth-conf token=<token>");
  }

  @Test
  void delete_existing_printsDeleted_missing_exitsOne() {
    stub.answer("DELETE /meshes/prod/meshretries/r1", 200, "{}");

    CtlRunner.Result deleted = ctl.run("delete", "meshretry", "r1", "-m", "prod");
    CtlRunner.Result missing = ctl.run("delete", "meshretry", "r2", "-m", "prod");

    assertThat(deleted.out()).contains("deleted MeshRetry \"r1\" in mesh \"prod\"");
    assertThat(missing.code()).isEqualTo(ExitCodes.FAILED);
    assertThat(missing.err()).contains("there is no MeshRetry \"r2\" in mesh \"prod\"");
  }

  @Test
  void version_reachableServer_printsBothVersions_unreachable_stillSucceeds() {
    CtlRunner.Result reachable = ctl.run("version");
    stub.close();
    CtlRunner.Result unreachable = ctl.run("version");

    assertThat(reachable.out())
        .contains("Client: forgectl")
        .contains("Server: MeshForge 9.9 (mode global");
    assertThat(unreachable.code()).isZero();
    assertThat(unreachable.out()).contains("Server: unknown (cannot reach the control plane");
  }
}
