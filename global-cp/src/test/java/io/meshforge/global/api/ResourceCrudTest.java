package io.meshforge.global.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ResourceCrudTest extends ApiTestBase {

  private static final String TIMEOUT_YAML =
      """
      type: MeshTimeout
      name: api-timeouts
      mesh: crud
      labels:
        team: payments
      spec:
        targetRef:
          kind: Mesh
        to:
        - targetRef:
            kind: MeshService
            name: backend
          default:
            connectionTimeout: 2s
            http:
              requestTimeout: 5s
      """;

  @Test
  void putMeshAndPolicy_inKumaDocShape_canBeListedAndFetchedAsYaml() {
    Answer mesh = putYaml("/meshes/crud", "type: Mesh\nname: crud\n");
    assertThat(mesh.status()).as(mesh.body()).isEqualTo(201);

    Answer created = putYaml("/meshes/crud/meshtimeouts/api-timeouts", TIMEOUT_YAML);
    assertThat(created.status()).as(created.body()).isEqualTo(201);

    Answer fetched = get("/meshes/crud/meshtimeouts/api-timeouts");
    assertThat(fetched.status()).isEqualTo(200);
    JsonNode json = fetched.json();
    assertThat(json.get("type").asString()).isEqualTo("MeshTimeout");
    assertThat(json.get("mesh").asString()).isEqualTo("crud");
    assertThat(json.at("/labels/team").asString()).isEqualTo("payments");
    assertThat(json.at("/labels/kuma.io~1origin").asString()).isEqualTo("global");
    assertThat(json.at("/spec/to/0/default/http/requestTimeout").asString()).isEqualTo("5s");
    assertThat(json.get("creationTime").asString()).isNotBlank();
    assertThat(json.get("modificationTime").asString()).isNotBlank();

    Answer yaml = get("/meshes/crud/meshtimeouts/api-timeouts", "application/yaml");
    assertThat(yaml.status()).isEqualTo(200);
    assertThat(yaml.contentType()).startsWith("application/yaml");
    assertThat(yaml.body()).contains("type: MeshTimeout").contains("requestTimeout: 5s");

    Answer list = get("/meshes/crud/meshtimeouts");
    assertThat(list.status()).isEqualTo(200);
    assertThat(names(list.json())).contains("api-timeouts");
    assertThat(list.json().get("total").asLong()).isEqualTo(list.json().get("items").size());
    assertThat(list.json().get("next").isNull()).isTrue();
  }

  @Test
  void put_existingResource_updatesAndKeepsCreationTime() {
    createMesh("update");
    String v1 = TIMEOUT_YAML.replace("mesh: crud", "mesh: update");
    assertThat(putYaml("/meshes/update/meshtimeouts/api-timeouts", v1).status()).isEqualTo(201);
    String created =
        get("/meshes/update/meshtimeouts/api-timeouts").json().get("creationTime").asString();

    Answer updated = putYaml("/meshes/update/meshtimeouts/api-timeouts", v1.replace("5s", "7s"));
    assertThat(updated.status()).as(updated.body()).isEqualTo(200);
    JsonNode json = get("/meshes/update/meshtimeouts/api-timeouts").json();
    assertThat(json.at("/spec/to/0/default/http/requestTimeout").asString()).isEqualTo("7s");
    assertThat(json.get("creationTime").asString()).isEqualTo(created);
  }

  @Test
  void createMesh_createsDefaultPolicies_unlessSkipped() {
    createMesh("defaults");
    assertThat(names(get("/meshes/defaults/meshtrafficpermissions").json()))
        .containsExactly("allow-all-defaults");
    assertThat(names(get("/meshes/defaults/meshtimeouts").json()))
        .containsExactly("mesh-timeout-all-defaults");
    assertThat(names(get("/meshes/defaults/meshretries").json()))
        .containsExactly("mesh-retry-all-defaults");
    assertThat(names(get("/meshes/defaults/meshcircuitbreakers").json()))
        .containsExactly("mesh-circuit-breaker-all-defaults");

    Answer bare =
        putYaml("/meshes/bare", "type: Mesh\nname: bare\nskipCreatingInitialPolicies: ['*']\n");
    assertThat(bare.status()).as(bare.body()).isEqualTo(201);
    assertThat(get("/meshes/bare/meshtrafficpermissions").json().get("total").asLong()).isZero();
  }

  @Test
  void list_pagesWithSizeAndNext_andFiltersByLabel() {
    createMesh("paging");
    for (String name : List.of("a", "b", "c")) {
      String yaml =
          TIMEOUT_YAML
              .replace("mesh: crud", "mesh: paging")
              .replace("name: api-timeouts", "name: t-" + name)
              .replace("team: payments", "team: " + (name.equals("b") ? "search" : "payments"));
      assertThat(putYaml("/meshes/paging/meshtimeouts/t-" + name, yaml).status()).isEqualTo(201);
    }
    String path = "/meshes/paging/meshtimeouts?size=2";
    List<String> seen = new ArrayList<>();
    int pages = 0;
    while (path != null && pages++ < 10) {
      JsonNode page = get(path).json();
      assertThat(page.get("total").asLong()).isEqualTo(4); // three + the default mesh timeout
      seen.addAll(names(page));
      path = page.get("next").isNull() ? null : page.get("next").asString();
    }
    assertThat(seen).containsExactly("mesh-timeout-all-paging", "t-a", "t-b", "t-c");

    JsonNode filtered = get("/meshes/paging/meshtimeouts?filter%5Blabels.team%5D=search").json();
    assertThat(names(filtered)).containsExactly("t-b");
  }

  @Test
  void crossMeshList_returnsResourcesOfEveryMesh() {
    createMesh("cross-a");
    createMesh("cross-b");
    JsonNode all = get("/meshtrafficpermissions?size=1000").json();
    assertThat(names(all)).contains("allow-all-cross-a", "allow-all-cross-b");
    JsonNode meshes = get("/meshes?size=1000").json();
    assertThat(names(meshes)).contains("cross-a", "cross-b");
  }

  @Test
  void deleteMesh_deletesEverythingInIt() {
    createMesh("doomed");
    assertThat(get("/meshes/doomed/meshtimeouts/mesh-timeout-all-doomed").status()).isEqualTo(200);
    assertThat(delete("/meshes/doomed").status()).isEqualTo(200);
    assertThat(get("/meshes/doomed").status()).isEqualTo(404);
    assertThat(get("/meshes/doomed/meshtimeouts/mesh-timeout-all-doomed").status()).isEqualTo(404);
    assertThat(delete("/meshes/doomed").status()).isEqualTo(404);
  }

  @Test
  void zoneSyncedTypes_areReadOnlyOnGlobal() {
    createMesh("readonly");
    Answer answer =
        putYaml(
            "/meshes/readonly/dataplanes/dp-1",
            """
            type: Dataplane
            name: dp-1
            mesh: readonly
            networking:
              address: 10.0.0.1
              inbound:
              - port: 8080
                tags:
                  kuma.io/service: backend
            """);
    assertThat(answer.status()).as(answer.body()).isEqualTo(405);
    assertThat(answer.json().get("details").asString()).contains("read-only");
  }

  @Test
  void putIntoMissingMesh_is400NamingMesh() {
    Answer answer =
        putYaml(
            "/meshes/nowhere/meshtimeouts/api-timeouts",
            TIMEOUT_YAML.replace("mesh: crud", "mesh: nowhere"));
    assertThat(answer.status()).as(answer.body()).isEqualTo(400);
    assertThat(answer.json().at("/causes/0/field").asString()).isEqualTo("mesh");
  }

  @Test
  void metaEndpoints_describeTheControlPlane() {
    JsonNode index = get("/").json();
    assertThat(index.get("product").asString()).isEqualTo("MeshForge");
    assertThat(index.get("mode").asString()).isEqualTo("global");

    JsonNode types = get("/_resources").json().get("resources");
    List<String> typeNames = new ArrayList<>();
    types.forEach(t -> typeNames.add(t.get("name").asString()));
    assertThat(typeNames).contains("Mesh", "MeshTimeout", "Dataplane", "MeshHTTPRoute");

    JsonNode config = get("/config").json();
    assertThat(config.at("/api/body/limit").asLong()).isEqualTo(65536);
  }

  static List<String> names(JsonNode list) {
    List<String> names = new ArrayList<>();
    list.get("items").forEach(item -> names.add(item.get("name").asString()));
    return names;
  }
}
