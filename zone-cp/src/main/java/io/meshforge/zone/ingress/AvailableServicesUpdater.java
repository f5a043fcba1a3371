package io.meshforge.zone.ingress;

import io.meshforge.model.Resource;
import io.meshforge.model.ResourceTypes;
import io.meshforge.model.WellKnownLabels;
import io.meshforge.model.store.ResourceConflictException;
import io.meshforge.model.store.ResourceNotFoundException;
import io.meshforge.model.store.ResourceStore;
import io.meshforge.model.store.ResourceView;
import io.meshforge.model.store.StoreException;
import io.meshforge.zone.resource.ReconcileLoop;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code AvailableServicesUpdater} writes {@link AvailableServices} into every ZoneIngress of this
 * zone (never into other zones' copies that came from global), only when the list changed. The
 * ZoneIngress then syncs to global and on to the other zones, whose sidecars turn it into
 * cross-zone endpoints.
 *
 * <p>Event driven rather than Kuma's 1 s tick: it runs, debounced, after each change of Dataplanes
 * or ZoneIngresses, on its own thread, reading the change-fed view. Writes use compare-and-swap; a
 * conflict or a store failure schedules another run. Every zone-cp instance runs it; they compute
 * the same list, so a lost race is found done on the next run.
 */
public final class AvailableServicesUpdater implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(AvailableServicesUpdater.class);
  private static final String FIELD = "availableServices";

  private final ResourceStore store;
  private final ResourceView view;
  private final String zone;
  private final ReconcileLoop loop;

  /**
   * @param store where ZoneIngresses are written
   * @param view the loaded, change-fed view
   * @param zone this zone's name
   * @param debounce how long changes are collected before a run
   * @param retry how long after a failed run the next one starts
   */
  public AvailableServicesUpdater(
      ResourceStore store, ResourceView view, String zone, Duration debounce, Duration retry) {
    this.store = store;
    this.view = view;
    this.zone = zone;
    this.loop =
        new ReconcileLoop(
            view,
            Set.of(ResourceTypes.DATAPLANE, ResourceTypes.ZONE_INGRESS),
            "ingress-available-services",
            debounce,
            retry,
            "Updating the ingresses' available services",
            this::reconcile);
  }

  /** Starts watching the view and runs once. */
  public AvailableServicesUpdater start() {
    loop.start();
    return this;
  }

  @Override
  public void close() {
    loop.close();
  }

  /**
   * Brings every local ZoneIngress's {@code availableServices} up to date once.
   *
   * @return {@code false} when some write must be retried
   */
  boolean reconcile() {
    List<Resource> dataplanes =
        view.list(ResourceTypes.DATAPLANE, null).stream().filter(this::ownedByZone).toList();
    ArrayNode services = AvailableServices.of(dataplanes);
    boolean done = true;
    for (Resource ingress : view.list(ResourceTypes.ZONE_INGRESS, null)) {
      if (ownedByZone(ingress) && !services.equals(ingress.spec().path(FIELD))) {
        done &= write(ingress, services);
      }
    }
    return done;
  }

  private boolean write(Resource ingress, ArrayNode services) {
    ObjectNode spec =
        ingress.spec() instanceof ObjectNode object
            ? object.deepCopy()
            : tools.jackson.databind.node.JsonNodeFactory.instance.objectNode();
    spec.set(FIELD, services.deepCopy());
    try {
      store.update(ingress.withSpec(spec));
      log.debug("ZoneIngress {} offers {} service tag sets", ingress.name(), services.size());
      return true;
    } catch (ResourceNotFoundException e) {
      return true; // deregistered meanwhile
    } catch (ResourceConflictException e) {
      return false; // written meanwhile, or the view lags the store: look again
    } catch (StoreException e) {
      log.warn("Cannot update ZoneIngress {}: {}", ingress.name(), e.getMessage());
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
