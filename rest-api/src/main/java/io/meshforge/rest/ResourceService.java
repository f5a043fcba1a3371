package io.meshforge.rest;

import io.meshforge.model.Resource;
import io.meshforge.model.ResourceKey;
import io.meshforge.model.ResourceType;
import java.util.Optional;

/**
 * The write rules of one kind of control plane (global or zone) behind the shared REST API: which
 * types it accepts, how labels are checked and stamped, what a new Mesh brings along.
 */
public interface ResourceService {

  /** The outcome of a PUT. */
  record Upserted(Resource resource, boolean created) {}

  /** Returns the stored resource, if any. */
  Optional<Resource> get(ResourceKey key);

  /**
   * Creates or updates a resource decoded from a request.
   *
   * @throws ReadOnlyTypeException when this control plane does not accept writes of the type
   */
  Upserted upsert(Resource resource);

  /**
   * Deletes a resource and what it owns.
   *
   * @throws ReadOnlyTypeException when this control plane does not accept writes of the type
   */
  void delete(ResourceKey key);

  /** Returns whether users may write the type on this control plane. */
  boolean writable(ResourceType type);
}
