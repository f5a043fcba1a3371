package io.meshforge.kds.sync;

import io.meshforge.model.Resource;
import io.meshforge.model.ResourceKey;
import io.meshforge.model.ResourceType;
import java.util.List;

/**
 * {@code SyncBatch} is what one KDS response asks the receiving store to do, already restricted to
 * the sender's scope and validated. It must be applied atomically ({@link SyncSink}).
 *
 * @param type the resource type of every entry
 * @param upserts resources to create or update (store version 0: the sink decides create vs update)
 * @param deletes keys to delete; each names an existing local resource in scope
 * @param reconcile {@code true} for the batch that closes a complete state (its deletes are the
 *     local resources absent upstream)
 */
public record SyncBatch(
    ResourceType type, List<Resource> upserts, List<ResourceKey> deletes, boolean reconcile) {

  public SyncBatch {
    upserts = List.copyOf(upserts);
    deletes = List.copyOf(deletes);
  }

  /** Returns {@code true} when there is nothing to write. */
  public boolean isEmpty() {
    return upserts.isEmpty() && deletes.isEmpty();
  }
}
