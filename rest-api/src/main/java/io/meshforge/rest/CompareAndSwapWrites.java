package io.meshforge.rest;

import io.meshforge.model.Resource;
import io.meshforge.model.ResourceKey;
import io.meshforge.model.store.ResourceNotFoundException;
import io.meshforge.model.store.ResourceStore;
import io.meshforge.rest.ResourceService.Upserted;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * {@code CompareAndSwapWrites} is the write path every {@link ResourceService} shares (ADR 0003):
 * PUT creates or updates, an update is a compare-and-swap against the version just read (of two
 * concurrent writers one wins, the other gets a conflict, never a lost update), and the server-set
 * status survives user updates. Each control plane adds its own checks of the stored resource.
 */
public final class CompareAndSwapWrites {

  private CompareAndSwapWrites() {}

  /**
   * Creates {@code resource} or updates the stored one.
   *
   * @param mayReplace called with the stored resource before it is replaced; throws to refuse
   */
  public static Upserted upsert(
      ResourceStore store, Resource resource, Consumer<Resource> mayReplace) {
    Optional<Resource> existing = store.get(resource.key());
    if (existing.isEmpty()) {
      return new Upserted(store.create(resource.withVersion(0)), true);
    }
    Resource current = existing.get();
    mayReplace.accept(current);
    Resource update = resource.withStatus(current.status()).withVersion(current.version());
    return new Upserted(store.update(update), false);
  }

  /**
   * Deletes the stored resource (and what it owns).
   *
   * @param mayDelete called with the stored resource before it is deleted; throws to refuse
   * @throws ResourceNotFoundException when nothing is stored under {@code key}
   */
  public static void delete(ResourceStore store, ResourceKey key, Consumer<Resource> mayDelete) {
    Resource current =
        store.get(key).orElseThrow(() -> new ResourceNotFoundException(key + " does not exist"));
    mayDelete.accept(current);
    store.delete(key);
  }
}
