package io.meshforge.global.kds;

import io.meshforge.kds.sync.SyncBatch;
import io.meshforge.kds.sync.SyncSink;
import io.meshforge.model.Resource;
import io.meshforge.model.ResourceKey;
import io.meshforge.model.ResourceTypes;
import io.meshforge.model.store.ResourceStore;
import io.meshforge.model.store.ResourceWrite;
import io.meshforge.model.store.StoreUnavailableException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;

/**
 * {@code ZoneSyncSink} writes what one zone sends into global's store: each batch in one {@link
 * ResourceStore#applyAll} transaction, every resource owned by the zone's {@code Zone} (deleting
 * the Zone deletes what it synced).
 *
 * <p>Why every upsert is written, even one that looks unchanged: the store itself turns a put that
 * changes nothing into a no-op (no new version, no change-log row), against the committed row.
 * Skipping by comparing with the change-fed view instead would compare against a copy that may lag
 * behind, and could drop a real change.
 *
 * <p>Every zone's sink shares one {@code slots} semaphore with fewer permits than the store's
 * connection pool ({@code kds.sink.parallel}): when many zones send their complete states at once
 * (all of them rejoining a restarted global), the batches queue here, in arrival order, instead of
 * taking every pooled connection, so REST writes, insight flushes and the epoch check keep getting
 * one and no batch times out waiting for the pool (which would reset its stream and make the zone
 * send everything again). Waiting is on the stream's own virtual thread.
 */
final class ZoneSyncSink implements SyncSink {

  private final ResourceKey owner;
  private final ResourceStore store;
  private final Semaphore slots;

  ZoneSyncSink(String zone, ResourceStore store, Semaphore slots) {
    this.owner = new ResourceKey(ResourceTypes.ZONE, "", zone);
    this.store = store;
    this.slots = slots;
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
    if (writes.isEmpty()) {
      return;
    }
    try {
      slots.acquire();
    } catch (InterruptedException e) {
      // The stream is closing; nothing is committed, so the batch is not ACKed.
      Thread.currentThread().interrupt();
      throw new StoreUnavailableException("interrupted waiting for a zone sink slot", e);
    }
    try {
      store.applyAll(writes);
    } finally {
      slots.release();
    }
  }
}
