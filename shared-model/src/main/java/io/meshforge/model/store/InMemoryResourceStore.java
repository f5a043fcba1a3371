package io.meshforge.model.store;

import io.meshforge.model.Resource;
import io.meshforge.model.ResourceKey;
import io.meshforge.model.ResourceType;
import io.meshforge.model.ResourceTypes;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * {@code InMemoryResourceStore} keeps resources in memory: the store of a zone control plane in
 * development, and the reference implementation of the {@link ResourceStore} contract.
 *
 * <p>Thread-safe: every operation holds the store's monitor, so each write is atomic and writes are
 * totally ordered. JSON trees are deep-copied on the way in and out, so callers can never change
 * what is stored. Timestamps are truncated to microseconds, as PostgreSQL stores them.
 *
 * <p>Its {@link #view()} is fed synchronously: when a write returns, the view already shows it.
 *
 * <p>Its {@link #epoch()} is new for each instance: the data does not outlive it either.
 */
public final class InMemoryResourceStore implements ResourceStore, StoreIdentity {

  private static final Comparator<ResourceKey> MESH_THEN_NAME =
      Comparator.comparing(ResourceKey::mesh).thenComparing(ResourceKey::name);

  private final Clock clock;
  private final UUID epoch = UUID.randomUUID();
  private final ResourceView view = new ResourceView();
  private final Map<ResourceType, TreeMap<ResourceKey, Resource>> byType =
      new TreeMap<>(Comparator.comparing(ResourceType::name));

  /** Owners besides the Mesh (child → owner), set by {@link ResourceWrite.Put}. */
  private final Map<ResourceKey, ResourceKey> owners = new HashMap<>();

  /** Guarded by {@code this}. */
  private long revision;

  /** Returns a store using the system clock. */
  public InMemoryResourceStore() {
    this(Clock.systemUTC());
  }

  /** Returns a store using a clock of the caller's choice (for tests). */
  public InMemoryResourceStore(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Returns this instance's epoch, generated when it was created. */
  @Override
  public UUID epoch() {
    return epoch;
  }

  /** Returns the view this store feeds synchronously, inside each write. */
  public ResourceView view() {
    return view;
  }

  @Override
  public synchronized Optional<Resource> get(ResourceKey key) {
    return Optional.ofNullable(table(key.type()).get(key)).map(InMemoryResourceStore::copy);
  }

  @Override
  public synchronized ResourcePage list(ResourceQuery query) {
    ResourcePage page = ResourceListing.page(List.copyOf(table(query.type()).values()), query);
    return new ResourcePage(
        page.items().stream().map(InMemoryResourceStore::copy).toList(), page.total(), page.next());
  }

  @Override
  public synchronized Resource create(Resource resource) {
    if (resource.version() != 0) {
      throw new IllegalArgumentException("a new resource must have version 0: " + resource.key());
    }
    ResourceKey key = resource.key();
    Optional<ResourceKey> owner = key.meshOwner();
    if (owner.isPresent() && !table(ResourceTypes.MESH).containsKey(owner.get())) {
      throw new OwnerNotFoundException("mesh " + key.mesh() + " does not exist (" + key + ")");
    }
    if (table(key.type()).containsKey(key)) {
      throw new ResourceAlreadyExistsException(key + " already exists");
    }
    Instant now = now();
    Resource stored = copy(resource).stored(1, now, now);
    // The view gets its own copies: its readers share them, the table's must stay private.
    table(key.type()).put(key, stored);
    view.apply(
        List.of(ResourceChange.upsert(++revision, ResourceChange.Operation.CREATE, copy(stored))));
    return copy(stored);
  }

  @Override
  public synchronized Resource update(Resource resource) {
    ResourceKey key = resource.key();
    Resource current = table(key.type()).get(key);
    if (current == null) {
      throw new ResourceNotFoundException(key + " does not exist");
    }
    if (current.version() != resource.version()) {
      throw new ResourceConflictException(
          key
              + " was changed concurrently: version "
              + resource.version()
              + " is stale, stored is "
              + current.version());
    }
    Resource stored = copy(resource).stored(current.version() + 1, current.creationTime(), now());
    table(key.type()).put(key, stored);
    view.apply(
        List.of(ResourceChange.upsert(++revision, ResourceChange.Operation.UPDATE, copy(stored))));
    return copy(stored);
  }

  @Override
  public synchronized void delete(ResourceKey key) {
    if (!table(key.type()).containsKey(key)) {
      throw new ResourceNotFoundException(key + " does not exist");
    }
    List<ResourceChange> changes = new ArrayList<>();
    deleteWithOwned(key, changes);
    view.apply(changes);
  }

  @Override
  public synchronized void delete(ResourceKey key, long version) {
    Resource stored = table(key.type()).get(key);
    if (stored == null) {
      throw new ResourceNotFoundException(key + " does not exist");
    }
    if (stored.version() != version) {
      throw new ResourceConflictException(
          key
              + " was changed concurrently: version "
              + version
              + " is stale, stored is "
              + stored.version());
    }
    List<ResourceChange> changes = new ArrayList<>();
    deleteWithOwned(key, changes);
    view.apply(changes);
  }

  @Override
  public synchronized List<Resource> applyAll(List<ResourceWrite> writes) {
    // All or nothing: check every put's owners against the state the batch builds up before
    // touching anything, so a failing batch leaves no trace.
    Set<ResourceKey> present = new HashSet<>();
    for (ResourceWrite write : writes) {
      switch (write) {
        case ResourceWrite.Put put -> {
          for (ResourceKey owner : ownersOf(put)) {
            if (!present.contains(owner) && !table(owner.type()).containsKey(owner)) {
              throw new OwnerNotFoundException(
                  owner + " does not exist (owner of " + put.key() + ")");
            }
          }
          present.add(put.key());
        }
        case ResourceWrite.Remove remove -> present.remove(remove.key());
      }
    }
    List<Resource> stored = new ArrayList<>();
    List<ResourceChange> changes = new ArrayList<>();
    for (ResourceWrite write : writes) {
      switch (write) {
        case ResourceWrite.Put put -> stored.add(copy(put(put, changes)));
        case ResourceWrite.Remove remove -> {
          if (table(remove.key().type()).containsKey(remove.key())) {
            deleteWithOwned(remove.key(), changes);
          }
        }
      }
    }
    view.apply(changes);
    return stored;
  }

  private Resource put(ResourceWrite.Put put, List<ResourceChange> changes) {
    ResourceKey key = put.key();
    Resource current = table(key.type()).get(key);
    if (put.owner() != null) {
      owners.put(key, put.owner());
    } else {
      owners.remove(key);
    }
    if (current != null
        && current.labels().equals(put.resource().labels())
        && current.spec().equals(put.resource().spec())
        && current.status().equals(put.resource().status())) {
      return current;
    }
    Instant now = now();
    Resource stored =
        current == null
            ? copy(put.resource()).stored(1, now, now)
            : copy(put.resource()).stored(current.version() + 1, current.creationTime(), now);
    table(key.type()).put(key, stored);
    ResourceChange.Operation op =
        current == null ? ResourceChange.Operation.CREATE : ResourceChange.Operation.UPDATE;
    changes.add(ResourceChange.upsert(++revision, op, copy(stored)));
    return stored;
  }

  private static List<ResourceKey> ownersOf(ResourceWrite.Put put) {
    List<ResourceKey> keys = new ArrayList<>();
    put.key().meshOwner().ifPresent(keys::add);
    if (put.owner() != null) {
      keys.add(put.owner());
    }
    return keys;
  }

  /** Deletes a stored resource and, first, everything it owns (recursively). */
  private void deleteWithOwned(ResourceKey key, List<ResourceChange> changes) {
    List<ResourceKey> owned = new ArrayList<>();
    for (var table : byType.values()) {
      for (ResourceKey candidate : table.keySet()) {
        boolean inMesh =
            key.type() == ResourceTypes.MESH
                && candidate.type().meshScoped()
                && candidate.mesh().equals(key.name());
        if (inMesh || key.equals(owners.get(candidate))) {
          owned.add(candidate);
        }
      }
    }
    for (ResourceKey child : owned) {
      if (table(child.type()).containsKey(child)) {
        deleteWithOwned(child, changes);
      }
    }
    table(key.type()).remove(key);
    owners.remove(key);
    changes.add(ResourceChange.deleted(++revision, key));
  }

  private TreeMap<ResourceKey, Resource> table(ResourceType type) {
    return byType.computeIfAbsent(type, t -> new TreeMap<>(MESH_THEN_NAME));
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }

  private static Resource copy(Resource resource) {
    JsonNode spec = resource.spec().deepCopy();
    JsonNode status = resource.status().deepCopy();
    return new Resource(
        resource.key(),
        resource.labels(),
        spec,
        status,
        resource.version(),
        resource.creationTime(),
        resource.modificationTime());
  }
}
