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
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
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
 */
public final class InMemoryResourceStore implements ResourceStore {

  private static final Comparator<ResourceKey> MESH_THEN_NAME =
      Comparator.comparing(ResourceKey::mesh).thenComparing(ResourceKey::name);

  private final Clock clock;
  private final ResourceView view = new ResourceView();
  private final Map<ResourceType, TreeMap<ResourceKey, Resource>> byType =
      new TreeMap<>(Comparator.comparing(ResourceType::name));

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
    if (table(key.type()).remove(key) == null) {
      throw new ResourceNotFoundException(key + " does not exist");
    }
    List<ResourceChange> changes = new ArrayList<>();
    if (key.type() == ResourceTypes.MESH) {
      // The Mesh owns every resource in it: delete them in the same atomic step.
      for (var table : byType.values()) {
        var owned = table.keySet().stream().filter(k -> k.mesh().equals(key.name())).toList();
        for (ResourceKey ownedKey : owned) {
          table.remove(ownedKey);
          changes.add(ResourceChange.deleted(++revision, ownedKey));
        }
      }
    }
    changes.add(ResourceChange.deleted(++revision, key));
    view.apply(changes);
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
