package io.meshforge.kds.transport;

import io.meshforge.kds.MapStore;
import io.meshforge.model.Resource;
import io.meshforge.model.ResourceType;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.Function;
import java.util.function.Predicate;

/** A test feed: the served types of a map store, filtered and mapped, re-published on refresh(). */
final class StoreFeed implements StateFeed {

  private final MapStore store;
  private final List<ResourceType> types;
  private final Predicate<Resource> filter;
  private final Function<Resource, Resource> mapper;
  private final Set<Listener> listeners = new CopyOnWriteArraySet<>();

  StoreFeed(
      MapStore store,
      List<ResourceType> types,
      Predicate<Resource> filter,
      Function<Resource, Resource> mapper) {
    this.store = store;
    this.types = types;
    this.filter = filter;
    this.mapper = mapper;
  }

  @Override
  public synchronized AutoCloseable watch(Listener listener) {
    listeners.add(listener);
    publish(listener);
    return () -> listeners.remove(listener);
  }

  /** Publishes the current state to every watcher (a change event). */
  synchronized void refresh() {
    listeners.forEach(this::publish);
  }

  private void publish(Listener listener) {
    for (ResourceType type : types) {
      listener.onSnapshot(type, store.list(type).stream().filter(filter).map(mapper).toList());
    }
  }
}
