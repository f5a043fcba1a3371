package io.meshforge.global.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * The bad-input corpus: every case gets the expected 4xx with a body in the {@code {title, details,
 * causes}} shape naming the field, never a 5xx.
 */
class BadInputTest extends ApiTestBase {
  private static final String PATH = "/meshes/bad/meshtimeouts/t";

  @BeforeEach
  void mesh() {
    if (get("/meshes/bad").status() == 404) {
      createMesh("bad");
    }
  }

  static String timeout(String name, String defaultBlock) {
    return """
    type: MeshTimeout
    name: %s
    mesh: bad
    spec:
      targetRef:
        kind: Mesh
      to:
      - targetRef:
          kind: Mesh
        default:
    %s
    """
        .formatted(name, defaultBlock.indent(6).stripTrailing());
  }

  static Stream<Arguments> corpus() {
    String deep = "{\"a\":".repeat(2000) + "1" + "}".repeat(2000);
    return Stream.of(
        Arguments.of(
            "duration given as a number",
            PATH,
            timeout("t", "http:\n  requestTimeout: 5"),
            400,
            "spec.to[0].default.http.requestTimeout"),
        Arguments.of(
            "duration that is not one",
            PATH,
            timeout("t", "connectionTimeout: soon"),
            400,
            "spec.to[0].default.connectionTimeout"),
        Arguments.of(
            "unknown nested field",
            PATH,
            timeout("t", "http:\n  bogus: 1s"),
            400,
            "spec.to[0].default.http.bogus"),
        Arguments.of(
            "unknown top-level field",
            PATH,
            timeout("t", "connectionTimeout: 1s") + "bogus: true\n",
            400,
            "bogus"),
        Arguments.of(
            "name of 254 characters",
            "/meshes/bad/meshtimeouts/" + "a".repeat(254),
            timeout("a".repeat(254), "connectionTimeout: 1s"),
            400,
            "name"),
        Arguments.of(
            "uppercase name",
            "/meshes/bad/meshtimeouts/Upper",
            timeout("Upper", "connectionTimeout: 1s"),
            400,
            "name"),
        Arguments.of(
            "name with an empty dot label",
            "/meshes/bad/meshtimeouts/a..b",
            timeout("a..b", "connectionTimeout: 1s"),
            400,
            "name"),
        Arguments.of(
            "name differing from the path",
            PATH,
            timeout("other", "connectionTimeout: 1s"),
            400,
            "name"),
        Arguments.of(
            "type differing from the path",
            PATH,
            timeout("t", "connectionTimeout: 1s").replace("MeshTimeout", "MeshRetry"),
            400,
            null),
        Arguments.of("missing type", PATH, "name: t\nmesh: bad\nspec: {}\n", 400, "type"),
        Arguments.of(
            "missing mesh",
            PATH,
            timeout("t", "connectionTimeout: 1s").replace("mesh: bad\n", ""),
            400,
            "mesh"),
        Arguments.of(
            "label name part over 63 characters",
            PATH,
            timeout("t", "connectionTimeout: 1s")
                .replace("spec:", "labels:\n  " + "k".repeat(64) + ": v\nspec:"),
            400,
            null),
        Arguments.of(
            "label value over 63 characters",
            PATH,
            timeout("t", "connectionTimeout: 1s")
                .replace("spec:", "labels:\n  team: " + "v".repeat(64) + "\nspec:"),
            400,
            "labels[\"team\"]"),
        Arguments.of("invalid YAML", PATH, "type: [unclosed\nname: t\n", 400, null),
        Arguments.of("a YAML list, not an object", PATH, "- a\n- b\n", 400, null),
        Arguments.of(
            "duplicate keys",
            PATH,
            "{\"type\":\"MeshTimeout\",\"type\":\"MeshTimeout\",\"name\":\"t\",\"mesh\":\"bad\",\"spec\":{}}",
            400,
            null),
        Arguments.of("nesting 2000 levels deep", PATH, deep, 400, null),
        Arguments.of("empty body", PATH, "   \n", 400, null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void badInput_isRejectedWithA4xxNamingTheField(
      String description, String path, String body, int status, String field) {
    Answer answer = put(path, body, body.startsWith("{") ? "application/json" : "application/yaml");
    assertThat(answer.status()).as(answer.body()).isEqualTo(status);
    JsonNode problem = answer.json();
    assertThat(problem.get("title").asString()).isNotBlank();
    if (field != null) {
      assertThat(fields(problem)).as(answer.body()).contains(field);
    }
  }

  @Test
  void nameOf253Characters_isAccepted() {
    String name = "a".repeat(253);
    Answer answer =
        putYaml("/meshes/bad/meshtimeouts/" + name, timeout(name, "connectionTimeout: 1s"));
    assertThat(answer.status()).as(answer.body()).isEqualTo(201);
  }

  @Test
  void invalidUtf8_is400() {
    byte[] prefix =
        "{\"type\":\"MeshTimeout\",\"name\":\"t\",\"mesh\":\"bad\",\"labels\":{\"x\":\""
            .getBytes(StandardCharsets.UTF_8);
    byte[] suffix = "\"},\"spec\":{}}".getBytes(StandardCharsets.UTF_8);
    byte[] body = new byte[prefix.length + 2 + suffix.length];
    System.arraycopy(prefix, 0, body, 0, prefix.length);
    body[prefix.length] = (byte) 0xC3;
    body[prefix.length + 1] = (byte) 0x28;
    System.arraycopy(suffix, 0, body, prefix.length + 2, suffix.length);
    Answer answer = put(PATH, body, "application/json");
    assertThat(answer.status()).as(answer.body()).isEqualTo(400);
  }

  @Test
  void bodyOverTheLimit_is413_withOrWithoutContentLength() {
    String huge = timeout("t", "connectionTimeout: 1s") + "#" + "x".repeat(70_000) + "\n";
    Answer declared = putYaml(PATH, huge);
    assertThat(declared.status()).isEqualTo(413);
    assertThat(declared.json().get("title").asString()).isNotBlank();

    byte[] bytes = huge.getBytes(StandardCharsets.UTF_8);
    HttpRequest chunked =
        HttpRequest.newBuilder(uri(PATH))
            .header("Content-Type", "application/yaml")
            .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes)))
            .build();
    assertThat(send(chunked).status()).isEqualTo(413);
  }

  @Test
  void unknownPathsAndMethods_are404And405() {
    assertThat(get("/meshes/bad/nosuchthings").status()).isEqualTo(404);
    assertThat(get("/nosuchthings").status()).isEqualTo(404);
    assertThat(get("/meshtimeouts/t").status()).isEqualTo(404);
    Answer post =
        send(
            HttpRequest.newBuilder(uri("/meshes/bad/meshtimeouts/t"))
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build());
    assertThat(post.status()).isEqualTo(405);
    assertThat(post.json().get("title").asString()).isNotBlank();
  }

  @Test
  void invalidPageSize_is400NamingSize() {
    Answer answer = get("/meshes/bad/meshtimeouts?size=abc");
    assertThat(answer.status()).isEqualTo(400);
    assertThat(fields(answer.json())).contains("size");
  }

  static List<String> fields(JsonNode problem) {
    List<String> fields = new ArrayList<>();
    problem.path("causes").forEach(c -> fields.add(c.get("field").asString()));
    return fields;
  }
}
