package io.meshforge.model;

import java.util.Objects;
import java.util.Set;

/**
 * {@code ResourceType} describes one kind of resource once: its identity, scope, REST path, sync
 * direction and who may create it. Every type the system knows is listed in {@link ResourceTypes}.
 *
 * @param name the type name as written in YAML, e.g. {@code MeshTimeout}
 * @param scope global or mesh scoped
 * @param path the plural REST path segment, e.g. {@code meshtimeouts}
 * @param shortName the short name used by the CLI, e.g. {@code mt}; empty when there is none
 * @param layout where the type's fields sit in the universal format
 * @param policy whether it is a targetRef policy (has {@code targetRef}, {@code to[]}, ...)
 * @param providedByGlobal whether users may create it on a global control plane
 * @param providedByZone whether users may create it on a zone control plane
 * @param kds the directions in which KDS synchronises it; empty for types never synced
 */
public record ResourceType(
    String name,
    Scope scope,
    String path,
    String shortName,
    SpecLayout layout,
    boolean policy,
    boolean providedByGlobal,
    boolean providedByZone,
    Set<KdsFlag> kds) {

  public ResourceType {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(shortName, "shortName");
    Objects.requireNonNull(layout, "layout");
    kds = Set.copyOf(kds);
  }

  /** Returns {@code true} for types that live inside a mesh. */
  public boolean meshScoped() {
    return scope == Scope.MESH;
  }

  /**
   * Returns {@code true} when nobody may write the type through the API: it is computed by the
   * system (insights).
   */
  public boolean systemManaged() {
    return !providedByGlobal && !providedByZone;
  }

  @Override
  public String toString() {
    return name;
  }
}
