package io.meshforge.model.codec;

import io.meshforge.model.Resource;
import io.meshforge.model.ResourceKey;
import io.meshforge.model.ResourceType;
import io.meshforge.model.ResourceTypes;
import io.meshforge.model.SpecLayout;
import io.meshforge.model.validation.ResourceValidator;
import io.meshforge.model.validation.ValidationException;
import io.meshforge.model.validation.Violation;
import io.meshforge.model.validation.ViolationCollector;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code EnvelopeDecoder} reads Kuma's universal envelope ({@code type}, {@code name}, {@code
 * mesh}, {@code labels}, then {@code spec} or the inline fields) out of a parsed document and
 * validates it all with the {@link ResourceValidator}.
 *
 * <p>Stateless and thread-safe.
 */
final class EnvelopeDecoder {

  /** Envelope fields every type has. */
  private static final Set<String> ENVELOPE = Set.of("type", "name", "mesh", "labels");

  /** Server-set fields accepted (so {@code get -o yaml | apply} works) and ignored. */
  private static final Set<String> IGNORED = Set.of("creationTime", "modificationTime", "kri");

  private final ResourceValidator validator;

  EnvelopeDecoder(ResourceValidator validator) {
    this.validator = validator;
  }

  Resource decode(JsonNode document) {
    if (document == null || !document.isObject()) {
      throw new ValidationException(
          Violation.ofDocument(
              "document must be an object with type, name and the resource's fields"));
    }
    ViolationCollector root = ViolationCollector.root();
    ResourceType type = type(document.get("type"), root.field("type"));
    if (type == null) {
      root.throwIfAny();
    }
    String name = requiredString(document.get("name"), root.field("name"));
    String mesh = mesh(document.get("mesh"), type, root.field("mesh"));
    Map<String, String> labels = labels(document.get("labels"), root.field("labels"));
    JsonNode spec = spec(document, type, root);
    validator.validate(type, mesh, name, labels, spec, root);
    root.throwIfAny();
    ResourceKey key = new ResourceKey(type, type.meshScoped() ? mesh : "", name);
    return Resource.of(key, labels, spec);
  }

  private static ResourceType type(JsonNode node, ViolationCollector at) {
    String name = requiredString(node, at);
    if (name == null) {
      return null;
    }
    ResourceType type = ResourceTypes.byName(name).orElse(null);
    if (type == null) {
      at.add("unknown resource type \"" + abbreviate(name) + "\"");
    }
    return type;
  }

  private static String mesh(JsonNode node, ResourceType type, ViolationCollector at) {
    if (type.meshScoped()) {
      return requiredString(node, at);
    }
    if (node != null && !node.isNull()) {
      at.add("must not be set: " + type + " is global-scoped");
    }
    return "";
  }

  private static String requiredString(JsonNode node, ViolationCollector at) {
    if (node == null || node.isNull()) {
      at.add("is required");
      return null;
    }
    if (!node.isString()) {
      at.add("must be a string");
      return null;
    }
    return node.stringValue();
  }

  private static Map<String, String> labels(JsonNode node, ViolationCollector at) {
    Map<String, String> labels = new TreeMap<>();
    if (node == null || node.isNull()) {
      return labels;
    }
    if (!node.isObject()) {
      at.add("must be a map of strings");
      return labels;
    }
    for (Map.Entry<String, JsonNode> entry : node.properties()) {
      if (entry.getValue().isString()) {
        labels.put(entry.getKey(), entry.getValue().stringValue());
      } else {
        at.key(entry.getKey()).add("must be a string (quote numbers and booleans)");
      }
    }
    return labels;
  }

  private static JsonNode spec(JsonNode document, ResourceType type, ViolationCollector root) {
    if (type.layout() == SpecLayout.WRAPPED) {
      for (String field : document.propertyNames()) {
        if (!ENVELOPE.contains(field)
            && !IGNORED.contains(field)
            && !field.equals("spec")
            && !field.equals("status")) {
          root.field(field).add(unknown(field, "spec"));
        }
      }
      JsonNode spec = document.get("spec");
      if (spec == null || spec.isNull()) {
        root.field("spec").add("is required");
        return null;
      }
      return spec;
    }
    // Inline types: every field that is not envelope is the spec; the schema walker reports
    // unknown ones with their top-level path.
    ObjectNode spec = JsonNodeFactory.instance.objectNode();
    for (Map.Entry<String, JsonNode> entry : document.properties()) {
      if (!ENVELOPE.contains(entry.getKey()) && !IGNORED.contains(entry.getKey())) {
        spec.set(entry.getKey(), entry.getValue());
      }
    }
    return spec;
  }

  private static String unknown(String field, String container) {
    return "unknown field \""
        + abbreviate(field)
        + "\" (known fields: type, name, mesh, labels, "
        + container
        + ")";
  }

  private static String abbreviate(String text) {
    return text.length() <= 64 ? text : text.substring(0, 61) + "...";
  }
}
