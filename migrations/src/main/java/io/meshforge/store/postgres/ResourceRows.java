package io.meshforge.store.postgres;

import io.meshforge.model.Resource;
import io.meshforge.model.ResourceKey;
import io.meshforge.model.ResourceType;
import io.meshforge.model.ResourceTypes;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Optional;
import org.jooq.JSONB;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code ResourceRows} converts between {@link Resource} and the columns of {@code resources}. */
final class ResourceRows {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final TypeReference<Map<String, String>> LABELS = new TypeReference<>() {};

  private ResourceRows() {}

  static JSONB json(JsonNode node) {
    return JSONB.valueOf(JSON.writeValueAsString(node));
  }

  static JSONB labels(Map<String, String> labels) {
    return JSONB.valueOf(JSON.writeValueAsString(labels));
  }

  /** Returns the JSON text of a tree, labels or null ("null"), as the jsonb columns take it. */
  static String jsonText(Object value) {
    return JSON.writeValueAsString(value);
  }

  /** Returns a resource from the text of its jsonb columns. */
  static Resource resource(
      ResourceKey key,
      String labels,
      String spec,
      String status,
      long version,
      OffsetDateTime created,
      OffsetDateTime modified) {
    return new Resource(
        key,
        labels == null ? Map.of() : JSON.readValue(labels, LABELS),
        spec == null ? null : JSON.readTree(spec),
        status == null ? null : JSON.readTree(status),
        version,
        created.toInstant(),
        modified.toInstant());
  }

  static JsonNode tree(JSONB value) {
    return value == null ? null : JSON.readTree(value.data());
  }

  static Map<String, String> labelMap(JSONB value) {
    return value == null ? Map.of() : JSON.readValue(value.data(), LABELS);
  }

  /** Returns the key of a row, or empty for a type this build does not know. */
  static Optional<ResourceKey> key(String type, String mesh, String name) {
    Optional<ResourceType> known = ResourceTypes.byName(type);
    return known.map(t -> new ResourceKey(t, mesh, name));
  }

  static Resource resource(
      ResourceKey key,
      JSONB labels,
      JSONB spec,
      JSONB status,
      long version,
      OffsetDateTime created,
      OffsetDateTime modified) {
    return new Resource(
        key,
        labelMap(labels),
        tree(spec),
        tree(status),
        version,
        created.toInstant(),
        modified.toInstant());
  }
}
