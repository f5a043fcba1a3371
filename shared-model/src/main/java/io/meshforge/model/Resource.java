package io.meshforge.model;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * {@code Resource} is one stored object in Kuma's universal shape: its key, labels, spec, status
 * and the server-set version and timestamps.
 *
 * <p>The spec is kept as the JSON tree the user wrote (after validation), so printing it gives back
 * what was stored; typed views come from {@code io.meshforge.model.spec}. Callers treat the trees
 * as immutable: the codec and the stores copy them at their boundaries.
 *
 * @param key type, mesh and name
 * @param labels labels, sorted by key
 * @param spec the type's fields (for {@link SpecLayout#INLINE} types, the top-level fields)
 * @param status server-computed status; an empty object when there is none
 * @param version compare-and-swap version: 0 for a resource not stored yet, then 1, 2, ...
 * @param creationTime when it was created, {@code null} before it is stored
 * @param modificationTime when it was last changed, {@code null} before it is stored
 */
public record Resource(
    ResourceKey key,
    Map<String, String> labels,
    JsonNode spec,
    JsonNode status,
    long version,
    Instant creationTime,
    Instant modificationTime) {

  public Resource {
    Objects.requireNonNull(key, "key");
    labels =
        java.util.Collections.unmodifiableMap(new TreeMap<>(labels == null ? Map.of() : labels));
    spec = spec == null ? JsonNodeFactory.instance.objectNode() : spec;
    status = status == null ? JsonNodeFactory.instance.objectNode() : status;
    if (version < 0) {
      throw new IllegalArgumentException("version must not be negative");
    }
  }

  /** Returns a resource that has not been stored yet (version 0, no timestamps). */
  public static Resource of(ResourceKey key, Map<String, String> labels, JsonNode spec) {
    return new Resource(key, labels, spec, null, 0, null, null);
  }

  public ResourceType type() {
    return key.type();
  }

  public String mesh() {
    return key.mesh();
  }

  public String name() {
    return key.name();
  }

  /** Returns a copy with other labels. */
  public Resource withLabels(Map<String, String> newLabels) {
    return new Resource(key, newLabels, spec, status, version, creationTime, modificationTime);
  }

  /** Returns a copy with another spec. */
  public Resource withSpec(JsonNode newSpec) {
    return new Resource(key, labels, newSpec, status, version, creationTime, modificationTime);
  }

  /** Returns a copy with another status. */
  public Resource withStatus(JsonNode newStatus) {
    return new Resource(key, labels, spec, newStatus, version, creationTime, modificationTime);
  }

  /** Returns a copy carrying another version (the expected version for an update). */
  public Resource withVersion(long newVersion) {
    return new Resource(key, labels, spec, status, newVersion, creationTime, modificationTime);
  }

  /** Returns a copy with the version and timestamps a store assigned. */
  public Resource stored(long newVersion, Instant created, Instant modified) {
    return new Resource(key, labels, spec, status, newVersion, created, modified);
  }
}
