package io.meshforge.model.store;

import io.meshforge.model.Resource;
import io.meshforge.model.ResourceKey;
import java.util.List;
import java.util.Optional;

/**
 * {@code ResourceStore} is the port every control plane keeps its resources behind: the PostgreSQL
 * store in production, the in-memory store for development and tests.
 *
 * <p>Contract (checked by the store contract test suite for every implementation):
 *
 * <ul>
 *   <li>{@link #create} stores version 1; a key that exists fails with {@link
 *       ResourceAlreadyExistsException}; a mesh-scoped resource whose Mesh does not exist fails
 *       with {@link OwnerNotFoundException}.
 *   <li>{@link #update} is a compare-and-swap: it succeeds only when the given resource's version
 *       equals the stored one, and stores version + 1; otherwise {@link ResourceConflictException}
 *       (or {@link ResourceNotFoundException} when nothing is stored).
 *   <li>{@link #delete} removes the resource and, in the same transaction, everything it owns (a
 *       Mesh owns every resource in it); {@link #delete(ResourceKey, long)} does so only when the
 *       stored version matches, else {@link ResourceConflictException}.
 *   <li>Every successful write is one atomic change: it is either fully visible or not at all.
 *   <li>When the backing database cannot be reached, methods fail with {@link
 *       StoreUnavailableException} and nothing is partially written.
 * </ul>
 *
 * <p>Implementations are thread-safe.
 */
public interface ResourceStore {

  /** Returns the stored resource with this key, if any. */
  Optional<Resource> get(ResourceKey key);

  /**
   * Returns one page of the resources matching the query, ordered by mesh and then name.
   *
   * @throws IllegalArgumentException when the query's offset is not one this store produced
   */
  ResourcePage list(ResourceQuery query);

  /**
   * Stores a new resource. Its version must be 0.
   *
   * @return the stored resource with version 1 and both timestamps set to the creation time
   * @throws ResourceAlreadyExistsException when the key is taken
   * @throws OwnerNotFoundException when the resource's mesh does not exist
   */
  Resource create(Resource resource);

  /**
   * Replaces the labels, spec and status of a stored resource if its version is still {@code
   * resource.version()}.
   *
   * @return the stored resource with the next version and a new modification time; the creation
   *     time is kept
   * @throws ResourceConflictException when the stored version differs (a stale write)
   * @throws ResourceNotFoundException when nothing is stored under the key
   */
  Resource update(Resource resource);

  /**
   * Deletes a resource and everything it owns.
   *
   * @throws ResourceNotFoundException when nothing is stored under the key
   */
  void delete(ResourceKey key);

  /**
   * Deletes a resource and everything it owns, only if its stored version is still {@code version}:
   * a compare-and-swap delete, so a writer that changed the resource in between (e.g. a proxy
   * registering its Dataplane again) wins over a cleanup that decided on an older read.
   *
   * @param key the resource to delete
   * @param version the version the caller read
   * @throws ResourceNotFoundException when nothing is stored under the key
   * @throws ResourceConflictException when the stored version is another one; nothing is deleted
   * @throws UnsupportedOperationException from a store that cannot (test doubles that do not
   *     override it); both real stores do
   */
  default void delete(ResourceKey key, long version) {
    throw new UnsupportedOperationException(
        getClass().getSimpleName() + " cannot delete with compare-and-swap");
  }

  /**
   * Applies a batch of writes in one transaction, in order: all of them become visible together, or
   * none does. Used by KDS receivers, which apply each response atomically and acknowledge it only
   * after this returns.
   *
   * @return the stored resource of every {@link ResourceWrite.Put}, in batch order
   * @throws OwnerNotFoundException when a put's Mesh or owner is neither stored nor put earlier in
   *     the batch; nothing of the batch is applied
   * @throws StoreUnavailableException when the database cannot be reached; nothing is applied
   */
  List<Resource> applyAll(List<ResourceWrite> writes);
}
