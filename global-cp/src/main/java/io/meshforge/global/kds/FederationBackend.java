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
import java.util.concurrent.Semaphore;

/**
 * {@code FederationBackend} is what kds-protocol's {@code GlobalKdsService} reads and writes on
 * global: per-zone feeds from the view, the view as the receivers' local state, and one {@link
 * ZoneSyncSink} per zone stream, all of them sharing one bound on concurrent batch writes.
 */
final class FederationBackend implements GlobalBackend {

  private final ZoneStateFeeds feeds;
  private final ResourceStore store;
  private final ResourceView view;
  private final ResourceValidator validator;
  private final Semaphore sinkSlots;

  /**
   * @param parallel how many zone batches may be written at once (at least 1)
   */
  FederationBackend(ZoneStateFeeds feeds, ResourceStore store, ResourceView view, int parallel) {
    if (parallel < 1) {
      throw new IllegalArgumentException("kds.sink.parallel must be at least 1: " + parallel);
    }
    this.sinkSlots = new Semaphore(parallel, true);
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
    return new ZoneSyncSink(zone, store, sinkSlots);
  }

  @Override
  public ResourceValidator validator() {
    return validator;
  }
}
