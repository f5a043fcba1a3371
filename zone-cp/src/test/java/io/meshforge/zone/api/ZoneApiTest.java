package io.meshforge.zone.api;

import static io.meshforge.zone.Resources.labelled;
import static io.meshforge.zone.Resources.mesh;
import static io.meshforge.zone.Resources.timeout;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.meshforge.model.ResourceKey;
import io.meshforge.model.ResourceTypes;
import io.meshforge.model.WellKnownLabels;
import io.meshforge.model.store.ResourceStore;
import io.meshforge.rest.OpenApiCoverage;
import io.meshforge.rest.auth.AdminBearer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The zone's REST rules, on the in-memory store, with a global address where nothing listens: the
 * zone starts, reports ready and serves its API while global is unreachable (F13).
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "diagnostics.port=0",
      "xds.grpc.port=0",
      "store.type=memory",
      "zone.name=east",
      "zone.global.address=grpc://127.0.0.1:1",
      "zone.kds.backoff=1s"
    })
class ZoneApiTest {
  private static final Path STATE_DIR = tempStateDir();
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @LocalServerPort int port;
  @LocalManagementPort int managementPort;
  @Autowired ResourceStore store;
  @Autowired ApplicationContext context;

  @DynamicPropertySource
  static void stateDir(DynamicPropertyRegistry registry) {
    registry.add("state.dir", STATE_DIR::toString);
  }

  /** What global synced: a Mesh and a global-origin policy copy. */
  @BeforeEach
  void syncedFromGlobal() {
    if (store.get(new ResourceKey(ResourceTypes.MESH, "", "default")).isEmpty()) {
      store.create(labelled(mesh("default"), WellKnownLabels.ORIGIN, "global"));
      store.create(
          labelled(timeout("default", "from-global", "1s"), WellKnownLabels.ORIGIN, "global"));
    }
  }

  @Test
  void openapi_documentsEveryPathTheZoneServes_andNoPathOnlyGlobalServes() {
    Answer answer = get("/openapi.yaml");
    assertThat(answer.status()).isEqualTo(200);
    JsonNode document = OpenApiCoverage.parse(answer.body());

    assertThat(OpenApiCoverage.undocumented(context, document)).isEmpty();
    assertThat(document.path("paths").has("/zone/status")).isTrue();
    assertThat(document.path("paths").has("/zone/epoch/confirm")).isTrue();
    assertThat(document.path("paths").has("/tokens/zone")).isFalse();
    assertThat(document.path("paths").has("/zones/_overview")).isFalse();
  }

