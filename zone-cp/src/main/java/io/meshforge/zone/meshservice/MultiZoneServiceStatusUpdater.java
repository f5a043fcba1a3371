package io.meshforge.zone.meshservice;

import io.meshforge.model.Resource;
import io.meshforge.model.ResourceTypes;
import io.meshforge.model.store.ResourceConflictException;
import io.meshforge.model.store.ResourceNotFoundException;
import io.meshforge.model.store.ResourceStore;
import io.meshforge.model.store.ResourceView;
import io.meshforge.model.store.StoreException;
import io.meshforge.zone.resource.ReconcileLoop;
import io.meshforge.zone.xds.context.ZoneStates;
import java.time.Duration;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code MultiZoneServiceStatusUpdater} keeps the status of the zone's copies of
 * MeshMultiZoneServices equal to {@link MultiZoneServiceStatus} (each zone computes it, as in
 * Kuma): debounced after each change of MeshServices or MeshMultiZoneServices, on its own thread,
 * written with compare-and-swap only when it differs; a conflict or store failure schedules a
 * retry. Every zone-cp instance runs it: they compute the same status. Zone changes count too: a
 * zone disabled on global drops out of the statuses (ADR 0026).
 */
public final class MultiZoneServiceStatusUpdater implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(MultiZoneServiceStatusUpdater.class);

  private final ResourceStore store;
  private final ResourceView view;
  private final String zone;
  private final ReconcileLoop loop;

  /**
   * @param store where statuses are written
   * @param view the loaded, change-fed view
   * @param zone this zone's name
   * @param debounce how long changes are collected before a run
   * @param retry how long after a failed run the next one starts
   */
  public MultiZoneServiceStatusUpdater(
      ResourceStore store, ResourceView view, String zone, Duration debounce, Duration retry) {
    this.store = store;
    this.view = view;
    this.zone = zone;
    this.loop =
        new ReconcileLoop(
            view,
            Set.of(
                ResourceTypes.MESH_SERVICE,
                ResourceTypes.MESH_MULTI_ZONE_SERVICE,
                ResourceTypes.ZONE),
            "mzsvc-status",
            debounce,
            retry,
            "Updating MeshMultiZoneService statuses",
            this::reconcile);
  }

  /** Starts watching the view and runs once. */
  public MultiZoneServiceStatusUpdater start() {
    loop.start();
    return this;
  }

  @Override
  public void close() {
    loop.close();
  }

  /**
   * Brings every MeshMultiZoneService's status up to date once.
   *
   * @return {@code false} when some write must be retried
   */
  boolean reconcile() {
    boolean done = true;
    ZoneStates zones = ZoneStates.of(zone, view.list(ResourceTypes.ZONE, null));
    for (Resource multiZone : view.list(ResourceTypes.MESH_MULTI_ZONE_SERVICE, null)) {
      ObjectNode status =
          MultiZoneServiceStatus.of(
              multiZone, view.list(ResourceTypes.MESH_SERVICE, multiZone.mesh()), zones);
      if (!status.equals(multiZone.status())) {
        done &= write(multiZone.withStatus(status));
      }
    }
    return done;
  }

  private boolean write(Resource updated) {
    try {
      store.update(updated);
      return true;
    } catch (ResourceNotFoundException e) {
      return true; // deleted meanwhile
    } catch (ResourceConflictException e) {
      return false; // changed meanwhile (e.g. a new copy from global): look again
    } catch (StoreException e) {
      log.warn("Cannot write the status of {}: {}", updated.key(), e.getMessage());
      return false;
    }
  }
}
