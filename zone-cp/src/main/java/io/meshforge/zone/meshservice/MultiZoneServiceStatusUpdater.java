package io.meshforge.zone.meshservice;

import io.meshforge.model.Resource;
import io.meshforge.model.ResourceTypes;
import io.meshforge.model.store.ResourceChange;
import io.meshforge.model.store.ResourceConflictException;
import io.meshforge.model.store.ResourceNotFoundException;
import io.meshforge.model.store.ResourceStore;
import io.meshforge.model.store.ResourceView;
import io.meshforge.model.store.StoreException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code MultiZoneServiceStatusUpdater} keeps the status of the zone's copies of
 * MeshMultiZoneServices equal to {@link MultiZoneServiceStatus} (each zone computes it, as in
 * Kuma): debounced after each change of MeshServices or MeshMultiZoneServices, on its own thread,
 * written with compare-and-swap only when it differs; a conflict or store failure schedules a
 * retry. Every zone-cp instance runs it: they compute the same status.
 */
public final class MultiZoneServiceStatusUpdater implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(MultiZoneServiceStatusUpdater.class);

  private final ResourceStore store;
  private final ResourceView view;
  private final String zone;
  private final Duration debounce;
  private final Duration retry;
  private final ScheduledExecutorService thread =
      Executors.newSingleThreadScheduledExecutor(
          r -> Thread.ofPlatform().name("mzsvc-status").daemon().unstarted(r));
  private final AtomicBoolean scheduled = new AtomicBoolean();
  private final ResourceView.Listener listener = this::onChanges;

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
    this.debounce = debounce;
    this.retry = retry;
  }

  /** Starts watching the view and runs once. */
  public MultiZoneServiceStatusUpdater start() {
    view.addListener(listener);
    schedule(Duration.ZERO);
    return this;
  }

  @Override
  public void close() {
    view.removeListener(listener);
    thread.shutdownNow();
  }

  private void onChanges(List<ResourceChange> changes) {
    for (ResourceChange change : changes) {
      if (change.key().type() == ResourceTypes.MESH_SERVICE
          || change.key().type() == ResourceTypes.MESH_MULTI_ZONE_SERVICE) {
        schedule(debounce);
        return;
      }
    }
  }

  private void schedule(Duration delay) {
    if (scheduled.compareAndSet(false, true)) {
      try {
        thread.schedule(this::run, delay.toMillis(), TimeUnit.MILLISECONDS);
      } catch (RejectedExecutionException e) {
        scheduled.set(false); // closed
      }
    }
  }

  private void run() {
    scheduled.set(false);
    try {
      if (!reconcile()) {
        schedule(retry);
      }
    } catch (RuntimeException e) {
      log.warn("Updating MeshMultiZoneService statuses failed; retrying in {}", retry, e);
      schedule(retry);
    }
  }

  /**
   * Brings every MeshMultiZoneService's status up to date once.
   *
   * @return {@code false} when some write must be retried
   */
  boolean reconcile() {
    boolean done = true;
    for (Resource multiZone : view.list(ResourceTypes.MESH_MULTI_ZONE_SERVICE, null)) {
      ObjectNode status =
          MultiZoneServiceStatus.of(
              multiZone, view.list(ResourceTypes.MESH_SERVICE, multiZone.mesh()), zone);
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
