package io.meshforge.global.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /global-insight} on a running global: Kuma's shape, and counts that follow writes (the
 * endpoint reads the change-fed view, so the test polls until the write is visible).
 */
class GlobalInsightApiTest extends ApiTestBase {

  @Test
  void globalInsight_noZoneConnected_answersKumaShapeWithNoZones() {
    Instant before = Instant.now().minusSeconds(1);
    Answer answer = get("/global-insight");

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.contentType()).startsWith("application/json");
    JsonNode insight = answer.json();
    assertThat(insight.path("type").asString()).isEqualTo("GlobalInsight");
    assertThat(Instant.parse(insight.path("createdAt").asString())).isAfter(before);
    assertThat(insight.path("zones").path("controlPlanes").path("total").asInt()).isZero();
    assertThat(insight.path("zones").path("controlPlanes").path("online").asInt()).isZero();
    assertThat(insight.path("dataplanes").path("standard").path("total").asInt()).isZero();
    assertThat(insight.path("resources").has("MeshTrafficPermission")).isTrue();
  }

  @Test
  void globalInsight_afterAMeshAndAPolicyAreCreated_countsThem() {
    JsonNode before = get("/global-insight").json();
    int meshes = before.path("meshes").path("total").asInt();
    int timeouts = timeouts(before);

    createMesh("insight-mesh");
    Answer policy =
        putYaml(
            "/meshes/insight-mesh/meshtimeouts/insight-timeout",
            """
            type: MeshTimeout
            name: insight-timeout
            mesh: insight-mesh
            spec:
              targetRef: {kind: Mesh}
              to:
              - targetRef: {kind: Mesh}
                default: {connectionTimeout: 2s}
            """);
    assertThat(policy.status()).as(policy.body()).isEqualTo(201);

    // the new mesh brings its default MeshTimeout too (mesh.defaults.policies)
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> {
          JsonNode after = get("/global-insight").json();
          assertThat(after.path("meshes").path("total").asInt()).isEqualTo(meshes + 1);
          assertThat(timeouts(after)).isEqualTo(timeouts + 2);
          assertThat(after.path("policies").path("total").asInt())
              .isGreaterThanOrEqualTo(timeouts + 2);
        });
  }

  private static int timeouts(JsonNode insight) {
    return insight.path("resources").path("MeshTimeout").path("total").asInt();
  }
}
