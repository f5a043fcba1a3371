package io.meshforge.zone.kds;

import io.meshforge.kds.sync.SyncBatch;
import io.meshforge.kds.sync.SyncScope;
import io.meshforge.kds.sync.SyncSink;
import io.meshforge.model.Resource;
import io.meshforge.model.ResourceKey;
import io.meshforge.model.store.ResourceQuery;
import io.meshforge.model.store.ResourceStore;
import io.meshforge.model.store.ResourceWrite;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code ZoneSyncSink} writes what global sends into the zone's store, one batch per transaction
 * ({@link ResourceStore#applyAll}).
 *
 * <p>Only copies that came from global are ever touched: global-origin resources and other zones'
 * resources that global re-broadcasts ({@link SyncScope#fromGlobal}). The receiver already
 * restricts batches to that scope; the sink checks again against the store, because a mistake here
 * would delete the zone's own resources:
 *
 * <ul>
 *   <li>a delete of a resource that did not come from global is dropped;
 *   <li>an upsert over a zone-owned resource of the same key is dropped (the zone's own wins; a
 *       Mesh, which zones cannot create, is always global's);
 *   <li>while {@link EpochGuard} holds deletions (global's store epoch changed), every delete is
 *       held back and reported; upserts still apply.
 * </ul>
 */
public final class ZoneSyncSink implements SyncSink {
  private static final Logger log = LoggerFactory.getLogger(ZoneSyncSink.class);

  private final ResourceStore store;
  private final EpochGuard epoch;
  private final SyncScope fromGlobal;

  public ZoneSyncSink(String zone, ResourceStore store, EpochGuard epoch) {
    this.store = store;
    this.epoch = epoch;
    this.fromGlobal = SyncScope.fromGlobal(zone);
  }

  @Override
  public void apply(SyncBatch batch) {
    List<ResourceWrite> writes = new ArrayList<>();
    Set<ResourceKey> zoneOwned = zoneOwned(batch);
    for (Resource resource : batch.upserts()) {
      if (zoneOwned.contains(resource.key())) {
        log.warn(
            "Not applying {} {} from global: a resource of this zone has that name",
            resource.type(),
            resource.key());
        continue;
      }
      writes.add(ResourceWrite.Put.of(resource));
    }
    List<ResourceKey> deletes = new ArrayList<>();
    for (ResourceKey key : batch.deletes()) {
      Optional<Resource> local = store.get(key);
      if (local.isPresent() && fromGlobal.contains(local.get())) {
        deletes.add(key);
      } else if (local.isPresent()) {
        log.warn("Ignoring a delete of {} from global: it belongs to this zone", key);
      }
    }
    if (!deletes.isEmpty() && !epoch.deletionsAllowed()) {
      epoch.held(batch.type().name(), deletes.size());
      deletes.clear();
    }
    deletes.forEach(key -> writes.add(new ResourceWrite.Remove(key)));
    if (!writes.isEmpty()) {
      store.applyAll(writes);
    }
  }

  /** Keys of the batch's type that the zone owns; one read per batch, not one per resource. */
  private Set<ResourceKey> zoneOwned(SyncBatch batch) {
    if (batch.upserts().isEmpty() || !batch.type().providedByZone()) {
      return Set.of(); // global-only types: global wins, even over a pre-existing local object
    }
    return store.list(ResourceQuery.all(batch.type())).items().stream()
        .filter(local -> !fromGlobal.contains(local))
        .map(Resource::key)
        .collect(Collectors.toSet());
  }
}
