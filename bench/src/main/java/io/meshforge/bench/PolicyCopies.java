package io.meshforge.bench;

import io.meshforge.local.ControlPlaneNode;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code PolicyCopies} writes the benchmark's MeshTimeout policies on global and reads what a
 * control plane holds of them: per display name, the change sequence number carried in the spec and
 * the store's modification time of that copy.
 *
 * <p>The sequence number is the connection timeout in seconds, so every change has a spec no other
 * change has and a copy can be matched to the write that produced it.
 */
final class PolicyCopies {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String DISPLAY_NAME = "kuma.io/display-name";

  /** What a store holds of one policy. */
  record Copy(long sequence, Instant modified) {}

  private PolicyCopies() {}

  static String path(String mesh, String name) {
    return "/meshes/" + mesh + "/meshtimeouts/" + name;
  }

  static String yaml(String mesh, String name, long sequence) {
    return String.join(
        "\n",
        "type: MeshTimeout",
        "name: " + name,
        "mesh: " + mesh,
        "spec:",
        "  targetRef: {kind: Mesh}",
        "  to:",
        "  - targetRef: {kind: Mesh}",
        "    default: {connectionTimeout: " + sequence + "s}",
        "");
  }

  /** Writes one change on global; throws unless it answered 200 or 201. */
  static void write(ControlPlaneNode global, String mesh, String name, long sequence) {
    int status = global.putYaml(path(mesh, name), yaml(mesh, name, sequence));
    if (status != 200 && status != 201) {
      throw new IllegalStateException("PUT " + path(mesh, name) + " answered " + status);
    }
  }

  /**
   * Reads every MeshTimeout of the mesh from {@code node}: display name → copy. Throws when the CP
   * does not answer, so a caller waiting for convergence retries.
   */
  static Map<String, Copy> read(ControlPlaneNode node, String mesh) {
    Map<String, Copy> copies = new HashMap<>();
    String next = "/meshes/" + mesh + "/meshtimeouts?size=1000";
    for (int page = 0; next != null && page < 50; page++) {
      String body = node.get(next);
      if (body == null) {
        throw new IllegalStateException(node.apiUrl() + next + " did not answer 200");
      }
      JsonNode json = JSON.readTree(body);
      for (JsonNode item : json.path("items")) {
        JsonNode label = item.path("labels").path(DISPLAY_NAME);
        String name = label.isString() ? label.asString() : item.path("name").asString();
        copies.put(
            name,
            new Copy(sequenceOf(item), Instant.parse(item.path("modificationTime").asString())));
      }
      JsonNode link = json.path("next");
      next = link.isString() && !link.asString().isEmpty() ? relative(link.asString()) : null;
    }
    return copies;
  }

  private static long sequenceOf(JsonNode item) {
    String text =
        item.path("spec").path("to").path(0).path("default").path("connectionTimeout").asString();
    return text.endsWith("s") ? Long.parseLong(text.substring(0, text.length() - 1)) : -1;
  }

  private static String relative(String link) {
    int path = link.indexOf("/meshes/");
    return path >= 0 ? link.substring(path) : link;
  }
}
