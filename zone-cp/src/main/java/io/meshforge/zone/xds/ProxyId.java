package io.meshforge.zone.xds;

import java.util.Objects;

/**
 * Who an xDS stream claims to be: the Dataplane (or ZoneIngress/ZoneEgress) named {@code name} in
 * {@code mesh}. Envoy carries it as its node id {@code <mesh>.<name>} (Kuma's format, so tooling
 * that reads node ids carries over); mesh names never contain a dot, so the first dot splits it.
 *
 * @param mesh the mesh, empty for zone proxies that belong to no mesh
 * @param name the resource name
 */
public record ProxyId(String mesh, String name) {

  /** Checks both parts are present ({@code mesh} may be empty, never null). */
  public ProxyId {
    Objects.requireNonNull(mesh, "mesh");
    Objects.requireNonNull(name, "name");
    if (name.isEmpty()) {
      throw new IllegalArgumentException("a proxy id needs a name");
    }
  }

  /**
   * Parses an Envoy node id.
   *
   * @throws IllegalArgumentException when the id is not {@code <mesh>.<name>} or {@code <name>}
   */
  public static ProxyId parse(String nodeId) {
    if (nodeId == null || nodeId.isBlank()) {
      throw new IllegalArgumentException("the node id is empty");
    }
    int dot = nodeId.indexOf('.');
    return dot < 0
        ? new ProxyId("", nodeId)
        : new ProxyId(nodeId.substring(0, dot), nodeId.substring(dot + 1));
  }

  /** Returns the Envoy node id, {@code <mesh>.<name>} (or {@code <name>} without a mesh). */
  public String nodeId() {
    return mesh.isEmpty() ? name : mesh + "." + name;
  }

  @Override
  public String toString() {
    return nodeId();
  }
}
