package io.meshforge.model.spec;

import java.util.List;
import java.util.Map;

/**
 * {@code TargetRef} selects what a policy (section) applies to.
 *
 * @param kind what kind of object is selected
 * @param name the object's name (for named kinds)
 * @param namespace the Kubernetes namespace of the object, when it comes from one
 * @param labels select objects by labels instead of by name
 * @param tags legacy tag selector ({@code MeshSubset}, {@code MeshServiceSubset})
 * @param mesh the mesh of the object, for cross-mesh references
 * @param proxyTypes restrict a top-level targetRef to sidecars and/or gateways
 * @param sectionName one section of the object: a Dataplane inbound or a MeshService port name
 */
public record TargetRef(
    @Required TargetRefKind kind,
    String name,
    String namespace,
    Map<String, String> labels,
    Map<String, String> tags,
    String mesh,
    List<ProxyType> proxyTypes,
    String sectionName) {

  /** Returns a targetRef of the given kind with nothing else set. */
  public static TargetRef of(TargetRefKind kind) {
    return new TargetRef(kind, null, null, Map.of(), Map.of(), null, List.of(), null);
  }

  /** The proxy types a top-level targetRef can be restricted to. */
  @SuppressWarnings("java:S115")
  public enum ProxyType {
    /** Sidecar proxies. */
    Sidecar,
    /** Gateway proxies. */
    Gateway
  }
}
