package io.meshforge.kds;

import io.meshforge.kds.sync.LocalView;
import io.meshforge.kds.sync.SyncBatch;
import io.meshforge.kds.sync.SyncSink;
import io.meshforge.model.Resource;
import io.meshforge.model.ResourceKey;
import io.meshforge.model.ResourceType;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/** An in-memory store for KDS tests: a local view and an all-or-nothing sink over one map. */
public final class MapStore implements LocalView, SyncSink {

  private final Map<ResourceKey, Resource> resources = new ConcurrentHashMap<>();
  private final AtomicBoolean failing = new AtomicBoolean();

  /** Puts a resource as a local write would. */
  public void put(Resource resource) {
    resources.put(resource.key(), resource);
  }

  /** Removes a resource as a local delete would. */
  public void remove(ResourceKey key) {
    resources.remove(key);
  }

  /** Makes every following {@link #apply} throw (a database outage) until reset. */
  public void failApplies(boolean fail) {
    failing.set(fail);
  }

  /** Returns a copy of the whole content. */
  public Map<ResourceKey, Resource> snapshot() {
    return Map.copyOf(resources);
  }

  @Override
  public synchronized void apply(SyncBatch batch) {
    if (failing.get()) {
      throw new IllegalStateException("database down");
    }
    batch.deletes().forEach(resources::remove);
    batch.upserts().forEach(r -> resources.put(r.key(), r));
  }

  @Override
  public Collection<Resource> list(ResourceType type) {
    return resources.values().stream().filter(r -> r.type() == type).toList();
  }

  /** Returns every resource of a type. */
  public List<Resource> all(ResourceType type) {
    return List.copyOf(list(type));
  }

  @Override
  public Optional<Resource> get(ResourceKey key) {
    return Optional.ofNullable(resources.get(key));
  }
}
