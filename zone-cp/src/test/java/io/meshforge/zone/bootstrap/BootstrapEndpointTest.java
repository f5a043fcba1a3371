package io.meshforge.zone.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.meshforge.model.Resource;
import io.meshforge.model.ResourceKey;
import io.meshforge.model.ResourceTypes;
import io.meshforge.model.WellKnownLabels;
import io.meshforge.model.store.ResourceStore;
import io.meshforge.rest.auth.AdminToken;
import io.meshforge.zone.Resources;
import io.meshforge.zone.xds.XdsComponents;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Dataplane tokens, {@code POST /bootstrap} and MeshService generation on a zone CP. */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "diagnostics.port=0",
      "store.type=memory",
      "zone.name=east",
      "xds.grpc.port=0",
      "bootstrap.fetch.timeout=2s"
    })
class BootstrapEndpointTest {
  private static final Path STATE_DIR = tempStateDir();
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final Duration BOUND = Duration.ofSeconds(10);

  @LocalServerPort int port;
  @Autowired ResourceStore store;
  @Autowired XdsComponents xds;

  @DynamicPropertySource
  static void stateDir(DynamicPropertyRegistry registry) {
    registry.add("state.dir", STATE_DIR::toString);
  }

  @BeforeEach
  void meshFromGlobal() {
    if (store.get(new ResourceKey(ResourceTypes.MESH, "", "default")).isEmpty()) {
      store.create(Resources.labelled(Resources.mesh("default"), WellKnownLabels.ORIGIN, "global"));
    }
  }

  private static String dataplaneYaml(String name, String service) {
    return """
    type: Dataplane
    name: %s
    mesh: default
    networking:
      address: 127.0.0.1
      inbound:
      - port: 8080
        name: main
        tags: {kuma.io/service: %s, kuma.io/protocol: http}
      - port: 9090
        tags: {kuma.io/service: %s}
    """
        .formatted(name, service, service);
  }

  @Test
  void issue_withoutAdminToken_is401() {
    Answer answer = post("/tokens/dataplane", "{\"mesh\":\"default\"}", null);
    assertThat(answer.status()).isEqualTo(401);
  }

