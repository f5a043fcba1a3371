package io.meshforge.zone.resource;

import io.meshforge.model.Resource;
import io.meshforge.model.ResourceKey;
import io.meshforge.model.ResourceType;
import io.meshforge.model.WellKnownLabels;
import io.meshforge.model.store.ResourceStore;
import io.meshforge.model.validation.ValidationException;
import io.meshforge.model.validation.Violation;
import io.meshforge.rest.CompareAndSwapWrites;
import io.meshforge.rest.ReadOnlyTypeException;
import io.meshforge.rest.ResourceService;
import io.meshforge.zone.config.ZoneName;
import io.meshforge.zone.xds.insight.ProxyInsights;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.stereotype.Service;

/**
 * The write rules of a zone control plane, on top of the store's own contract.
 *
 * <ul>
 *   <li>Types only global creates (Mesh, MeshMultiZoneService, GlobalSecret) and types computed by
 *       the CP (insights) are read-only here (405, saying to change them on global).
 *   <li>Resources that came from global ({@code kuma.io/origin: global}) are read-only, whatever
 *       their type: a local edit would be overwritten by the next sync.
 *   <li>What users write here is the zone's own: it is stamped {@code kuma.io/origin: zone} and
 *       {@code kuma.io/zone: <this zone>}. A user-set {@code kuma.io/origin} must be {@code zone}
 *       and a user-set {@code kuma.io/zone} must name this zone (400 otherwise).
 *   <li>Deleting a Dataplane, ZoneIngress or ZoneEgress deletes its insight too ({@link
 *       ProxyInsights}).
 *   <li>PUT is create-or-update with compare-and-swap against the version just read (ADR 0003);
 *       server-set status is kept across user updates.
 * </ul>
 */
@Service
public class ZoneResourceService implements ResourceService {
  private final ResourceStore store;
  private final String zone;

  public ZoneResourceService(ResourceStore store, ZoneName zone) {
    this.store = store;
    this.zone = zone.value();
  }

  @Override
  public Optional<Resource> get(ResourceKey key) {
    return store.get(key);
  }

  @Override
  public Upserted upsert(Resource incoming) {
    requireWritable(incoming.type());
    Resource labelled = incoming.withLabels(checkedLabels(incoming));
    return CompareAndSwapWrites.upsert(store, labelled, ZoneResourceService::requireZoneOwned);
  }

  @Override
  public void delete(ResourceKey key) {
    requireWritable(key.type());
    CompareAndSwapWrites.delete(store, key, ZoneResourceService::requireZoneOwned);
    ProxyInsights.removeFor(store, key);
  }

  @Override
  public boolean writable(ResourceType type) {
    return !type.systemManaged() && type.providedByZone();
  }

  private static void requireWritable(ResourceType type) {
    ReadOnlyTypeException.requireWritable(
        type,
        type.providedByZone(),
        " is created on the global control plane and synced to zones; it is read-only"
            + " on a zone control plane: change it on global");
  }

  private static void requireZoneOwned(Resource current) {
    if (isGlobalOrigin(current)) {
      throw new ReadOnlyTypeException(
          current.type().name()
              + " '"
              + current.name()
              + "' was synced from the global control plane and is read-only here: change it on"
              + " global");
    }
  }

  /** Returns {@code true} for a copy that KDS brought from global. */
  static boolean isGlobalOrigin(Resource resource) {
    return WellKnownLabels.ORIGIN_GLOBAL.equals(resource.labels().get(WellKnownLabels.ORIGIN));
  }

  private Map<String, String> checkedLabels(Resource resource) {
    Map<String, String> labels = new TreeMap<>(resource.labels());
    List<Violation> violations = new ArrayList<>();
    String origin = labels.get(WellKnownLabels.ORIGIN);
    if (origin != null && !origin.equals(WellKnownLabels.ORIGIN_ZONE)) {
      violations.add(
          new Violation(
              "labels[\"" + WellKnownLabels.ORIGIN + "\"]",
              "must be \"zone\" on a zone control plane (global-origin resources are created on"
                  + " global)"));
    }
    String claimed = labels.get(WellKnownLabels.ZONE);
    if (claimed != null && !claimed.equals(zone)) {
      violations.add(
          new Violation(
              "labels[\"" + WellKnownLabels.ZONE + "\"]",
              "must be \"" + zone + "\", the zone of this control plane (or left out)"));
    }
    if (!violations.isEmpty()) {
      throw new ValidationException(violations);
    }
    labels.put(WellKnownLabels.ORIGIN, WellKnownLabels.ORIGIN_ZONE);
    labels.put(WellKnownLabels.ZONE, zone);
    return labels;
  }
}
