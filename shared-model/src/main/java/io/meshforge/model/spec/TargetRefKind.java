package io.meshforge.model.spec;

/**
 * {@code TargetRefKind} is the kind of object a {@link TargetRef} points at, spelled as in Kuma.
 * Declaration order is specificity, least specific first, as in Kuma's code: policies targeting a
 * later kind win over those targeting an earlier one.
 */
@SuppressWarnings("java:S115") // constants are spelled as on the wire
public enum TargetRefKind {
  /** Every proxy (or destination) in the mesh. */
  Mesh,
  /** Dataplanes by name or labels. */
  Dataplane,
  /** Legacy: proxies with these tags. */
  MeshSubset,
  /** A built-in gateway (not supported by MeshForge yet; accepted by the schema). */
  MeshGateway,
  /** A MeshService, optionally one port ({@code sectionName}). */
  MeshService,
  /** A MeshExternalService. */
  MeshExternalService,
  /** A MeshMultiZoneService. */
  MeshMultiZoneService,
  /** Legacy: a service's instances with these tags. */
  MeshServiceSubset,
  /** A MeshHTTPRoute. */
  MeshHTTPRoute;

  /** Returns the specificity rank, 1 for {@code Mesh} up to 9 for {@code MeshHTTPRoute}. */
  public int rank() {
    return ordinal() + 1;
  }
}
