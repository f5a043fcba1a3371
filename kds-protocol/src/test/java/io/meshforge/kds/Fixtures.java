package io.meshforge.kds;

import io.meshforge.model.Resource;
import io.meshforge.model.ResourceKey;
import io.meshforge.model.ResourceType;
import io.meshforge.model.ResourceTypes;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Small builders of resources for KDS tests. */
public final class Fixtures {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private Fixtures() {}

  /** Parses a JSON literal. */
  public static JsonNode json(String text) {
    return JSON.readTree(text);
  }

  /** A Mesh. */
  public static Resource mesh(String name) {
    return Resource.of(ResourceKey.global(ResourceTypes.MESH, name), Map.of(), json("{}"));
  }

  /** A mesh-scoped resource with labels and a spec. */
  public static Resource inMesh(
      ResourceType type, String mesh, String name, Map<String, String> labels, String spec) {
    return Resource.of(ResourceKey.inMesh(type, mesh, name), labels, json(spec));
  }

  /** A MeshTimeout in a mesh with a given spec. */
  public static Resource timeout(
      String mesh, String name, Map<String, String> labels, String spec) {
    return inMesh(ResourceTypes.MESH_TIMEOUT, mesh, name, labels, spec);
  }
}
