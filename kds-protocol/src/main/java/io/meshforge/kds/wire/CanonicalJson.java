package io.meshforge.kds.wire;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code CanonicalJson} writes a JSON tree in one canonical form: object keys sorted (recursively),
 * no insignificant whitespace, UTF-8. Two trees that differ only in key order (as PostgreSQL jsonb
 * returns them) give identical bytes, so versions computed over them do not churn.
 */
public final class CanonicalJson {

  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  private CanonicalJson() {}

  /** Returns the canonical UTF-8 bytes of a tree; an absent or null tree gives {@code {}}. */
  public static byte[] bytes(JsonNode node) {
    if (node == null || node.isMissingNode() || node.isNull()) {
      return "{}".getBytes(StandardCharsets.UTF_8);
    }
    return MAPPER.writeValueAsBytes(sorted(node));
  }

  /**
   * Parses JSON bytes; empty input gives an empty object.
   *
   * @throws IllegalArgumentException when the bytes are not one JSON value
   */
  public static JsonNode parse(byte[] json) {
    if (json.length == 0) {
      return JsonNodeFactory.instance.objectNode();
    }
    try {
      return MAPPER.readTree(json);
    } catch (JacksonException e) {
      throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
    }
  }

  private static JsonNode sorted(JsonNode node) {
    if (node instanceof ObjectNode object) {
      Map<String, JsonNode> fields = new TreeMap<>();
      for (Map.Entry<String, JsonNode> field : object.properties()) {
        fields.put(field.getKey(), sorted(field.getValue()));
      }
      ObjectNode copy = JsonNodeFactory.instance.objectNode();
      fields.forEach(copy::set);
      return copy;
    }
    if (node instanceof ArrayNode array) {
      ArrayNode copy = JsonNodeFactory.instance.arrayNode();
      array.forEach(element -> copy.add(sorted(element)));
      return copy;
    }
    return node;
  }
}
