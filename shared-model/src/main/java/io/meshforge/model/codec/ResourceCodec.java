package io.meshforge.model.codec;

import io.meshforge.model.Resource;
import io.meshforge.model.SpecLayout;
import io.meshforge.model.spec.Shape;
import io.meshforge.model.spec.SpecSchemas;
import io.meshforge.model.validation.ResourceValidator;
import io.meshforge.model.validation.ValidationException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLFactory;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

/**
 * {@code ResourceCodec} reads and writes resources in Kuma's universal format, as JSON or YAML.
 *
 * <p>Decoding parses, then validates the envelope and the spec, and throws a {@link
 * ValidationException} carrying every violation for any bad input: invalid JSON/YAML, invalid
 * UTF-8, duplicate keys, nesting deeper than 64, unknown fields, wrong types, broken rules. No
 * other exception type escapes for bad input.
 *
 * <p>Encoding prints {@code type, name, mesh, creationTime, modificationTime, labels}, then the
 * inline fields or {@code spec} and {@code status}, every spec field in canonical order (schema
 * declaration order, maps sorted by key) whatever order the stored tree has.
 *
 * <p>Thread-safe and reusable: build one and share it.
 */
public final class ResourceCodec {

  /** The deepest nesting of objects and arrays a document may have. */
  public static final int MAX_NESTING_DEPTH = DocumentReader.MAX_NESTING_DEPTH;

  private final DocumentReader reader = new DocumentReader();
  private final EnvelopeDecoder envelope;
  private final ObjectWriter jsonWriter =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build().writer();
  private final ObjectWriter yamlWriter =
      YAMLMapper.builder(
              YAMLFactory.builder()
                  .disable(YAMLWriteFeature.WRITE_DOC_START_MARKER)
                  .enable(YAMLWriteFeature.MINIMIZE_QUOTES)
                  .stringQuotingChecker(new YamlQuoting())
                  .build())
          .build()
          .writer();

  /** Creates a codec validating with a default {@link ResourceValidator}. */
  public ResourceCodec() {
    this(new ResourceValidator());
  }

  /** Creates a codec validating with {@code validator}. */
  public ResourceCodec(ResourceValidator validator) {
    this.envelope = new EnvelopeDecoder(validator);
  }

  /**
   * Parses and validates one resource.
   *
   * @param body the request body
   * @param format its format
   * @return the resource, version 0, spec as written
   * @throws ValidationException for any bad input, with every violation found
   */
  public Resource decode(byte[] body, DocumentFormat format) {
    return decode(reader.readOne(body, format));
  }

  /**
   * Validates one parsed document and returns it as a resource.
   *
   * @param document a parsed document, such as one returned by {@link #readDocuments}
   * @return the resource, version 0, spec as written
   * @throws ValidationException with every violation found
   */
  public Resource decode(JsonNode document) {
    return envelope.decode(document);
  }

  /**
   * Parses every document in {@code body} without validating them: a YAML stream may hold several
   * separated by {@code ---} (empty ones are skipped); JSON holds exactly one.
   *
   * @throws ValidationException when the body cannot be parsed, or holds no document
   */
  public List<JsonNode> readDocuments(byte[] body, DocumentFormat format) {
    return reader.readAll(body, format);
  }

  /** Returns the resource as a JSON tree in Kuma's universal shape, in canonical order. */
  public ObjectNode encode(Resource resource) {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    out.put("type", resource.type().name());
    out.put("name", resource.name());
    if (resource.type().meshScoped()) {
      out.put("mesh", resource.mesh());
    }
    putTime(out, "creationTime", resource.creationTime());
    putTime(out, "modificationTime", resource.modificationTime());
    if (!resource.labels().isEmpty()) {
      ObjectNode labels = out.putObject("labels");
      for (Map.Entry<String, String> label : resource.labels().entrySet()) {
        labels.put(label.getKey(), label.getValue());
      }
    }
    Shape.RecordShape schema = (Shape.RecordShape) Shape.of(SpecSchemas.schemaOf(resource.type()));
    if (resource.type().layout() == SpecLayout.INLINE) {
      if (resource.spec().isObject()) {
        CanonicalTree.appendRecordFields(out, resource.spec(), schema);
      }
      return out;
    }
    out.set("spec", CanonicalTree.order(resource.spec(), schema));
    JsonNode status = resource.status();
    if (status != null && !status.isNull() && !(status.isObject() && status.isEmpty())) {
      out.set("status", CanonicalTree.sorted(status));
    }
    return out;
  }

  /** Returns the resource as pretty-printed JSON (see {@link #encode}). */
  public String toJson(Resource resource) {
    return jsonWriter.writeValueAsString(encode(resource));
  }

  /** Returns the resource as block-style YAML without a document start marker. */
  public String toYaml(Resource resource) {
    return yamlWriter.writeValueAsString(encode(resource));
  }

  /**
   * Returns any tree (a list answer, an error) as pretty-printed JSON, written like {@link
   * #toJson(Resource)}.
   */
  public String toJson(JsonNode tree) {
    return jsonWriter.writeValueAsString(tree);
  }

  /**
   * Returns any tree (a list answer, an error) as YAML, quoted like {@link #toYaml(Resource)} so
   * that what is printed reads back as the same values.
   */
  public String toYaml(JsonNode tree) {
    return yamlWriter.writeValueAsString(tree);
  }

  private static void putTime(ObjectNode out, String field, Instant time) {
    if (time != null) {
      out.put(field, DateTimeFormatter.ISO_INSTANT.format(time));
    }
  }
}
