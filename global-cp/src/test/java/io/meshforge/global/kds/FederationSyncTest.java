package io.meshforge.global.kds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.meshforge.global.zone.ZoneRegistry;
import io.meshforge.model.Resource;
import io.meshforge.model.ResourceKey;
import io.meshforge.model.ResourceTypes;
import io.meshforge.model.WellKnownLabels;
import io.meshforge.model.store.ResourceQuery;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class FederationSyncTest extends FederationTestBase {

  private static final Duration BOUND = Duration.ofSeconds(15);
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Test
  void policyWrittenViaRest_connectedZone_receivesItWithGlobalOrigin() throws Exception {
    createMesh("sync-down");
    TestZone zone = connect("zone-down");
    putYaml(
        "/meshes/sync-down/meshtimeouts/slow",
        """
        type: MeshTimeout
        name: slow
        mesh: sync-down
        spec:
          targetRef: {kind: Mesh}
          to:
          - targetRef: {kind: Mesh}
            default: {connectionTimeout: 7s}
        """);

    await()
        .atMost(BOUND)
        .untilAsserted(() -> {
          assertThat(zone.list(ResourceTypes.MESH))
              .extracting(Resource::name)
              .contains("sync-down");
          assertThat(zone.list(ResourceTypes.MESH_TIMEOUT))
              .filteredOn(r -> "slow".equals(r.labels().get(WellKnownLabels.DISPLAY_NAME)))
              .singleElement()
              .satisfies(r -> {
                assertThat(r.labels())
                    .containsEntry(WellKnownLabels.ORIGIN, WellKnownLabels.ORIGIN_GLOBAL);
                assertThat(r.spec().toString()).contains("7s");
              });
        });
  }

  @Test
  void zoneData_reachesGlobal_attributedToTheAuthenticatedZoneAndOwnedByIt() throws Exception {
    createMesh("sync-up");
    TestZone zone = connect("zone-up");
    // The payload claims another zone: global must overwrite it.
    zone.claimInPayload("zone-other");
    zone.put(dataplane("sync-up", "web-1", ""));

    await()
        .atMost(BOUND)
        .untilAsserted(() ->
            assertThat(globalDataplanes("sync-up"))
                .singleElement()
                .satisfies(dp -> {
                  assertThat(dp.labels())
                      .containsEntry(WellKnownLabels.ZONE, "zone-up")
                      .containsEntry(WellKnownLabels.ORIGIN, WellKnownLabels.ORIGIN_ZONE)
                      .containsEntry(WellKnownLabels.DISPLAY_NAME, "web-1");
                }));
    assertThat(store.get(ZoneRegistry.keyOf("zone-up"))).isPresent();
  }

  @Test
  void zoneSync_cannotTouchGlobalOrOtherZonesObjects() throws Exception {
    createMesh("sync-scope");
    TestZone west = connect("zone-west");
    west.put(dataplane("sync-scope", "west-dp", ""));
    await().atMost(BOUND).until(() -> globalDataplanes("sync-scope").size() == 1);
    Resource westCopy = globalDataplanes("sync-scope").getFirst();

    // east's complete state lacks west's Dataplane and global's Mesh: nothing of them may change.
    TestZone east = connect("zone-east");
    east.put(dataplane("sync-scope", "east-dp", ""));
    await().atMost(BOUND).until(() -> globalDataplanes("sync-scope").size() == 2);

    assertThat(store.get(westCopy.key()))
        .get()
        .extracting(Resource::version)
        .isEqualTo(westCopy.version());
    assertThat(store.get(new ResourceKey(ResourceTypes.MESH, "", "sync-scope"))).isPresent();
    assertThat(globalDataplanes("sync-scope"))
        .extracting(r -> r.labels().get(WellKnownLabels.ZONE))
        .containsExactlyInAnyOrder("zone-west", "zone-east");
  }

  @Test
  void dataplaneInMissingMesh_isNackedByName_andTheRestIsStored() throws Exception {
    createMesh("sync-nack");
    TestZone zone = connect("zone-nack");
    zone.put(dataplane("no-such-mesh", "orphan", ""));
    zone.put(dataplane("sync-nack", "fine", ""));

    await().atMost(BOUND).until(() -> globalDataplanes("sync-nack").size() == 1);
    assertThat(globalDataplanes("no-such-mesh")).isEmpty();
  }

  @Test
  void overview_flipsOnlineAndOffline_andDeleteIsRefusedWhileConnected() throws Exception {
    createMesh("sync-life");
    TestZone zone = connect("zone-life");
    zone.put(dataplane("sync-life", "life-dp", ""));
    await().atMost(BOUND).until(() -> "Online".equals(state("zone-life")));
    await().atMost(BOUND).until(() -> globalDataplanes("sync-life").size() == 1);
    JsonNode overview = JSON.readTree(get("/zones/zone-life/_overview").body());
    assertThat(overview.path("zoneInsight").path("subscriptions")).isNotEmpty();

    HttpResponse<String> refused = delete("/zones/zone-life");
    assertThat(refused.statusCode()).isEqualTo(409);
    assertThat(refused.body()).contains("connected");

    zone.close();
    await().atMost(BOUND).until(() -> "Offline".equals(state("zone-life")));
    JsonNode insight = JSON.readTree(get("/zones/zone-life/_overview").body()).path("zoneInsight");
    // The newest subscription is the stream that synced; under load an earlier attempt may have
    // timed out while connecting and be listed first with nothing sent.
    JsonNode subscriptions = insight.path("subscriptions");
    JsonNode latest = subscriptions.get(subscriptions.size() - 1);
    assertThat(latest.has("disconnectTime")).isTrue();
    assertThat(latest.path("status").path("total").path("responsesSent").asLong()).isPositive();

    assertThat(delete("/zones/zone-life").statusCode()).isEqualTo(200);
    assertThat(globalDataplanes("sync-life")).isEmpty();
    await().atMost(BOUND).until(() -> !get("/zones/_overview").body().contains("zone-life"));
  }

  @Test
  void disabledZone_stopsFeedingItsServicesToOtherZones() throws Exception {
    createMesh("sync-ms");
    TestZone producer = connect("zone-prod");
    TestZone consumer = connect("zone-cons");
    producer.put(
        yaml(
            """
            type: MeshService
            name: api
            mesh: sync-ms
            spec:
              selector: {dataplaneTags: {kuma.io/service: api}}
              ports: [{port: 80, targetPort: 8080, appProtocol: http}]
            """));
    await().atMost(BOUND).until(() -> !consumer.list(ResourceTypes.MESH_SERVICE).isEmpty());
    assertThat(producer.list(ResourceTypes.MESH_SERVICE))
        .as("never sent back to its own zone")
        .allMatch(
            r -> !WellKnownLabels.ORIGIN_GLOBAL.equals(r.labels().get(WellKnownLabels.ORIGIN)));

    putYaml("/zones/zone-prod", "type: Zone\nname: zone-prod\nenabled: false\n");
    await().atMost(BOUND).until(() -> consumer.list(ResourceTypes.MESH_SERVICE).isEmpty());
  }

  private String state(String zone) {
    return JSON.readTree(get("/zones/" + zone + "/_overview").body()).path("state").asString("");
  }

  private List<Resource> globalDataplanes(String mesh) {
    return store
        .list(new ResourceQuery(ResourceTypes.DATAPLANE, mesh, Map.of(), null, null, 100))
        .items();
  }
}
