package io.meshforge.global.kds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.meshforge.kds.transport.EnvoyAdminFailure;
import io.meshforge.kds.v1.EnvoyAdminRequest;
import io.meshforge.kds.v1.EnvoyAdminResponse.ErrorCode;
import io.meshforge.model.Resource;
import io.meshforge.model.ResourceTypes;
import io.meshforge.model.WellKnownLabels;
import io.meshforge.model.store.ResourceQuery;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Inspect from global over real KDS (TLS, zone token): {@code GET
 * /meshes/{m}/dataplanes/{name}/xds|stats|clusters} on global is answered by the zone owning the
 * Dataplane, asked under its zone-local name; the zone's refusals and its absence become statuses.
 */
class InspectFromGlobalTest extends FederationTestBase {
  private static final Duration BOUND = Duration.ofSeconds(15);

  @Test
  void inspect_dataplaneOfConnectedZone_answeredByTheZoneUnderItsLocalName() throws Exception {
    createMesh("insp-ok");
    TestZone zone = connect("zone-insp-ok");
    List<EnvoyAdminRequest> asked = new CopyOnWriteArrayList<>();
    zone.answerAdmin(request -> {
      asked.add(request);
      String body =
          switch (request.getKind()) {
            case CONFIG_DUMP -> "{\"configs\":[{\"eds\":" + request.getIncludeEds() + "}]}";
            case STATS -> "server.live: 1\n";
            default -> "backend::1\n";
          };
      return body.getBytes(StandardCharsets.UTF_8);
    });
    zone.put(dataplane("insp-ok", "web-1", ""));
    String onGlobal = awaitGlobalName("insp-ok", "web-1");
    String base = "/meshes/insp-ok/dataplanes/" + onGlobal;

    HttpResponse<String> xds =
        await()
            .atMost(BOUND)
            .until(() -> get(base + "/xds?include_eds=true"), r -> r.statusCode() == 200);
    HttpResponse<String> stats = get(base + "/stats");
    HttpResponse<String> clusters = get(base + "/clusters");

    assertThat(xds.body()).isEqualTo("{\"configs\":[{\"eds\":true}]}");
    assertThat(xds.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
    assertThat(stats.statusCode()).isEqualTo(200);
    assertThat(stats.body()).isEqualTo("server.live: 1\n");
    assertThat(stats.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
    assertThat(clusters.body()).isEqualTo("backend::1\n");
    assertThat(asked.getLast().getKind()).isEqualTo(EnvoyAdminRequest.Kind.CLUSTERS);
    assertThat(asked)
        .allSatisfy(request -> {
          assertThat(request.getResourceName()).isEqualTo("web-1");
          assertThat(request.getResourceMesh()).isEqualTo("insp-ok");
          assertThat(request.getResourceType()).isEqualTo("Dataplane");
        });
  }

  @Test
  void inspect_zoneRefuses_refusalBecomesStatusWithZoneMessage() throws Exception {
    createMesh("insp-refused");
    TestZone zone = connect("zone-insp-refused");
    zone.answerAdmin(request -> {
      throw switch (request.getKind()) {
        case STATS -> new EnvoyAdminFailure(ErrorCode.PROXY_OFFLINE, "web-1 is offline");
        case CLUSTERS -> new EnvoyAdminFailure(ErrorCode.ADMIN_TIMEOUT, "admin too slow");
        default -> new EnvoyAdminFailure(ErrorCode.PROXY_NOT_FOUND, "no web-1 here");
      };
    });
    zone.put(dataplane("insp-refused", "web-1", ""));
    String base = "/meshes/insp-refused/dataplanes/" + awaitGlobalName("insp-refused", "web-1");

    HttpResponse<String> offline =
        await()
            .atMost(BOUND)
            .until(() -> get(base + "/stats"), r -> r.body().contains("web-1 is offline"));

    assertThat(offline.statusCode()).isEqualTo(503);
    assertThat(offline.body()).contains("zone zone-insp-refused: web-1 is offline");
    assertThat(get(base + "/clusters").statusCode()).isEqualTo(504);
    assertThat(get(base + "/xds").statusCode()).isEqualTo(404);
  }

  @Test
  void traffic_dataplaneOfConnectedZone_answeredByTheZoneOverKds() throws Exception {
    createMesh("drill-ok");
    TestZone zone = connect("zone-drill-ok");
    List<EnvoyAdminRequest> asked = new CopyOnWriteArrayList<>();
    zone.answerAdmin(request -> {
      asked.add(request);
      if (request.getKind() != EnvoyAdminRequest.Kind.TRAFFIC) {
        throw new EnvoyAdminFailure(ErrorCode.BAD_REQUEST, "not a traffic request");
      }
      if (!request.getResourceName().equals("web-1")) {
        throw new EnvoyAdminFailure(ErrorCode.PROXY_NOT_FOUND, "no such Dataplane here");
      }
      return "{\"mesh\":\"drill-ok\",\"name\":\"web-1\",\"samples\":[]}"
          .getBytes(StandardCharsets.UTF_8);
    });
    zone.put(dataplane("drill-ok", "web-1", ""));
    String onGlobal = awaitGlobalName("drill-ok", "web-1");

    HttpResponse<String> traffic =
        await()
            .atMost(BOUND)
            .until(
                () -> get("/meshes/drill-ok/dataplanes/" + onGlobal + "/traffic"),
                r -> r.statusCode() == 200);

    assertThat(traffic.body())
        .isEqualTo("{\"mesh\":\"drill-ok\",\"name\":\"web-1\",\"samples\":[]}");
    assertThat(traffic.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
    assertThat(asked.getLast().getResourceType()).isEqualTo("Dataplane");
    assertThat(asked.getLast().getResourceMesh()).isEqualTo("drill-ok");
    assertThat(get("/meshes/drill-ok/dataplanes/ghost/traffic").statusCode()).isEqualTo(404);
  }

  @Test
  void inspect_zoneDisconnected_503ZoneOffline() throws Exception {
    createMesh("insp-gone");
    TestZone zone = connect("zone-insp-gone");
    zone.put(dataplane("insp-gone", "web-1", ""));
    String base = "/meshes/insp-gone/dataplanes/" + awaitGlobalName("insp-gone", "web-1");

    zone.close();

    HttpResponse<String> answer =
        await().atMost(BOUND).until(() -> get(base + "/stats"), r -> r.statusCode() == 503);
    assertThat(answer.body()).contains("Zone offline").contains("zone-insp-gone");
  }

  @Test
  void inspect_unknownDataplane_404() {
    createMesh("insp-none");

    HttpResponse<String> answer = get("/meshes/insp-none/dataplanes/ghost/xds");

    assertThat(answer.statusCode()).isEqualTo(404);
    assertThat(answer.body()).contains("ghost");
  }

  @Test
  void policies_syncedDataplane_matchingPoliciesInMergeOrder() throws Exception {
    createMesh("insp-pol");
    TestZone zone = connect("zone-insp-pol");
    putYaml(
        "/meshes/insp-pol/meshtimeouts/mesh-wide",
        """
        type: MeshTimeout
        name: mesh-wide
        mesh: insp-pol
        spec:
          targetRef: {kind: Mesh}
          to:
          - targetRef: {kind: Mesh}
            default: {connectionTimeout: 7s}
        """);
    putYaml(
        "/meshes/insp-pol/meshtimeouts/other-service",
        """
        type: MeshTimeout
        name: other-service
        mesh: insp-pol
        spec:
          targetRef: {kind: Dataplane, labels: {app: other}}
          to:
          - targetRef: {kind: Mesh}
            default: {connectionTimeout: 1s}
        """);
    zone.put(dataplane("insp-pol", "web-1", ""));
    String onGlobal = awaitGlobalName("insp-pol", "web-1");

    HttpResponse<String> answer =
        await()
            .atMost(BOUND)
            .until(
                () -> get("/meshes/insp-pol/dataplanes/" + onGlobal + "/_policies"),
                r -> r.body().contains("mesh-wide"));

    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.body())
        .contains("\"type\" : \"MeshTimeout\"")
        .contains("\"kind\" : \"to\"")
        .contains("7s")
        .doesNotContain("other-service");
  }

  /** Waits for the zone's Dataplane on global and returns the name global stores it under. */
  private String awaitGlobalName(String mesh, String localName) {
    return await()
        .atMost(BOUND)
        .until(
            () ->
                store.list(ResourceQuery.inMesh(ResourceTypes.DATAPLANE, mesh)).items().stream()
                    .filter(dp -> localName.equals(dp.labels().get(WellKnownLabels.DISPLAY_NAME)))
                    .map(Resource::name)
                    .findFirst()
                    .orElse(null),
            name -> name != null);
  }
}
