package io.meshforge.model.store;

import io.meshforge.model.Resource;
import io.meshforge.model.ResourceKey;
import java.util.Objects;

/**
 * {@code ResourceChange} is one entry of a store's change feed: what happened to which key, and
 * what the resource looks like afterwards.
 *
 * @param revision the store-wide revision of the change (monotonic per store, not necessarily
 *     contiguous); 0 for changes synthesised by a full resync of a view
 * @param key the resource that changed
 * @param operation what happened
 * @param resource the resource after the change; {@code null} exactly when {@code operation} is
 *     {@link Operation#DELETE}
 */
public record ResourceChange(
    long revision, ResourceKey key, Operation operation, Resource resource) {

  /** {@code Operation} is the kind of a change. */
  public enum Operation {
    CREATE,
    UPDATE,
    DELETE
  }

  public ResourceChange {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(operation, "operation");
    if ((operation == Operation.DELETE) != (resource == null)) {
      throw new IllegalArgumentException(
          "a " + operation + " change " + (resource == null ? "needs" : "has no") + " a resource");
    }
    if (resource != null && !resource.key().equals(key)) {
      throw new IllegalArgumentException("resource " + resource.key() + " does not match " + key);
    }
  }

  /** Returns a change that created or updated a resource. */
  public static ResourceChange upsert(long revision, Operation operation, Resource resource) {
    return new ResourceChange(revision, resource.key(), operation, resource);
  }

  /** Returns a change that deleted a resource. */
  public static ResourceChange deleted(long revision, ResourceKey key) {
    return new ResourceChange(revision, key, Operation.DELETE, null);
  }
}
