package io.meshforge.model.store;

import io.meshforge.model.Resource;
import io.meshforge.model.ResourceKey;
import io.meshforge.model.ResourceType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code ResourceView} is an in-memory copy of a whole store, kept current by a change feed. KDS
 * and xDS read from a view, never from the database per request.
 *
 * <p>Thread confinement: any number of threads may read ({@link #get}, {@link #list}, {@link
 * #revision}) at any time without locking; reads never block and see each resource either before or
 * after a change, never half-applied. Writes ({@link #apply}, {@link #replaceAll}) are serialised
 * by the view's monitor: one feed thread normally calls them. Listeners run on the writing thread,
 * while the monitor is held, after a batch is fully applied and in the order the batches were
 * applied; they must be quick and must not write to the view.
 *
 * <p>Resources in a view are shared with every reader: treat their JSON trees as immutable.
 */
public final class ResourceView {

  /** {@code Listener} is told about every batch of changes applied to a view. */
  @FunctionalInterface
  public interface Listener {
    /**
     * Called after a batch was applied; {@code changes} is never empty.
     *
     * @param changes the changes, in the order applied
     */
    void onChanges(List<ResourceChange> changes);
  }

  private static final Logger LOG = LoggerFactory.getLogger(ResourceView.class);
  // Spelled out rather than Comparator.comparing(..).thenComparing(..): every put of the feed
  // thread runs it about log2(n) times, and the composed key-extractor lambdas showed up in the
  // feed thread's profile (B4).
  private static final Comparator<ResourceKey> MESH_THEN_NAME =
      (a, b) -> {
        int byMesh = a.mesh().compareTo(b.mesh());
        return byMesh != 0 ? byMesh : a.name().compareTo(b.name());
      };

  /** Per type, resources ordered by mesh then name. */
  private final Map<ResourceType, ConcurrentSkipListMap<ResourceKey, Resource>> byType =
      new ConcurrentHashMap<>();

  private final List<Listener> listeners = new CopyOnWriteArrayList<>();
  private volatile long revision;

  /** Returns the resource with this key, if the view holds it. */
  public Optional<Resource> get(ResourceKey key) {
    var ofType = byType.get(key.type());
    return ofType == null ? Optional.empty() : Optional.ofNullable(ofType.get(key));
  }

  /**
   * Returns the resources of a type, ordered by mesh and then name.
   *
   * @param mesh only this mesh, or {@code null} for all meshes
   */
  public List<Resource> list(ResourceType type, String mesh) {
    var ofType = byType.get(type);
    if (ofType == null) {
      return List.of();
    }
    Collection<Resource> values;
    if (mesh == null) {
      values = ofType.values();
    } else {
      // Keys of one mesh are contiguous in mesh-then-name order.
      values =
          ofType
              .subMap(
                  new ResourceKey(type, mesh, ""),
                  true,
                  new ResourceKey(type, mesh + '\0', ""),
                  false)
              .values();
    }
    return List.copyOf(values);
  }

  /** Returns how many resources the view holds. */
  public int size() {
    return byType.values().stream().mapToInt(Map::size).sum();
  }

  /**
   * Returns the revision of the store the view reflects: the highest revision applied (or the one
   * given to the last {@link #replaceAll}).
   */
  public long revision() {
    return revision;
  }

  /** Registers a listener for every later batch. */
  public void addListener(Listener listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
  }

  /** Unregisters a listener. */
  public void removeListener(Listener listener) {
    listeners.remove(listener);
  }

  /**
   * Applies a batch of changes in order and then notifies the listeners once.
   *
   * <p>A change carries the resource as it is after the change, so re-applying a change (a feed
   * retrying after a failure) is harmless.
   */
  public synchronized void apply(List<ResourceChange> changes) {
    if (changes.isEmpty()) {
      return;
    }
    long highest = revision;
    for (ResourceChange change : changes) {
      put(change.key(), change.resource());
      highest = Math.max(highest, change.revision());
    }
    revision = highest;
    notifyListeners(List.copyOf(changes));
  }

  /**
   * Replaces the whole content (a resync) and notifies the listeners of the difference, as changes
   * with revision 0.
   *
   * @param resources everything the store holds
   * @param newRevision the store revision the content reflects
   */
  public synchronized void replaceAll(Collection<Resource> resources, long newRevision) {
    Map<ResourceKey, Resource> incoming = new HashMap<>();
    for (Resource resource : resources) {
      incoming.put(resource.key(), resource);
    }
    List<ResourceChange> diff = new ArrayList<>();
    for (var ofType : byType.values()) {
      for (ResourceKey key : ofType.keySet()) {
        if (!incoming.containsKey(key)) {
          ofType.remove(key);
          diff.add(ResourceChange.deleted(0, key));
        }
      }
    }
    for (Resource resource : incoming.values()) {
      Resource previous = put(resource.key(), resource);
      if (previous == null) {
        diff.add(ResourceChange.upsert(0, ResourceChange.Operation.CREATE, resource));
      } else if (!previous.equals(resource)) {
        diff.add(ResourceChange.upsert(0, ResourceChange.Operation.UPDATE, resource));
      }
    }
    revision = newRevision;
    if (!diff.isEmpty()) {
      notifyListeners(diff);
    }
  }

  private Resource put(ResourceKey key, Resource resource) {
    var ofType =
        byType.computeIfAbsent(key.type(), t -> new ConcurrentSkipListMap<>(MESH_THEN_NAME));
    return resource == null ? ofType.remove(key) : ofType.put(key, resource);
  }

  private void notifyListeners(List<ResourceChange> changes) {
    for (Listener listener : listeners) {
      try {
        listener.onChanges(changes);
      } catch (RuntimeException e) {
        // One broken consumer must not stop the feed or starve the others.
        LOG.error("resource view listener {} failed", listener, e);
      }
    }
  }
}
