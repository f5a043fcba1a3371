package io.meshforge.rest;

import io.meshforge.model.ResourceType;
import io.meshforge.model.ResourceTypes;

/** Resolves REST path segments to resource types, with a 404 naming what was wrong. */
final class TypePaths {
  private TypePaths() {}

  static ResourceType any(String path) {
    return ResourceTypes.byPath(path)
        .orElseThrow(() ->
            new UnknownResourceTypeException(
                "no resource type is served at /"
                    + path
                    + "; GET /_resources lists the types and their paths"));
  }

  static ResourceType meshScoped(String path) {
    ResourceType type = any(path);
    if (!type.meshScoped()) {
      throw new UnknownResourceTypeException(
          type.name() + " is global-scoped: it is served at /" + type.path() + ", not in a mesh");
    }
    return type;
  }

  static ResourceType globalScoped(String path) {
    ResourceType type = any(path);
    if (type.meshScoped()) {
      throw new UnknownResourceTypeException(
          type.name()
              + " lives in a mesh: it is served at /meshes/{mesh}/"
              + type.path()
              + "/{name}");
    }
    return type;
  }
}
