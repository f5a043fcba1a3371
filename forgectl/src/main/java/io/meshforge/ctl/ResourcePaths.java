package io.meshforge.ctl;

import io.meshforge.model.ResourceType;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * {@code ResourcePaths} builds Kuma's REST paths: {@code /meshes/{mesh}/{plural}[/{name}]} for
 * mesh-scoped types and {@code /{plural}[/{name}]} for global-scoped ones.
 */
final class ResourcePaths {
  private ResourcePaths() {}

  /** The path of the list of {@code type} (in {@code mesh} when mesh-scoped). */
  static String list(ResourceType type, String mesh) {
    return type.meshScoped() ? "/meshes/" + segment(mesh) + "/" + type.path() : "/" + type.path();
  }

  /** The path of one resource. */
  static String item(ResourceType type, String mesh, String name) {
    return list(type, mesh) + "/" + segment(name);
  }

  /** {@code value} encoded as one path segment or query value. */
  static String segment(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** Where {@code type} is named in messages: {@code MeshTimeout "x" in mesh "default"}. */
  static String describe(ResourceType type, String mesh, String name) {
    return type.name()
        + " \""
        + name
        + "\""
        + (type.meshScoped() ? " in mesh \"" + mesh + "\"" : "");
  }
}
