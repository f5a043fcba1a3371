package io.meshforge.kds.wire;

import io.meshforge.model.ResourceKey;
import io.meshforge.model.ResourceType;

/**
 * {@code DeltaKey} is the resource name used in delta xDS messages: {@code <name>.<mesh>}, and
 * {@code <name>.} for global-scoped types. Names may contain dots, meshes may not, so a key is
 * split on its <em>last</em> dot.
 */
public final class DeltaKey {

  private DeltaKey() {}

  /** Returns the delta key of a resource key. */
  public static String of(ResourceKey key) {
    return key.name() + "." + key.mesh();
  }

  /**
   * Parses a delta key of a known type back into a resource key.
   *
   * @throws IllegalArgumentException when the key has no dot, an empty name, or a mesh that does
   *     not fit the type's scope
   */
  public static ResourceKey parse(ResourceType type, String deltaKey) {
    int dot = deltaKey.lastIndexOf('.');
    if (dot <= 0) {
      throw new IllegalArgumentException("malformed delta key '" + deltaKey + "'");
    }
    return new ResourceKey(type, deltaKey.substring(dot + 1), deltaKey.substring(0, dot));
  }
}
