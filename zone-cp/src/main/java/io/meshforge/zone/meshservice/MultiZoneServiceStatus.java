package io.meshforge.zone.meshservice;

import io.meshforge.model.Resource;
import io.meshforge.model.WellKnownLabels;
import io.meshforge.model.spec.MeshMultiZoneServiceSpec;
import io.meshforge.model.validation.SchemaWalker;
import io.meshforge.model.validation.ViolationCollector;
import io.meshforge.zone.xds.context.MultiZoneServiceSelector;
import io.meshforge.zone.xds.context.ZoneStates;
import java.util.Collection;
import java.util.List;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code MultiZoneServiceStatus} computes the status a zone gives a MeshMultiZoneService (ADR 0022,
 * Kuma's shape): {@code meshServices: [{name, namespace, zone, mesh}]} for every MeshService it
 * selects (by display name, with the zone it comes from; this zone's own ones carry this zone), and
 * a condition {@code MeshServicesMatched} that is {@code True} when it selects at least one.
 * Another zone's MeshServices do not count while that zone is disabled on global (ADR 0026). Pure.
 */
public final class MultiZoneServiceStatus {

  /** The condition type telling whether any MeshService is selected. */
  public static final String MATCHED = "MeshServicesMatched";

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private MultiZoneServiceStatus() {}

  /**
   * Returns the status of one MeshMultiZoneService.
   *
   * @param multiZoneService the MeshMultiZoneService
   * @param meshServices the MeshServices of its mesh this zone knows
   * @param zones this zone's name and the zones disabled on global
   */
  public static ObjectNode of(
      Resource multiZoneService, Collection<Resource> meshServices, ZoneStates zones) {
    String zone = zones.local();
    MeshMultiZoneServiceSpec spec =
        SchemaWalker.bind(
            multiZoneService.spec(), MeshMultiZoneServiceSpec.class, ViolationCollector.root());
    List<Resource> matched =
        spec == null
            ? List.<Resource>of()
            : MultiZoneServiceSelector.matched(spec, meshServices).stream()
                .filter(ms -> counts(ms, zones))
                .toList();
    ObjectNode status = NODES.objectNode();
    ArrayNode list = status.putArray("meshServices");
    for (Resource meshService : matched) {
      list.addObject()
          .put("name", MultiZoneServiceSelector.displayName(meshService))
          .put("namespace", "")
          .put("zone", meshService.labels().getOrDefault(WellKnownLabels.ZONE, zone))
          .put("mesh", meshService.mesh());
    }
    boolean any = !matched.isEmpty();
    status
        .putArray("conditions")
        .addObject()
        .put("type", MATCHED)
        .put("status", any ? "True" : "False")
        .put("reason", any ? "Matched" : "NotMatched")
        .put("message", any ? "" : "the selector selects no MeshService this zone knows of");
    return status;
  }

  private static boolean counts(Resource meshService, ZoneStates zones) {
    String owner = meshService.labels().getOrDefault(WellKnownLabels.ZONE, "");
    return owner.isEmpty() || owner.equals(zones.local()) || zones.enabled(owner);
  }
}
