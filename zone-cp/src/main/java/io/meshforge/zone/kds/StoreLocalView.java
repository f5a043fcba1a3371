package io.meshforge.zone.kds;

import io.meshforge.kds.sync.LocalView;
import io.meshforge.model.Resource;
import io.meshforge.model.ResourceKey;
import io.meshforge.model.ResourceType;
import io.meshforge.model.store.ResourceQuery;
import io.meshforge.model.store.ResourceStore;
import java.util.Collection;
import java.util.Optional;

/**
 * {@code StoreLocalView} gives the KDS receiver its reads from the store itself, not from the
 * change-fed view: the view may lag the receiver's own last commit by a feed round trip, and a
 * removal checked against a lagging view would be skipped (a missed delete until the next resync).
 * It is read once per received response, never per proxy request.
 */
public final class StoreLocalView implements LocalView {
  private final ResourceStore store;

  public StoreLocalView(ResourceStore store) {
    this.store = store;
  }

  @Override
  public Collection<Resource> list(ResourceType type) {
    return store.list(ResourceQuery.all(type)).items();
  }

  @Override
  public Optional<Resource> get(ResourceKey key) {
    return store.get(key);
  }
}
