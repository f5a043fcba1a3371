package io.meshforge.model.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.MissingNode;
import tools.jackson.databind.node.ObjectNode;

class JsonMergePatchTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** The examples of RFC 7386 appendix A, plus the cases policy merging leans on. */
  static Stream<Arguments> patches() {
    return Stream.of(
        Arguments.of("{\"a\":\"b\"}", "{\"a\":\"c\"}", "{\"a\":\"c\"}"),
        Arguments.of("{\"a\":\"b\"}", "{\"b\":\"c\"}", "{\"a\":\"b\",\"b\":\"c\"}"),
        Arguments.of("{\"a\":\"b\"}", "{\"a\":null}", "{}"),
        Arguments.of("{\"a\":\"b\",\"b\":\"c\"}", "{\"a\":null}", "{\"b\":\"c\"}"),
        Arguments.of("{\"a\":[\"b\"]}", "{\"a\":\"c\"}", "{\"a\":\"c\"}"),
        Arguments.of("{\"a\":\"c\"}", "{\"a\":[\"b\"]}", "{\"a\":[\"b\"]}"),
        Arguments.of(
            "{\"a\":{\"b\":\"c\"}}", "{\"a\":{\"b\":\"d\",\"c\":null}}", "{\"a\":{\"b\":\"d\"}}"),
        Arguments.of("{\"a\":[{\"b\":\"c\"}]}", "{\"a\":[1]}", "{\"a\":[1]}"),
        Arguments.of("[\"a\",\"b\"]", "[\"c\",\"d\"]", "[\"c\",\"d\"]"),
        Arguments.of("{\"a\":\"b\"}", "[\"c\"]", "[\"c\"]"),
        Arguments.of("{\"a\":\"foo\"}", "null", "null"),
        Arguments.of("{\"a\":\"foo\"}", "\"bar\"", "\"bar\""),
        Arguments.of("{\"e\":null}", "{\"a\":1}", "{\"e\":null,\"a\":1}"),
        Arguments.of("[1,2]", "{\"a\":\"b\",\"c\":null}", "{\"a\":\"b\"}"),
        Arguments.of("{}", "{\"a\":{\"bb\":{\"ccc\":null}}}", "{\"a\":{\"bb\":{}}}"),
        // arrays inside nested objects replace too, and null deletes at depth
        Arguments.of(
            "{\"http\":{\"retryOn\":[\"5xx\",\"reset\"],\"numRetries\":3}}",
            "{\"http\":{\"retryOn\":[\"gateway-error\"],\"numRetries\":null}}",
            "{\"http\":{\"retryOn\":[\"gateway-error\"]}}"),
        Arguments.of("\"scalar\"", "{\"a\":{\"b\":1}}", "{\"a\":{\"b\":1}}"));
  }

  @ParameterizedTest(name = "{0} + {1} = {2}")
  @MethodSource("patches")
  void apply_rfc7386Example_givesExpectedDocument(String target, String patch, String expected) {
    JsonNode result = JsonMergePatch.apply(JSON.readTree(target), JSON.readTree(patch));

    assertThat(result).isEqualTo(JSON.readTree(expected));
  }

  @ParameterizedTest(name = "{0} + {1}")
  @MethodSource("patches")
  void apply_anyExample_leavesInputsUnchanged(String target, String patch, String expected) {
    JsonNode targetNode = JSON.readTree(target);
    JsonNode patchNode = JSON.readTree(patch);

    JsonNode result = JsonMergePatch.apply(targetNode, patchNode);
    scribbleOver(result);

    assertThat(targetNode).isEqualTo(JSON.readTree(target));
    assertThat(patchNode).isEqualTo(JSON.readTree(patch));
  }

  @Test
  void apply_absentPatch_returnsCopyOfTarget() {
    JsonNode target = JSON.readTree("{\"a\":{\"b\":1}}");

    JsonNode fromNull = JsonMergePatch.apply(target, null);
    JsonNode fromMissing = JsonMergePatch.apply(target, MissingNode.getInstance());

    assertThat(fromNull).isEqualTo(target).isNotSameAs(target);
    assertThat(fromMissing).isEqualTo(target).isNotSameAs(target);
  }

  @Test
  void apply_absentTarget_returnsCopyOfPatchWithoutNulls() {
    JsonNode patch = JSON.readTree("{\"a\":{\"b\":null,\"c\":[1]}}");

    JsonNode result = JsonMergePatch.apply(null, patch);

    assertThat(result).isEqualTo(JSON.readTree("{\"a\":{\"c\":[1]}}"));
  }

  @Test
  void mergeAll_severalPatches_lastWinsAndSkipsAbsent() {
    JsonNode first = JSON.readTree("{\"a\":1,\"b\":{\"c\":1,\"d\":1}}");
    JsonNode second = JSON.readTree("{\"a\":2,\"b\":{\"d\":null}}");
    JsonNode third = JSON.readTree("{\"b\":{\"e\":3}}");

    JsonNode result =
        JsonMergePatch.mergeAll(
            Arrays.asList(first, null, second, MissingNode.getInstance(), third));

    assertThat(result).isEqualTo(JSON.readTree("{\"a\":2,\"b\":{\"c\":1,\"e\":3}}"));
    assertThat(first).isEqualTo(JSON.readTree("{\"a\":1,\"b\":{\"c\":1,\"d\":1}}"));
  }

  @Test
  void mergeAll_noPatches_returnsEmptyObject() {
    assertThat(JsonMergePatch.mergeAll(java.util.List.of())).isEqualTo(JSON.readTree("{}"));
  }

  /** Changes every object of a result, so that a result sharing nodes with an input shows. */
  private static void scribbleOver(JsonNode node) {
    if (node instanceof ObjectNode object) {
      object.properties().forEach(field -> scribbleOver(field.getValue()));
      object.put("scribbled", true);
    } else if (node != null && node.isArray()) {
      node.forEach(JsonMergePatchTest::scribbleOver);
      ((tools.jackson.databind.node.ArrayNode) node).add("scribbled");
    }
  }
}
