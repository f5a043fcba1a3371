package io.meshforge.ctl;

import io.meshforge.model.ResourceType;
import io.meshforge.model.ResourceTypes;
import io.meshforge.model.codec.DocumentFormat;
import io.meshforge.model.codec.ResourceCodec;
import io.meshforge.model.validation.ValidationException;
import io.meshforge.model.validation.Violation;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * {@code Manifest} is one document of an {@code apply} input, with the type, mesh and name that
 * decide where it is sent.
 *
 * @param origin where it comes from, for messages ({@code policies/10-timeouts.yaml, document 2})
 * @param document the document as written (after variables were filled in)
 * @param type its type
 * @param mesh its mesh ({@code ""} for global-scoped types)
 * @param name its name
 */
record Manifest(String origin, JsonNode document, ResourceType type, String mesh, String name) {

  /**
   * Reads every document of {@code source}, with {@code variables} filled in.
   *
   * @throws CtlException when the source is not UTF-8, not YAML/JSON, uses a variable with no
   *     value, or a document lacks a known type, a name or (for mesh-scoped types) a mesh
   */
  static List<Manifest> read(
      ManifestSource source, TemplateVariables variables, ResourceCodec codec) {
    String text = variables.render(utf8(source), source.name());
    List<JsonNode> documents;
    try {
      documents =
          codec.readDocuments(
              text.getBytes(StandardCharsets.UTF_8),
              source.json() ? DocumentFormat.JSON : DocumentFormat.YAML);
    } catch (ValidationException e) {
      throw new CtlException(describe(source.name(), e));
    }
    List<Manifest> manifests = new ArrayList<>();
    for (int i = 0; i < documents.size(); i++) {
      String origin =
          documents.size() == 1 ? source.name() : source.name() + ", document " + (i + 1);
      manifests.add(of(origin, documents.get(i)));
    }
    return manifests;
  }

  /** The REST path the document is PUT to. */
  String path() {
    return ResourcePaths.item(type, mesh, name);
  }

  /** How the resource is named in messages. */
  String described() {
    return ResourcePaths.describe(type, mesh, name);
  }

  /** Describes a validation failure of {@code origin}: one line per violation. */
  static String describe(String origin, ValidationException e) {
    StringBuilder text = new StringBuilder(origin).append(": invalid");
    for (Violation violation : e.violations()) {
      text.append(System.lineSeparator()).append("  ").append(violation);
    }
    return text.toString();
  }

  private static Manifest of(String origin, JsonNode document) {
    if (!document.isObject()) {
      throw new CtlException(origin + ": a resource must be a mapping with type, name, ...");
    }
    String typeName = document.path("type").asString("");
    if (typeName.isEmpty()) {
      throw new CtlException(origin + ": type is missing");
    }
    ResourceType type =
        ResourceTypes.byName(typeName)
            .orElseThrow(() -> new CtlException(origin + ": unknown type \"" + typeName + "\""));
    String name = document.path("name").asString("");
    if (name.isEmpty()) {
      throw new CtlException(origin + ": name is missing");
    }
    String mesh = "";
    if (type.meshScoped()) {
      mesh = document.path("mesh").asString("");
      if (mesh.isEmpty()) {
        throw new CtlException(origin + ": mesh is missing (" + typeName + " lives in a mesh)");
      }
    }
    return new Manifest(origin, document, type, mesh, name);
  }

  private static String utf8(ManifestSource source) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(source.content()))
          .toString();
    } catch (CharacterCodingException e) {
      throw new CtlException(source.name() + ": not valid UTF-8", e);
    }
  }
}
