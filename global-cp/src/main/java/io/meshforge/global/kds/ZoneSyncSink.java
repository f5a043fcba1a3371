package io.meshforge.global.kds;

import io.meshforge.kds.sync.SyncBatch;
import io.meshforge.kds.sync.SyncSink;
import io.meshforge.model.Resource;
import io.meshforge.model.ResourceKey;
import io.meshforge.model.ResourceTypes;
import io.meshforge.model.store.ResourceStore;
import io.meshforge.model.store.ResourceView;
import io.meshforge.model.store.ResourceWrite;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * {@code ZoneSyncSink} writes what one zone sends into global's store: each batch in one {@link
 * ResourceStore#applyAll} transaction, every resource owned by the zone's {@code Zone} (deleting
 * the Zone deletes what it synced). Resources whose labels, spec and status equal global's copy in
 * the view are skipped, so a resync of unchanged data does not churn versions or wake the feeds.
 */
final class ZoneSyncSink implements SyncSink {

  private final ResourceKey owner;
  private final ResourceStore store;
  private final ResourceView view;

  ZoneSyncSink(String zone, ResourceStore store, ResourceView view) {
    this.owner = new ResourceKey(ResourceTypes.ZONE, "", zone);
    this.store = store;
    this.view = view;
  }

  @Override
  public void apply(SyncBatch batch) {
    List<ResourceWrite> writes = new ArrayList<>();
    for (ResourceKey key : batch.deletes()) {
      writes.add(new ResourceWrite.Remove(key));
    }
    for (Resource resource : batch.upserts()) {
      if (!unchanged(resource)) {
        writes.add(new ResourceWrite.Put(resource.withVersion(0), owner));
      }
    }
    if (!writes.isEmpty()) {
      store.applyAll(writes);
    }
  }

  private boolean unchanged(Resource received) {
    return view.get(received.key())
        .filter(local -> local.labels().equals(received.labels()))
        .filter(local -> Objects.equals(local.spec(), received.spec()))
        .filter(local -> Objects.equals(local.status(), received.status()))
        .isPresent();
  }
}
