package io.meshforge.global.kds;

import io.meshforge.kds.sync.LocalView;
import io.meshforge.kds.sync.ResourceValidator;
import io.meshforge.kds.sync.SyncSink;
import io.meshforge.kds.transport.GlobalBackend;
import io.meshforge.kds.transport.StateFeed;
import io.meshforge.model.Resource;
import io.meshforge.model.ResourceKey;
import io.meshforge.model.ResourceType;
import io.meshforge.model.store.ResourceStore;
import io.meshforge.model.store.ResourceView;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;

/**
 * {@code FederationBackend} is what kds-protocol's {@code GlobalKdsService} reads and writes on
 * global: per-zone feeds from the view, the view as the receivers' local state, and one {@link
 * ZoneSyncSink} per zone stream.
 */
final class FederationBackend implements GlobalBackend {

  private final ZoneStateFeeds feeds;
  private final ResourceStore store;
  private final ResourceView view;
  private final ResourceValidator validator;

  FederationBackend(ZoneStateFeeds feeds, ResourceStore store, ResourceView view) {
    this.feeds = feeds;
    this.store = store;
    this.view = view;
    this.validator = new ZoneResourceValidator(view);
  }

  @Override
  public StateFeed feedFor(String zone, Set<String> features) {
    return feeds.feedFor(zone);
  }

  @Override
  public LocalView view() {
    return new LocalView() {
      @Override
      public Collection<Resource> list(ResourceType type) {
        return view.list(type, null);
      }

      @Override
      public Optional<Resource> get(ResourceKey key) {
        return view.get(key);
      }
    };
  }

  @Override
  public SyncSink sinkFor(String zone) {
    return new ZoneSyncSink(zone, store, view);
  }

  @Override
  public ResourceValidator validator() {
    return validator;
  }
}
