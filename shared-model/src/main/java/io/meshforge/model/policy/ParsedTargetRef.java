package io.meshforge.model.policy;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/**
 * {@code ParsedTargetRef} is the part of a {@code targetRef} JSON object that matching and ordering
 * read. An absent targetRef means {@code Mesh}; an unknown kind is kept as empty and never matches.
 */
record ParsedTargetRef(
    Optional<TargetRefKind> kind,
    String name,
    Map<String, String> labels,
    String sectionName,
    JsonNode proxyTypes) {

  private static final String SIDECAR = "Sidecar";

  static ParsedTargetRef of(JsonNode ref) {
    if (ref == null || ref.isMissingNode() || ref.isNull()) {
      return new ParsedTargetRef(Optional.of(TargetRefKind.MESH), "", Map.of(), "", null);
    }
    Map<String, String> labels = new TreeMap<>();
    for (Map.Entry<String, JsonNode> label : ref.path("labels").properties()) {
      labels.put(label.getKey(), label.getValue().asString());
    }
    return new ParsedTargetRef(
        TargetRefKind.fromWireName(ref.path("kind").asString("")),
        ref.path("name").asString(""),
        Map.copyOf(labels),
        ref.path("sectionName").asString(""),
        ref.path("proxyTypes"));
  }

  boolean is(TargetRefKind wanted) {
    return kind.isPresent() && kind.get() == wanted;
  }

  boolean hasSection() {
    return !sectionName.isEmpty();
  }

  /** Whether a {@code proxyTypes} list, when present, lets this targetRef select sidecars. */
  boolean selectsSidecars() {
    if (proxyTypes == null || !proxyTypes.isArray() || proxyTypes.isEmpty()) {
      return true;
    }
    for (JsonNode type : proxyTypes) {
      if (SIDECAR.equals(type.asString(""))) {
        return true;
      }
    }
    return false;
  }

  /** Whether every label of this targetRef is found, with the same value, in {@code actual}. */
  boolean labelsMatch(Map<String, String> actual) {
    return actual.entrySet().containsAll(labels.entrySet());
  }

  /** Whether this targetRef, taken from a to[] or from[] entry, applies to {@code peer}. */
  boolean matchesPeer(Peer peer) {
    if (kind.isEmpty()) {
      return false;
    }
    if (kind.get() == TargetRefKind.MESH) {
      return true;
    }
    if (kind.get() != peer.kind()) {
      return false;
    }
    boolean named =
        !name.isEmpty()
            ? name.equals(peer.name())
            : !labels.isEmpty() && labelsMatch(peer.labels());
    return named && (!hasSection() || peer.hasSection(sectionName));
  }

  /**
   * Rank of a to[] or from[] entry, low to high: Mesh, MeshService, MeshService with a sectionName,
   * MeshExternalService, MeshMultiZoneService, MeshHTTPRoute. Unknown kinds rank lowest; they never
   * match anyway.
   */
  int peerRank() {
    return kind.map(k -> 2 * (k.ordinal() + 1) + (hasSection() ? 1 : 0)).orElse(0);
  }

  /** The peer a to[] or from[] entry names explicitly, if it names one by name. */
  Optional<Peer> namedPeer() {
    if (kind.isEmpty() || kind.get() == TargetRefKind.MESH || name.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(Peer.section(kind.get(), name, sectionName));
  }
}