  @Test
  void index_saysZoneMode() {
    Answer answer = get("/");
    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.json().get("mode").asString()).isEqualTo("zone");
  }

  @Test
  void ready_withGlobalUnreachable_isReadyAndServesReads() {
    Answer ready = send(HttpRequest.newBuilder(uri(managementPort, "/ready")).build());
    assertThat(ready.status()).isEqualTo(200);
    assertThat(get("/meshes/default/meshtimeouts/from-global").status()).isEqualTo(200);
    Answer status = get("/zone/status");
    assertThat(status.json().at("/global/leader").asBoolean()).isTrue();
    assertThat(status.json().at("/global/epoch/state").asString()).isEqualTo("DISCONNECTED");
  }

  @ParameterizedTest
  @CsvSource({
    "/meshes/other, 'type: Mesh\nname: other\n'",
    "/meshes/default/meshmultizoneservices/m, 'type: MeshMultiZoneService\nname: m\nmesh: default\nspec: {selector: {meshService: {matchLabels: {a: b}}}, ports: [{port: 80}]}\n'",
    "/global-secrets/s, 'type: GlobalSecret\nname: s\ndata: YQ==\n'",
  })
  void put_globalOnlyType_is405SayingToChangeItOnGlobal(String path, String yaml) {
    Answer answer = putYaml(path, yaml);
    assertThat(answer.status()).as(answer.body()).isEqualTo(405);
    assertThat(answer.body()).contains("on global");
  }

  @Test
  void putAndDelete_globalOriginCopy_are405() {
    Answer put =
        putYaml("/meshes/default/meshtimeouts/from-global", timeoutYaml("from-global", "", "9s"));
    assertThat(put.status()).as(put.body()).isEqualTo(405);
    assertThat(put.body()).contains("synced from the global control plane");
    Answer delete = delete("/meshes/default/meshtimeouts/from-global");
    assertThat(delete.status()).as(delete.body()).isEqualTo(405);
    assertThat(store.get(new ResourceKey(ResourceTypes.MESH_TIMEOUT, "default", "from-global")))
        .isPresent();
  }

  @ParameterizedTest
  @CsvSource({
    "/meshes/default/dataplanes/gone-1, Dataplane, default, DataplaneInsight, 'mesh: default\nnetworking: {address: 127.0.0.1, inbound: [{port: 80, tags: {kuma.io/service: web}}]}'",
    "/zoneingresses/gone-1, ZoneIngress, '', ZoneIngressInsight, 'networking: {address: 127.0.0.1, port: 10001}'",
    "/zoneegresses/gone-1, ZoneEgress, '', ZoneEgressInsight, 'networking: {address: 127.0.0.1, port: 10002}'",
  })
  void delete_proxyRegistration_deletesItsInsightToo(
      String path, String type, String mesh, String insightType, String body) {
    String yaml = "type: " + type + "\nname: gone-1\n" + body + "\n";
    assertThat(putYaml(path, yaml).status()).isEqualTo(201);
    ResourceKey insight =
        new ResourceKey(ResourceTypes.byName(insightType).orElseThrow(), mesh, "gone-1");
    store.create(
        io.meshforge.model.Resource.of(
            insight,
            java.util.Map.of(),
            JSON.readTree(
                "{\"subscriptions\": [{\"id\": \"s-1\", \"connectTime\": \"2026-01-01T00:00:00Z\","
                    + " \"version\": {\"envoy\": {\"version\": \"1.34.2\", \"build\": \"b\"}}}],"
                    + " \"mTLS\": {\"certificateExpirationTime\": \"2026-01-02T00:00:00Z\"}}")));
    if (type.equals("Dataplane")) {
      // The overview shows what the recorder wrote, new fields included.
      JsonNode overview = get(path + "/_overview").json();
      assertThat(overview.at("/dataplaneInsight/subscriptions/0/version/envoy/version").asString())
          .isEqualTo("1.34.2");
      assertThat(overview.at("/dataplaneInsight/mTLS/certificateExpirationTime").asString())
          .isEqualTo("2026-01-02T00:00:00Z");
    }

    assertThat(delete(path).status()).isEqualTo(200);

    assertThat(store.get(insight)).isEmpty();
    assertThat(putYaml(path, yaml).status()).isEqualTo(201);
    assertThat(store.get(insight)).isEmpty();
    assertThat(delete(path).status()).isEqualTo(200);
  }

  @Test
  void put_zonePolicy_isAcceptedAndStampedWithOriginAndZone() {
    Answer answer = putYaml("/meshes/default/meshtimeouts/local", timeoutYaml("local", "", "2s"));
    assertThat(answer.status()).as(answer.body()).isEqualTo(201);
    JsonNode labels = get("/meshes/default/meshtimeouts/local").json().get("labels");
    assertThat(labels.get("kuma.io/origin").asString()).isEqualTo("zone");
    assertThat(labels.get("kuma.io/zone").asString()).isEqualTo("east");
    assertThat(delete("/meshes/default/meshtimeouts/local").status()).isEqualTo(200);
  }

  @ParameterizedTest
  @CsvSource({
    "kuma.io/zone, west, kuma.io/zone",
    "kuma.io/origin, global, kuma.io/origin",
  })
  void put_wrongAttributionLabel_is400NamingTheLabel(String key, String value, String field) {
    Answer answer =
        putYaml(
            "/meshes/default/meshtimeouts/claims", timeoutYaml("claims", key + ": " + value, "2s"));
    assertThat(answer.status()).as(answer.body()).isEqualTo(400);
    assertThat(answer.body()).contains(field);
  }

  @Test
  void put_zoneLabelNamingThisZone_isAccepted() {
    Answer answer =
        putYaml(
            "/meshes/default/meshtimeouts/own-zone",
            timeoutYaml("own-zone", "kuma.io/zone: east", "2s"));
    assertThat(answer.status()).as(answer.body()).isEqualTo(201);
  }

  @Test
  void put_dataplane_isWritableInAZone() {
    Answer answer =
        putYaml(
            "/meshes/default/dataplanes/web-1",
            """
            type: Dataplane
            name: web-1
            mesh: default
            networking:
              address: 10.0.0.1
              inbound:
              - port: 8080
                tags: {kuma.io/service: web}
            """);
    assertThat(answer.status()).as(answer.body()).isEqualTo(201);
    assertThat(get("/_resources").body()).contains("\"name\" : \"Dataplane\"");
  }

  @ParameterizedTest
  @ValueSource(strings = {"xds", "stats", "clusters"})
  void inspect_registeredDataplaneWithoutXdsStream_is503ProxyOffline(String kind) {
    putDataplane("inspect-offline");

    Answer answer = get("/meshes/default/dataplanes/inspect-offline/" + kind);

    assertThat(answer.status()).as(answer.body()).isEqualTo(503);
    assertThat(answer.json().path("title").asString()).isEqualTo("Proxy offline");
    assertThat(answer.json().path("details").asString()).contains("inspect-offline");
  }

  @Test
  void inspect_unknownDataplane_is404() {
    Answer answer = get("/meshes/default/dataplanes/ghost/stats");

    assertThat(answer.status()).as(answer.body()).isEqualTo(404);
  }

  @Test
  void policies_dataplane_listsGlobalPolicyCopyThatMatchesIt() {
    putDataplane("inspect-policies");

    Answer answer = get("/meshes/default/dataplanes/inspect-policies/_policies");

    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    JsonNode policies = answer.json().path("policies");
    assertThat(policies).isNotEmpty();
    assertThat(policies)
        .anySatisfy(item -> {
          assertThat(item.path("type").asString()).isEqualTo("MeshTimeout");
          assertThat(item.path("name").asString()).isEqualTo("from-global");
          assertThat(item.path("kind").asString()).isEqualTo("to");
          assertThat(item.path("conf").toString()).contains("1s");
        });
  }

  @Test
  void overview_registeredDataplaneWithoutStream_isListedOfflineWithItsSpec() {
    putDataplane("overview-1");

    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> {
          Answer list = get("/meshes/default/dataplanes/_overview?size=1000");
          assertThat(list.status()).as(list.body()).isEqualTo(200);
          assertThat(list.json().path("items"))
              .anySatisfy(item -> {
                assertThat(item.path("type").asString()).isEqualTo("DataplaneOverview");
                assertThat(item.path("name").asString()).isEqualTo("overview-1");
                assertThat(item.path("state").asString()).isEqualTo("Offline");
                assertThat(item.path("dataplane").path("networking").path("address").asString())
                    .isEqualTo("127.0.0.1");
              });
        });
    Answer one = get("/meshes/default/dataplanes/overview-1/_overview");
    assertThat(one.status()).as(one.body()).isEqualTo(200);
    assertThat(one.json().path("name").asString()).isEqualTo("overview-1");
  }

  @Test
  void overview_pagedAndBadSize_is400NamingTheField() {
    putDataplane("overview-2");
    putDataplane("overview-3");

    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> {
          Answer page = get("/meshes/default/dataplanes/_overview?size=1");
          assertThat(page.json().path("total").asInt()).isGreaterThanOrEqualTo(2);
          assertThat(page.json().path("items")).hasSize(1);
          assertThat(page.json().path("next").asString()).contains("offset=1");
        });
    Answer bad = get("/meshes/default/dataplanes/_overview?size=0");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.body()).contains("size");
    assertThat(get("/meshes/default/dataplanes/nobody/_overview").status()).isEqualTo(404);
  }

  private void putDataplane(String name) {
    Answer answer =
        putYaml(
            "/meshes/default/dataplanes/" + name,
            """
            type: Dataplane
            name: %s
            mesh: default
            networking:
              address: 127.0.0.1
              inbound:
              - port: 8080
                tags: {kuma.io/service: web}
            """
                .formatted(name));
    assertThat(answer.status()).as(answer.body()).isIn(200, 201);
  }

  private static String timeoutYaml(String name, String labels, String connectionTimeout) {
    return String.join(
        "\n",
        "type: MeshTimeout",
        "name: " + name,
        "mesh: default",
        "labels: {" + labels + "}",
        "spec:",
        "  targetRef: {kind: Mesh}",
        "  to:",
        "  - targetRef: {kind: Mesh}",
        "    default: {connectionTimeout: " + connectionTimeout + "}",
        "");
  }

  record Answer(int status, String body) {
    JsonNode json() {
      return JSON.readTree(body);
    }
  }

  private Answer get(String path) {
    return send(HttpRequest.newBuilder(uri(port, path)).GET().build());
  }

  private Answer putYaml(String path, String yaml) {
    return send(
        HttpRequest.newBuilder(uri(port, path))
            .header("Content-Type", "application/yaml")
            .PUT(HttpRequest.BodyPublishers.ofString(yaml))
            .build());
  }

  private Answer delete(String path) {
    return send(HttpRequest.newBuilder(uri(port, path)).DELETE().build());
  }

  private static Answer send(HttpRequest request) {
    try {
      HttpResponse<String> response =
          HTTP.send(
              AdminBearer.authorize(request, STATE_DIR), HttpResponse.BodyHandlers.ofString());
      return new Answer(response.statusCode(), response.body());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static URI uri(int port, String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  private static Path tempStateDir() {
    try {
      return Files.createTempDirectory("forge-zone-test");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
