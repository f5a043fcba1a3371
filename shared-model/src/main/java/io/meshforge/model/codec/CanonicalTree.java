package io.meshforge.model.codec;

import io.meshforge.model.spec.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code CanonicalTree} copies a spec tree into canonical order: record fields in schema
 * (declaration) order, map entries and permissive parts sorted by key, {@code null} record fields
 * dropped.
 *
 * <p>Why: stores may keep specs as PostgreSQL {@code jsonb}, which does not keep key order, so
 * printing must not depend on the order a tree comes back in.
 */
final class CanonicalTree {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private CanonicalTree() {}

  /** Returns a canonically ordered deep copy of {@code node} read as {@code shape}. */
  static JsonNode order(JsonNode node, Shape shape) {
    return switch (shape) {
      case Shape.RecordShape record when node.isObject() -> record((ObjectNode) node, record);
      case Shape.ListShape list when node.isArray() -> list(node, list.element());
      case Shape.MapShape map when node.isObject() -> map(node, map.value());
      default -> sorted(node);
    };
  }

  /** Fills {@code out} with the fields of {@code node} in the record's order. */
  static void appendRecordFields(ObjectNode out, JsonNode node, Shape.RecordShape shape) {
    for (Shape.FieldShape field : shape.fields()) {
      JsonNode value = node.get(field.name());
      if (value != null && !value.isNull()) {
        out.set(field.name(), order(value, field.shape()));
      }
    }
    // Fields the schema does not know (written by a newer version) keep a stable order too.
    List<String> unknown = new ArrayList<>();
    for (String name : node.propertyNames()) {
      if (shape.field(name) == null) {
        unknown.add(name);
      }
    }
    unknown.sort(null);
    for (String name : unknown) {
      out.set(name, sorted(node.get(name)));
    }
  }

  private static JsonNode record(ObjectNode node, Shape.RecordShape shape) {
    ObjectNode out = NODES.objectNode();
    appendRecordFields(out, node, shape);
    return out;
  }

  private static JsonNode list(JsonNode node, Shape element) {
    ArrayNode out = NODES.arrayNode();
    for (JsonNode item : node) {
      out.add(order(item, element));
    }
    return out;
  }

  private static JsonNode map(JsonNode node, Shape value) {
    ObjectNode out = NODES.objectNode();
    Map<String, JsonNode> entries = new TreeMap<>();
    for (Map.Entry<String, JsonNode> entry : node.properties()) {
      entries.put(entry.getKey(), entry.getValue());
    }
    entries.forEach((key, item) -> out.set(key, order(item, value)));
    return out;
  }

  /** Deep copy with every object's keys sorted. */
  static JsonNode sorted(JsonNode node) {
    if (node.isObject()) {
      ObjectNode out = NODES.objectNode();
      Map<String, JsonNode> entries = new TreeMap<>();
      for (Map.Entry<String, JsonNode> entry : node.properties()) {
        entries.put(entry.getKey(), entry.getValue());
      }
      entries.forEach((key, item) -> out.set(key, sorted(item)));
      return out;
    }
    if (node.isArray()) {
      ArrayNode out = NODES.arrayNode();
      for (JsonNode item : node) {
        out.add(sorted(item));
      }
      return out;
    }
    return node.deepCopy();
  }
}
