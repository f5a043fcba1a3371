package io.meshforge.global.zone;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshforge.model.Resource;
import io.meshforge.model.ResourceKey;
import io.meshforge.model.ResourceType;
import io.meshforge.model.ResourceTypes;
import io.meshforge.model.store.ResourceView;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class GlobalInsightTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Instant NOW = Instant.parse("2026-11-22T10:15:30.123456Z");

  private final List<Resource> resources = new ArrayList<>();

  @Test
  void now_emptyView_countsZeroForEveryRegisteredType() {
    JsonNode insight = insight(Set.of());

    assertThat(insight.path("type").asString()).isEqualTo("GlobalInsight");
    assertThat(insight.path("createdAt").asString()).isEqualTo("2026-11-22T10:15:30.123Z");
    assertThat(insight.path("meshes").path("total").asInt()).isZero();
    assertThat(insight.path("policies").path("total").asInt()).isZero();
    assertThat(insight.path("resources").propertyNames())
        .containsExactlyElementsOf(ResourceTypes.all().stream().map(ResourceType::name).toList());
    ResourceTypes.all()
        .forEach(type ->
            assertThat(insight.path("resources").path(type.name()).path("total").asInt())
                .as(type.name())
                .isZero());
  }

  @Test
  void now_zonesWithOneOnline_countsOnlineAndTotal() {
    add(ResourceKey.global(ResourceTypes.ZONE, "east"), "{}");
    add(ResourceKey.global(ResourceTypes.ZONE, "west"), "{}");
    add(ResourceKey.global(ResourceTypes.ZONE, "north"), "{}");
    add(ResourceKey.global(ResourceTypes.ZONE_INGRESS, "ingress-east"), ingress());

    JsonNode zones = insight(Set.of("west")).path("zones");

    assertThat(zones.path("controlPlanes").path("online").asInt()).isEqualTo(1);
    assertThat(zones.path("controlPlanes").path("total").asInt()).isEqualTo(3);
    assertThat(zones.path("zoneIngresses").path("total").asInt()).isEqualTo(1);
    assertThat(zones.path("zoneEgresses").path("total").asInt()).isZero();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    // case, newest subscription, online, offline
    "connected,        '{\"connectTime\":\"2026-11-22T10:00:00Z\"}',                       1, 0",
    "disconnected,     '{\"connectTime\":\"2026-11-22T10:00:00Z\",\"disconnectTime\":\"2026-11-22T10:01:00Z\"}', 0, 1",
  })
  void now_dataplaneWithInsight_isOnlineWhileItsNewestSubscriptionIsOpen(
      String name, String newest, int online, int offline) {
    add(ResourceKey.global(ResourceTypes.MESH, "default"), "{}");
    add(ResourceKey.inMesh(ResourceTypes.DATAPLANE, "default", "web-1"), dataplane(""));
    add(
        ResourceKey.inMesh(ResourceTypes.DATAPLANE_INSIGHT, "default", "web-1"),
        "{\"subscriptions\":[{\"connectTime\":\"2026-11-22T09:00:00Z\","
            + "\"disconnectTime\":\"2026-11-22T09:30:00Z\"},"
            + newest
            + "]}");

    JsonNode standard = insight(Set.of()).path("dataplanes").path("standard");

    assertThat(standard.path("online").asInt()).isEqualTo(online);
    assertThat(standard.path("offline").asInt()).isEqualTo(offline);
    assertThat(standard.path("total").asInt()).isEqualTo(1);
  }

  @Test
  void now_dataplanesOfSeveralKinds_countsEachKindApart() {
    add(ResourceKey.global(ResourceTypes.MESH, "default"), "{}");
    add(ResourceKey.inMesh(ResourceTypes.DATAPLANE, "default", "web-1"), dataplane(""));
    add(ResourceKey.inMesh(ResourceTypes.DATAPLANE, "default", "web-2"), dataplane(""));
    add(
        ResourceKey.inMesh(ResourceTypes.DATAPLANE, "default", "edge"),
        dataplane(",\"gateway\":{\"type\":\"BUILTIN\",\"tags\":{\"kuma.io/service\":\"edge\"}}"));
    add(
        ResourceKey.inMesh(ResourceTypes.DATAPLANE, "default", "kong"),
        dataplane(",\"gateway\":{\"tags\":{\"kuma.io/service\":\"kong\"}}"));

    JsonNode dataplanes = insight(Set.of()).path("dataplanes");

    assertThat(dataplanes.path("standard").path("total").asInt()).isEqualTo(2);
    assertThat(dataplanes.path("standard").path("offline").asInt()).isEqualTo(2);
    assertThat(dataplanes.path("gatewayBuiltin").path("total").asInt()).isEqualTo(1);
    assertThat(dataplanes.path("gatewayDelegated").path("total").asInt()).isEqualTo(1);
  }

  @Test
  void now_policiesAndServicesInSeveralMeshes_countsPerTypeAndInTotal() {
    add(ResourceKey.global(ResourceTypes.MESH, "default"), "{}");
    add(ResourceKey.global(ResourceTypes.MESH, "payments"), "{}");
    add(ResourceKey.inMesh(ResourceTypes.MESH_TIMEOUT, "default", "a"), "{}");
    add(ResourceKey.inMesh(ResourceTypes.MESH_TIMEOUT, "payments", "b"), "{}");
    add(ResourceKey.inMesh(ResourceTypes.MESH_RETRY, "payments", "c"), "{}");
    add(ResourceKey.inMesh(ResourceTypes.MESH_SERVICE, "default", "backend"), "{}");
    add(ResourceKey.inMesh(ResourceTypes.MESH_EXTERNAL_SERVICE, "default", "httpbin"), "{}");
    add(ResourceKey.inMesh(ResourceTypes.MESH_MULTI_ZONE_SERVICE, "default", "backend-mz"), "{}");

    JsonNode insight = insight(Set.of());

    assertThat(insight.path("meshes").path("total").asInt()).isEqualTo(2);
    assertThat(insight.path("policies").path("total").asInt()).isEqualTo(3);
    assertThat(insight.path("resources").path("MeshTimeout").path("total").asInt()).isEqualTo(2);
    assertThat(insight.path("resources").path("MeshRetry").path("total").asInt()).isEqualTo(1);
    assertThat(insight.path("services").path("internal").asInt()).isEqualTo(1);
    assertThat(insight.path("services").path("external").asInt()).isEqualTo(1);
    assertThat(insight.path("services").path("total").asInt()).isEqualTo(2);
    assertThat(insight.path("services").path("multiZone").asInt()).isEqualTo(1);
  }

  private JsonNode insight(Set<String> onlineZones) {
    ResourceView view = new ResourceView();
    view.replaceAll(resources, 1);
    return new GlobalInsight(view, onlineZones::contains, Clock.fixed(NOW, ZoneOffset.UTC)).now();
  }

  private void add(ResourceKey key, String spec) {
    resources.add(Resource.of(key, Map.of(), JSON.readTree(spec)));
  }

  private static String dataplane(String extraNetworking) {
    return "{\"networking\":{\"address\":\"10.0.0.1\",\"inbound\":[{\"port\":8080,"
        + "\"tags\":{\"kuma.io/service\":\"web\"}}]"
        + extraNetworking
        + "}}";
  }

  private static String ingress() {
    return "{\"networking\":{\"address\":\"10.0.0.2\",\"port\":10001}}";
  }
}
