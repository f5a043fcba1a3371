package io.meshforge.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.meshforge.model.ResourceType;
import io.meshforge.model.ResourceTypes;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** The published OpenAPI document parses and describes every registered type's paths. */
class OpenApiDocumentTest {
  private static final JsonNode DOCUMENT =
      YAMLMapper.builder().build().readTree(OpenApiController.read());

  static Stream<ResourceType> types() {
    return ResourceTypes.all().stream();
  }

  @ParameterizedTest
  @MethodSource("types")
  void document_registeredType_hasItsPathsWithTheirOperations(ResourceType type) {
    JsonNode paths = DOCUMENT.get("paths");
    List<String> expected = new ArrayList<>();
    if (type.meshScoped()) {
      expected.add("/meshes/{mesh}/" + type.path());
      expected.add("/meshes/{mesh}/" + type.path() + "/{name}");
      expected.add("/" + type.path());
    } else {
      expected.add("/" + type.path());
      expected.add("/" + type.path() + "/{name}");
    }
    for (String path : expected) {
      assertThat(paths.has(path)).as("path %s of %s", path, type.name()).isTrue();
      JsonNode item = resolve(paths.get(path));
      assertThat(item.has("get")).as("GET %s", path).isTrue();
      if (path.endsWith("/{name}")) {
        assertThat(item.has("put") && item.has("delete")).as("PUT, DELETE %s", path).isTrue();
      }
    }
  }

  @Test
  void withPaths_controlPlanePaths_areInsertedUnderPathsBeforeComponents() {
    String own = "  /own:\n    get:\n      responses: {\"200\": {description: ok}}\n";

    JsonNode merged =
        YAMLMapper.builder()
            .build()
            .readTree(OpenApiController.withPaths(OpenApiController.read(), own));

    assertThat(merged.path("paths").has("/own")).isTrue();
    assertThat(merged.path("paths").size()).isEqualTo(DOCUMENT.path("paths").size() + 1);
    assertThat(merged.path("components")).isEqualTo(DOCUMENT.path("components"));
  }

  @Test
  void document_isOpenApi3WithEveryReferenceResolvable() {
    assertThat(DOCUMENT.path("openapi").asString()).startsWith("3.1");
    assertThat(DOCUMENT.path("info").path("title").asString()).isNotBlank();
    List<String> refs = new ArrayList<>();
    collectRefs(DOCUMENT, refs);
    assertThat(refs).isNotEmpty();
    for (String ref : refs) {
      assertThat(ref).startsWith("#/");
      assertThat(DOCUMENT.at(ref.substring(1)).isMissingNode()).as("target of %s", ref).isFalse();
    }
  }

  @Test
  void document_listsNoPathOfAnUnknownType() {
    for (String path : DOCUMENT.get("paths").propertyNames()) {
      String[] segments = path.split("/", -1);
      String typePath = path.startsWith("/meshes/{mesh}/") ? segments[3] : segments[1];
      // tokens: user tokens, which both control planes issue (ADR 0024)
      boolean meta =
          List.of("", "_resources", "config", "openapi.yaml", "tokens").contains(typePath);
      assertThat(meta || ResourceTypes.byPath(typePath).isPresent())
          .as("path %s names a registered type", path)
          .isTrue();
    }
  }

  @Test
  void get_openapiYaml_servesTheDocumentAsYaml() throws Exception {
    MockMvc mvc =
        MockMvcBuilders.standaloneSetup(
                new OpenApiController(new ControlPlaneIdentity("test", "0", "localhost", "i-1")))
            .build();

    mvc.perform(get("/openapi.yaml"))
        .andExpect(status().isOk())
        .andExpect(content().contentTypeCompatibleWith("application/yaml"))
        .andExpect(content().string(OpenApiController.read()));
  }

  private static JsonNode resolve(JsonNode item) {
    JsonNode ref = item.get("$ref");
    return ref == null ? item : DOCUMENT.at(ref.asString().substring(1));
  }

  private static void collectRefs(JsonNode node, List<String> refs) {
    if (node.isObject()) {
      JsonNode ref = node.get("$ref");
      if (ref != null && ref.isString()) {
        refs.add(ref.asString());
      }
      node.values().forEach(child -> collectRefs(child, refs));
    } else if (node.isArray()) {
      node.values().forEach(child -> collectRefs(child, refs));
    }
  }
}
