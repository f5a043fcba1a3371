package io.meshforge.model.policy;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code TargetRefKind} lists the {@code targetRef.kind} values MeshForge understands, in
 * specificity order from least to most specific: a more specific targetRef's configuration is
 * merged later and so wins.
 */
public enum TargetRefKind {
  /** Every proxy of the mesh, or every destination / source. */
  MESH("Mesh"),
  /** One proxy by name, or several by labels; optionally one inbound by {@code sectionName}. */
  DATAPLANE("Dataplane"),
  /** A service: by {@code kuma.io/service} (legacy) or a {@code MeshService} resource. */
  MESH_SERVICE("MeshService"),
  /** A service outside the mesh. */
  MESH_EXTERNAL_SERVICE("MeshExternalService"),
  /** A service grouped across zones. */
  MESH_MULTI_ZONE_SERVICE("MeshMultiZoneService"),
  /** One HTTP route. */
  MESH_HTTP_ROUTE("MeshHTTPRoute");

  /**
   * The kinds by wire name, each as the {@code Optional} {@link #fromWireName} returns: the matcher
   * parses every targetRef of every matched policy for each proxy, and {@code values()} copies the
   * array on each call.
   */
  private static final Map<String, Optional<TargetRefKind>> BY_WIRE_NAME =
      Arrays.stream(values())
          .collect(Collectors.toUnmodifiableMap(TargetRefKind::wireName, Optional::of));

  private final String wireName;

  TargetRefKind(String wireName) {
    this.wireName = wireName;
  }

  /**
   * Returns the kind as written in YAML, e.g. {@code MeshService}.
   *
   * @return the wire name
   */
  public String wireName() {
    return wireName;
  }

  /**
   * Returns the kind written as {@code wireName} in a targetRef.
   *
   * @param wireName the {@code kind} value, case-sensitive
   * @return the kind, or empty for a kind MeshForge does not know
   */
  public static Optional<TargetRefKind> fromWireName(String wireName) {
    return wireName == null
        ? Optional.empty()
        : BY_WIRE_NAME.getOrDefault(wireName, Optional.empty());
  }
}
