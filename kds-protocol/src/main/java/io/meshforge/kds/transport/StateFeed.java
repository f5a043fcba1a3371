package io.meshforge.kds.transport;

import io.meshforge.model.Resource;
import io.meshforge.model.ResourceType;
import java.util.Collection;

/**
 * {@code StateFeed} is the view a KDS sender serves: the wire copies (already renamed and labelled,
 * see {@code SyncedCopies}) of each type this side sends. It is debounced and event-driven on the
 * provider's side; KDS only needs the latest full state per type.
 */
@FunctionalInterface
public interface StateFeed {

  /**
   * Starts delivering snapshots: first the current state of every served type (only once it is
   * loaded: an empty state means "there is nothing", never "not loaded yet"), then the new state of
   * a type each time it changes. Calls may come from any thread.
   *
   * @return a handle that stops delivery
   */
  AutoCloseable watch(Listener listener);

  /** Receives snapshots. */
  @FunctionalInterface
  interface Listener {
    /** The full desired state of one type. */
    void onSnapshot(ResourceType type, Collection<Resource> resources);
  }
}
