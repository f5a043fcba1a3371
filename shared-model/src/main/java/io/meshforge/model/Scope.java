package io.meshforge.model;

/** {@code Scope} says whether a resource type lives inside a mesh or beside the meshes. */
public enum Scope {
  /** Global-scoped: one namespace per control plane (Mesh, Zone, GlobalSecret, ...). */
  GLOBAL,
  /** Mesh-scoped: keyed by mesh and name, owned by its Mesh (deleting the Mesh deletes it). */
  MESH
}
