package io.meshforge.global.kds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.meshforge.model.Resource;
import io.meshforge.model.ResourceType;
import io.meshforge.model.ResourceTypes;
import io.meshforge.model.WellKnownLabels;
import io.meshforge.model.store.ResourceQuery;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A zone's ZoneIngressInsight and ZoneEgressInsight reach global and show in its overviews. */
class ZoneProxyInsightFederationTest extends FederationTestBase {

  private static final Duration BOUND = Duration.ofSeconds(15);
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @ParameterizedTest
  @CsvSource({
    "ZoneIngress, ZoneIngressInsight, zoneingresses, zoneIngressInsight, zone-zi",
    "ZoneEgress, ZoneEgressInsight, zoneegresses, zoneEgressInsight, zone-ze"
  })
  void zoneProxyInsight_syncedUp_showsOnGlobalOverviewAsOnline(
      String proxyType, String insightType, String path, String field, String zoneName)
      throws Exception {
    TestZone zone = connect(zoneName);
    zone.put(
        yaml(
            """
            type: %s
            name: proxy-1
            networking: {address: 10.0.0.1, port: 10001}
            """
                .formatted(proxyType)));
    zone.put(
        yaml(
            """
            type: %s
            name: proxy-1
            subscriptions:
            - id: s-1
              controlPlaneInstanceId: cp-1
              connectTime: "2026-03-01T10:00:00Z"
            """
                .formatted(insightType)));

    ResourceType insight = ResourceTypes.byName(insightType).orElseThrow();
    await()
        .atMost(BOUND)
        .untilAsserted(() ->
            assertThat(ofZone(insight, zoneName))
                .singleElement()
                .satisfies(r ->
                    assertThat(r.labels())
                        .containsEntry(WellKnownLabels.ZONE, zoneName)
                        .containsEntry(WellKnownLabels.DISPLAY_NAME, "proxy-1")));
    String globalName = ofZone(insight, zoneName).getFirst().name();
    assertThat(ofZone(ResourceTypes.byName(proxyType).orElseThrow(), zoneName))
        .extracting(Resource::name)
        .as("the insight is named like its proxy on global")
        .containsExactly(globalName);

    await()
        .atMost(BOUND)
        .untilAsserted(() -> {
          HttpResponse<String> list = get("/" + path + "/_overview?size=1000");
          assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
          assertThat(JSON.readTree(list.body()).path("items"))
              .anySatisfy(item -> {
                assertThat(item.path("name").asString()).isEqualTo(globalName);
                assertThat(item.path("type").asString()).isEqualTo(proxyType + "Overview");
                assertThat(item.path("state").asString()).isEqualTo("Online");
                assertThat(item.path(field).path("subscriptions").path(0).path("id").asString())
                    .isEqualTo("s-1");
              });
        });
    HttpResponse<String> one = get("/" + path + "/" + globalName + "/_overview");
    assertThat(one.statusCode()).as(one.body()).isEqualTo(200);
    JsonNode item = JSON.readTree(one.body());
    assertThat(item.path("state").asString()).isEqualTo("Online");
    assertThat(get("/" + path + "/nobody/_overview").statusCode()).isEqualTo(404);
  }

  private List<Resource> ofZone(ResourceType type, String zone) {
    return store.list(ResourceQuery.all(type)).items().stream()
        .filter(r -> zone.equals(r.labels().get(WellKnownLabels.ZONE)))
        .toList();
  }
}
