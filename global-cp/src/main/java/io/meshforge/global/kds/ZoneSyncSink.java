package io.meshforge.global.kds;

import io.meshforge.kds.sync.SyncBatch;
import io.meshforge.kds.sync.SyncSink;
import io.meshforge.model.Resource;
import io.meshforge.model.ResourceKey;
import io.meshforge.model.ResourceTypes;
import io.meshforge.model.store.ResourceStore;
import io.meshforge.model.store.ResourceWrite;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ZoneSyncSink} writes what one zone sends into global's store: each batch in one {@link
 * ResourceStore#applyAll} transaction, every resource owned by the zone's {@code Zone} (deleting
 * the Zone deletes what it synced).
 *
 * <p>Why every upsert is written, even one that looks unchanged: the store itself turns a put that
 * changes nothing into a no-op (no new version, no change-log row), against the committed row.
 * Skipping by comparing with the change-fed view instead would compare against a copy that may lag
 * behind, and could drop a real change.
 */
final class ZoneSyncSink implements SyncSink {

  private final ResourceKey owner;
  private final ResourceStore store;

  ZoneSyncSink(String zone, ResourceStore store) {
    this.owner = new ResourceKey(ResourceTypes.ZONE, "", zone);
    this.store = store;
  }

  @Override
  public void apply(SyncBatch batch) {
    List<ResourceWrite> writes = new ArrayList<>();
    for (ResourceKey key : batch.deletes()) {
      writes.add(new ResourceWrite.Remove(key));
    }
    for (Resource resource : batch.upserts()) {
      writes.add(new ResourceWrite.Put(resource.withVersion(0), owner));
    }
    if (!writes.isEmpty()) {
      store.applyAll(writes);
    }
  }
}
