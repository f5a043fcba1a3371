package io.meshforge.model.spec;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * {@code MeshProxyPatchSpec} is the schema of a {@code MeshProxyPatch} (under {@code spec}).
 * Top-level only: {@code targetRef} and {@code default}.
 *
 * <p>Permissive on purpose: each modification's {@code value} (raw Envoy config) and {@code
 * jsonPatches} are kept as written; their shape is Envoy's, not ours.
 *
 * @param targetRef which proxies are configured; {@code Mesh} when omitted
 * @param defaults the modifications
 */
public record MeshProxyPatchSpec(
    TargetRef targetRef, @Required @JsonProperty("default") Conf defaults) implements PolicySpec {

  /**
   * The modifications.
   *
   * @param appendModifications applied in order
   */
  public record Conf(List<Modification> appendModifications) {}

  /**
   * One modification; set exactly one field.
   *
   * @param cluster a cluster change
   * @param listener a listener change
   * @param networkFilter a network filter change
   * @param httpFilter an HTTP filter change
   * @param virtualHost a virtual host change
   */
  public record Modification(
      Change cluster,
      Change listener,
      Change networkFilter,
      Change httpFilter,
      Change virtualHost) {}

  /**
   * A change to one Envoy object kind.
   *
   * @param operation {@code Add}, {@code Remove}, {@code Patch}, {@code AddFirst}, ...
   * @param match which objects (permissive: names, origins, listener/filter names)
   * @param value the Envoy config in YAML/JSON (permissive)
   * @param jsonPatches RFC 6902 patches (permissive)
   */
  public record Change(
      @Required Operation operation, JsonNode match, JsonNode value, List<JsonNode> jsonPatches) {}

  /** Modification operations. */
  @SuppressWarnings("java:S115")
  public enum Operation {
    /** Add. */
    Add,
    /** Add before the others. */
    AddFirst,
    /** Add before a match. */
    AddBefore,
    /** Add after a match. */
    AddAfter,
    /** Add last. */
    AddLast,
    /** Remove. */
    Remove,
    /** Patch. */
    Patch
  }
}
