package io.meshforge.model;

import java.util.Objects;

/**
 * {@code ResourceKey} identifies one resource: its type, mesh and name.
 *
 * <p>Global-scoped resources have the empty string as mesh, never {@code null}; this is also how
 * they are keyed in the database.
 *
 * @param type the resource type
 * @param mesh the mesh name, or {@code ""} for global-scoped types
 * @param name the resource name
 */
public record ResourceKey(ResourceType type, String mesh, String name) {

  public ResourceKey {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(mesh, "mesh");
    Objects.requireNonNull(name, "name");
    if (type.meshScoped() == mesh.isEmpty()) {
      throw new IllegalArgumentException(
          type.meshScoped()
              ? type.name() + " is mesh-scoped: a key needs a mesh"
              : type.name() + " is global-scoped: its key has no mesh");
    }
  }

  /** Returns the key of a global-scoped resource. */
  public static ResourceKey global(ResourceType type, String name) {
    return new ResourceKey(type, "", name);
  }

  /** Returns the key of a mesh-scoped resource. */
  public static ResourceKey inMesh(ResourceType type, String mesh, String name) {
    return new ResourceKey(type, mesh, name);
  }

  /**
   * Returns the key of the resource that owns this one: the Mesh for mesh-scoped types, none for
   * global-scoped ones.
   */
  public java.util.Optional<ResourceKey> meshOwner() {
    return type.meshScoped()
        ? java.util.Optional.of(global(ResourceTypes.MESH, mesh))
        : java.util.Optional.empty();
  }

  @Override
  public String toString() {
    return mesh.isEmpty() ? type.name() + "/" + name : type.name() + "/" + mesh + "/" + name;
  }
}
