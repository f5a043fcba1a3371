package io.meshforge.zone.meshservice;

import io.meshforge.model.Resource;
import io.meshforge.model.ResourceKey;
import io.meshforge.model.ResourceTypes;
import io.meshforge.model.WellKnownLabels;
import io.meshforge.model.store.OwnerNotFoundException;
import io.meshforge.model.store.ResourceAlreadyExistsException;
import io.meshforge.model.store.ResourceConflictException;
import io.meshforge.model.store.ResourceNotFoundException;
import io.meshforge.model.store.ResourceStore;
import io.meshforge.model.store.ResourceView;
import io.meshforge.model.store.StoreException;
import io.meshforge.zone.resource.ReconcileLoop;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code MeshServiceGenerator} keeps the zone's generated MeshServices equal to what its Dataplanes
 * imply ({@link GeneratedMeshServices}): it creates the missing ones, updates those whose spec
 * changed and deletes generated ones no Dataplane backs any more. MeshServices it did not generate
 * (no {@code kuma.io/managed-by: meshservice-generator}) are never touched, and a user's
 * MeshService of the same name wins. Generated ones are zone-origin, so they sync to global.
 *
 * <p>It reads the change-fed view and runs, debounced, after each change of Dataplanes or
 * MeshServices, on its own thread. Writes go to the store with compare-and-swap; a conflict or a
 * store failure schedules another run ({@code retry} later). Every zone-cp instance on one database
 * runs it: they compute the same result, and a losing concurrent write is simply redone or found
 * done on the next run.
 */
public final class MeshServiceGenerator implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(MeshServiceGenerator.class);

  private final ResourceStore store;
  private final ResourceView view;
  private final String zone;
  private final ReconcileLoop loop;

  /**
   * @param store where MeshServices are written
   * @param view the loaded, change-fed view
   * @param zone this zone's name
   * @param debounce how long changes are collected before a run
   * @param retry how long after a failed run the next one starts
   */
  public MeshServiceGenerator(
      ResourceStore store, ResourceView view, String zone, Duration debounce, Duration retry) {
    this.store = store;
    this.view = view;
    this.zone = zone;
    this.loop =
        new ReconcileLoop(
            view,
            Set.of(ResourceTypes.DATAPLANE, ResourceTypes.MESH_SERVICE),
            "meshservice-generator",
            debounce,
            retry,
            "Generating MeshServices",
            this::reconcile);
  }

  /** Starts watching the view and runs once. */
  public MeshServiceGenerator start() {
    loop.start();
    return this;
  }

  @Override
  public void close() {
    loop.close();
  }

  /**
   * Makes the generated MeshServices match the Dataplanes once.
   *
   * @return {@code false} when some write must be retried
   */
  boolean reconcile() {
    List<Resource> dataplanes =
        view.list(ResourceTypes.DATAPLANE, null).stream().filter(this::ownedByZone).toList();
    Map<ResourceKey, ObjectNode> desired = GeneratedMeshServices.desired(dataplanes);
    boolean done = true;
    for (var entry : desired.entrySet()) {
      done &= write(entry.getKey(), entry.getValue());
    }
    for (Resource existing : view.list(ResourceTypes.MESH_SERVICE, null)) {
      if (GeneratedMeshServices.isGenerated(existing)
          && ownedByZone(existing)
          && !desired.containsKey(existing.key())) {
        done &= delete(existing);
      }
    }
    return done;
  }

  private boolean write(ResourceKey key, ObjectNode spec) {
    Optional<Resource> current = view.get(key);
    try {
      if (current.isEmpty()) {
        store.create(Resource.of(key, GeneratedMeshServices.labels(zone), spec));
        log.info("Generated MeshService {}/{}", key.mesh(), key.name());
      } else if (GeneratedMeshServices.isGenerated(current.get())
          && !current.get().spec().equals(spec)) {
        store.update(current.get().withSpec(spec));
      }
      return true;
    } catch (OwnerNotFoundException e) {
      return true; // the mesh is gone; its Dataplanes go with it
    } catch (ResourceAlreadyExistsException | ResourceConflictException e) {
      return false; // another writer, or the view lags the store: look again
    } catch (StoreException e) {
      log.warn("Cannot write MeshService {}/{}: {}", key.mesh(), key.name(), e.getMessage());
      return false;
    }
  }

  private boolean delete(Resource existing) {
    try {
      // No compare-and-swap delete in the store: re-read so a user's replacement is never deleted.
      Optional<Resource> stored = store.get(existing.key());
      if (stored.isEmpty() || !GeneratedMeshServices.isGenerated(stored.get())) {
        return true;
      }
      store.delete(existing.key());
      log.info(
          "Deleted MeshService {}/{}: no Dataplane has its tag", existing.mesh(), existing.name());
      return true;
    } catch (ResourceNotFoundException e) {
      return true;
    } catch (StoreException e) {
      log.warn("Cannot delete MeshService {}: {}", existing.key(), e.getMessage());
      return false;
    }
  }

  /** This zone's own resources: not a copy that came from global. */
  private boolean ownedByZone(Resource resource) {
    Map<String, String> labels = resource.labels();
    return !WellKnownLabels.ORIGIN_GLOBAL.equals(labels.get(WellKnownLabels.ORIGIN))
        && zone.equals(labels.getOrDefault(WellKnownLabels.ZONE, zone));
  }
}