  @Test
  void issue_invalidRequest_is400NamingTheField() {
    Answer answer =
        post("/tokens/dataplane", "{\"mesh\":\"Bad_Mesh\",\"validFor\":\"x\"}", admin());
    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.body()).contains("\"mesh\"").contains("validFor");
  }

  @Test
  void bootstrap_validRequest_registersTheDataplaneAndAnswersAnEnvoyBootstrap() {
    String token =
        issue("{\"name\":\"web-1\",\"mesh\":\"default\",\"tags\":{\"kuma.io/service\":[\"web\"]}}");
    Answer answer = bootstrap(dataplaneYaml("web-1", "web"), token, 19901);
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    JsonNode bootstrap = answer.json();
    assertThat(bootstrap.at("/node/id").asString()).isEqualTo("default.web-1");
    assertThat(bootstrap.at("/node/cluster").asString()).isEqualTo("web");
    assertThat(bootstrap.at("/node/metadata/version/envoy/version").asString()).isEqualTo("1.40.0");
    assertThat(bootstrap.at("/node/metadata/version/kumaDp/version").asString()).isEqualTo("0.1.0");
    assertThat(bootstrap.at("/admin/address/socket_address/address").asString())
        .isEqualTo("127.0.0.1");
    assertThat(bootstrap.at("/admin/address/socket_address/port_value").asInt()).isEqualTo(19901);
    JsonNode ads = bootstrap.at("/dynamic_resources/ads_config");
    assertThat(ads.get("api_type").asString()).isEqualTo("DELTA_GRPC");
    assertThat(ads.get("transport_api_version").asString()).isEqualTo("V3");
    assertThat(ads.at("/grpc_services/0/envoy_grpc/cluster_name").asString())
        .isEqualTo("ads_cluster");
    assertThat(ads.at("/grpc_services/0/initial_metadata/0/key").asString())
        .isEqualTo("authorization");
    assertThat(ads.at("/grpc_services/0/initial_metadata/0/value").asString())
        .isEqualTo("Bearer " + token);
    assertThat(bootstrap.at("/dynamic_resources/cds_config/initial_fetch_timeout").asString())
        .isEqualTo("2s");
    JsonNode cluster = bootstrap.at("/static_resources/clusters/0");
    assertThat(cluster.get("name").asString()).isEqualTo("ads_cluster");
    JsonNode address = cluster.at("/load_assignment/endpoints/0/lb_endpoints/0/endpoint/address");
    assertThat(address.at("/socket_address/address").asString()).isEqualTo("127.0.0.1");
    // xds.grpc.port=0: the bootstrap carries the port really bound, never 0
    assertThat(xds.port()).isPositive();
    assertThat(address.at("/socket_address/port_value").asInt()).isEqualTo(xds.port());
    assertThat(cluster.toString()).contains("http2_protocol_options");

    Resource stored = dataplane("web-1").orElseThrow();
    assertThat(stored.labels())
        .containsEntry(WellKnownLabels.ORIGIN, "zone")
        .containsEntry(WellKnownLabels.ZONE, "east");
    assertThat(stored.spec().at("/networking/admin/port").asInt()).isEqualTo(19901);

    // bootstrapping again (an agent restart) updates in place
    assertThat(bootstrap(dataplaneYaml("web-1", "web"), token, 19901).status()).isEqualTo(200);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "token for another name | {\"name\":\"web-9\",\"mesh\":\"default\"} | 403 | web-9",
        "token for another mesh | {\"mesh\":\"other\"} | 403 | mesh 'other'",
        "tag value not allowed | {\"mesh\":\"default\",\"tags\":{\"kuma.io/service\":[\"db\"]}} | 403"
            + " | kuma.io/service=web",
      })
  void bootstrap_tokenNotBoundToTheDataplane_isRefusedAndNothingStored(
      String name, String tokenRequest, int status, String reason) {
    Answer answer = bootstrap(dataplaneYaml("web-3", "web"), issue(tokenRequest), null);
    assertThat(answer.status()).as(answer.body()).isEqualTo(status);
    assertThat(answer.body()).contains(reason);
    assertThat(dataplane("web-3")).isEmpty();
  }

  @Test
  void bootstrap_garbageOrRevokedToken_is401() {
    assertThat(bootstrap(dataplaneYaml("web-4", "web"), "not-a-jwt", null).status()).isEqualTo(401);
    String token = issue("{\"mesh\":\"default\"}");
    Answer revoke =
        post(
            "/tokens/dataplane/revoke",
            JSON.createObjectNode().put("token", token).toString(),
            admin());
    assertThat(revoke.status()).as(revoke.body()).isEqualTo(200);
    Answer answer = bootstrap(dataplaneYaml("web-4", "web"), token, null);
    assertThat(answer.status()).isEqualTo(401);
    assertThat(answer.body()).contains("revoked");
    assertThat(dataplane("web-4")).isEmpty();
  }

  @Test
  void bootstrap_invalidDataplane_is400WithTheFieldPath() {
    String token = issue("{\"mesh\":\"default\"}");
    Answer answer =
        bootstrap(
            "type: Dataplane\nname: web-5\nmesh: default\nnetworking:\n  address: 127.0.0.1\n"
                + "  inbound:\n  - port: 70000\n    tags: {kuma.io/service: web}\n",
            token,
            null);
    assertThat(answer.status()).as(answer.body()).isEqualTo(400);
    assertThat(answer.json().at("/causes/0/field").asString())
        .isEqualTo("networking.inbound[0].port");
  }

  @Test
  void bootstrap_missingMesh_is400() {
    String token = issue("{\"mesh\":\"absent\"}");
    Answer answer =
        bootstrap(
            dataplaneYaml("web-6", "web").replace("mesh: default", "mesh: absent"), token, null);
    assertThat(answer.status()).as(answer.body()).isEqualTo(400);
  }

  @Test
  void meshServices_followTheDataplanesServiceTags() {
    String token = issue("{\"mesh\":\"default\"}");
    assertThat(bootstrap(dataplaneYaml("api-1", "api"), token, null).status()).isEqualTo(200);
    ResourceKey api = new ResourceKey(ResourceTypes.MESH_SERVICE, "default", "api");
    await().atMost(BOUND).until(() -> store.get(api).isPresent());
    Resource service = store.get(api).orElseThrow();
    assertThat(service.labels())
        .containsEntry(WellKnownLabels.ORIGIN, "zone")
        .containsEntry(WellKnownLabels.ZONE, "east")
        .containsEntry("kuma.io/managed-by", "meshservice-generator");
    assertThat(service.spec().at("/selector/dataplaneTags/kuma.io~1service").asString())
        .isEqualTo("api");
    assertThat(service.spec().at("/ports/0/port").asInt()).isEqualTo(8080);
    assertThat(service.spec().at("/ports/0/name").asString()).isEqualTo("main");
    assertThat(service.spec().at("/ports/0/appProtocol").asString()).isEqualTo("http");
    assertThat(service.spec().at("/ports/1/port").asInt()).isEqualTo(9090);
    assertThat(service.spec().at("/state").asString()).isEqualTo("Available");

    // the Dataplane now serves api-v2 instead: api goes, api-v2 comes
    assertThat(bootstrap(dataplaneYaml("api-1", "api-v2"), token, null).status()).isEqualTo(200);
    ResourceKey v2 = new ResourceKey(ResourceTypes.MESH_SERVICE, "default", "api-v2");
    await().atMost(BOUND).until(() -> store.get(v2).isPresent() && store.get(api).isEmpty());

    store.delete(new ResourceKey(ResourceTypes.DATAPLANE, "default", "api-1"));
    await().atMost(BOUND).until(() -> store.get(v2).isEmpty());
  }

  @Test
  void bootstrap_ingressWithIngressToken_registersTheZoneIngressUnderItsOwnName() {
    Answer token =
        post("/tokens/zone-proxy", "{\"proxyType\":\"ingress\",\"name\":\"ingress-1\"}", admin());
    assertThat(token.status()).as(token.body()).isEqualTo(200);

    Answer answer = bootstrapIngress(ingressYaml("ingress-1"), token.body());

    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    assertThat(answer.json().at("/node/id").asString()).isEqualTo("ingress-1");
    Resource stored =
        store.get(ResourceKey.global(ResourceTypes.ZONE_INGRESS, "ingress-1")).orElseThrow();
    assertThat(stored.labels())
        .containsEntry(WellKnownLabels.ORIGIN, "zone")
        .containsEntry(WellKnownLabels.ZONE, "east");
    assertThat(stored.spec().at("/networking/advertisedPort").asInt()).isEqualTo(10443);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "sidecar token for an ingress | ingress | ingress-2 | {\"mesh\":\"default\"} | 403",
        "ingress token for another ingress | ingress | ingress-2"
            + " | {\"proxyType\":\"ingress\",\"name\":\"ingress-9\"} | 403",
        "egress token for an ingress | ingress | ingress-2 | {\"proxyType\":\"egress\"} | 403",
        "ingress token for a sidecar | dataplane | web-7 | {\"proxyType\":\"ingress\"} | 403",
      })
  void bootstrap_tokenOfAnotherProxyType_isRefusedAndNothingStored(
      String name, String proxyType, String proxy, String tokenRequest, int status) {
    String path = tokenRequest.contains("proxyType") ? "/tokens/zone-proxy" : "/tokens/dataplane";
    Answer token = post(path, tokenRequest, admin());
    assertThat(token.status()).as(token.body()).isEqualTo(200);

    Answer answer =
        "ingress".equals(proxyType)
            ? bootstrapIngress(ingressYaml(proxy), token.body())
            : bootstrap(dataplaneYaml(proxy, "web"), token.body(), null);

    assertThat(answer.status()).as(answer.body()).isEqualTo(status);
    assertThat(store.get(ResourceKey.global(ResourceTypes.ZONE_INGRESS, proxy))).isEmpty();
    assertThat(dataplane(proxy)).isEmpty();
  }

  @Test
  void bootstrap_egressWithEgressToken_registersTheZoneEgressUnderItsOwnName() {
    Answer token =
        post("/tokens/zone-proxy", "{\"proxyType\":\"egress\",\"name\":\"egress-1\"}", admin());
    assertThat(token.status()).as(token.body()).isEqualTo(200);

    Answer answer = bootstrapZoneProxy("egress", egressYaml("egress-1"), token.body());

    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    assertThat(answer.json().at("/node/id").asString()).isEqualTo("egress-1");
    Resource stored =
        store.get(ResourceKey.global(ResourceTypes.ZONE_EGRESS, "egress-1")).orElseThrow();
    assertThat(stored.labels()).containsEntry(WellKnownLabels.ORIGIN, "zone");
    assertThat(stored.spec().at("/networking/port").asInt()).isEqualTo(10002);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "sidecar token for an egress | egress-2 | /tokens/dataplane | {\"mesh\":\"default\"} | 403",
        "ingress token for an egress | egress-2 | /tokens/zone-proxy | {\"proxyType\":\"ingress\"} | 403",
        "egress token for another egress | egress-2 | /tokens/zone-proxy"
            + " | {\"proxyType\":\"egress\",\"name\":\"egress-9\"} | 403",
        "no token | egress-2 | '' | '' | 401",
      })
  void bootstrapEgress_tokenNotForThisEgress_isRefusedAndNothingStored(
      String name, String egress, String tokenPath, String tokenRequest, int status) {
    String token = "";
    if (!tokenPath.isEmpty()) {
      Answer issued = post(tokenPath, tokenRequest, admin());
      assertThat(issued.status()).as(issued.body()).isEqualTo(200);
      token = issued.body();
    }

    Answer answer = bootstrapZoneProxy("egress", egressYaml(egress), token);

    assertThat(answer.status()).as(answer.body()).isEqualTo(status);
    assertThat(store.get(ResourceKey.global(ResourceTypes.ZONE_EGRESS, egress))).isEmpty();
  }

  @Test
  void bootstrapEgress_nameOfAZoneIngress_isRefused() {
    Answer ingressToken =
        post("/tokens/zone-proxy", "{\"proxyType\":\"ingress\",\"name\":\"edge\"}", admin());
    assertThat(bootstrapIngress(ingressYaml("edge"), ingressToken.body()).status()).isEqualTo(200);
    Answer egressToken =
        post("/tokens/zone-proxy", "{\"proxyType\":\"egress\",\"name\":\"edge\"}", admin());

    Answer answer = bootstrapZoneProxy("egress", egressYaml("edge"), egressToken.body());

    assertThat(answer.status()).as(answer.body()).isEqualTo(400);
    assertThat(store.get(ResourceKey.global(ResourceTypes.ZONE_EGRESS, "edge"))).isEmpty();
  }

  private static String egressYaml(String name) {
    return """
    type: ZoneEgress
    name: %s
    networking:
      address: 127.0.0.1
      port: 10002
    """
        .formatted(name);
  }

  private Answer bootstrapZoneProxy(String proxyType, String resource, String token) {
    ObjectNode body = JSON.createObjectNode();
    body.put("dataplaneResource", resource);
    body.put("dataplaneToken", token);
    body.put("proxyType", proxyType);
    return post("/bootstrap", body.toString(), null);
  }

  private static String ingressYaml(String name) {
    return """
    type: ZoneIngress
    name: %s
    networking:
      address: 127.0.0.1
      port: 10001
      advertisedAddress: 192.0.2.1
      advertisedPort: 10443
    """
        .formatted(name);
  }

  private Answer bootstrapIngress(String ingress, String token) {
    ObjectNode body = JSON.createObjectNode();
    body.put("dataplaneResource", ingress);
    body.put("dataplaneToken", token);
    body.put("proxyType", "ingress");
    return post("/bootstrap", body.toString(), null);
  }

  private Optional<Resource> dataplane(String name) {
    return store.get(new ResourceKey(ResourceTypes.DATAPLANE, "default", name));
  }

  private String issue(String request) {
    Answer answer = post("/tokens/dataplane", request, admin());
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    return answer.body();
  }

  private Answer bootstrap(String dataplane, String token, Integer adminPort) {
    ObjectNode body = JSON.createObjectNode();
    body.put("dataplaneResource", dataplane);
    body.put("dataplaneToken", token);
    if (adminPort != null) {
      body.put("adminPort", adminPort);
    }
    ObjectNode version = body.putObject("version");
    version.putObject("envoy").put("version", "1.40.0");
    version.putObject("kumaDp").put("version", "0.1.0");
    return post("/bootstrap", body.toString(), null);
  }

  private static String admin() {
    try {
      return Files.readString(STATE_DIR.resolve(AdminToken.FILE_NAME)).trim();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  record Answer(int status, String body) {
    JsonNode json() {
      return JSON.readTree(body);
    }
  }

  private Answer post(String path, String json, String bearer) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json));
    if (bearer != null) {
      request.header("Authorization", "Bearer " + bearer);
    }
    try {
      HttpResponse<String> response =
          HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Answer(response.statusCode(), response.body());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static Path tempStateDir() {
    try {
      return Files.createTempDirectory("forge-zone-bootstrap-test");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
