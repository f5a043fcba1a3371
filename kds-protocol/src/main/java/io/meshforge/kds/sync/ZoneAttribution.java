package io.meshforge.kds.sync;

import io.meshforge.model.Resource;
import io.meshforge.model.ResourceTypes;
import io.meshforge.model.WellKnownLabels;
import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code ZoneAttribution} stamps every resource global receives from a zone with the authenticated
 * zone, whatever the payload claims: labels {@code kuma.io/origin=zone} and {@code
 * kuma.io/zone=<zone>}, and the {@code zone} field of ZoneIngress and ZoneEgress specs.
 */
public final class ZoneAttribution implements UnaryOperator<Resource> {

  private final String zone;

  /** Creates the attribution for one authenticated zone. */
  public ZoneAttribution(String zone) {
    this.zone = zone;
  }

  @Override
  public Resource apply(Resource received) {
    Map<String, String> labels = new HashMap<>(received.labels());
    labels.put(WellKnownLabels.ORIGIN, WellKnownLabels.ORIGIN_ZONE);
    labels.put(WellKnownLabels.ZONE, zone);
    Resource attributed = received.withLabels(labels);
    boolean zoneProxy =
        received.type() == ResourceTypes.ZONE_INGRESS
            || received.type() == ResourceTypes.ZONE_EGRESS;
    if (zoneProxy && received.spec() instanceof ObjectNode spec) {
      ObjectNode copy = spec.deepCopy();
      copy.put("zone", zone);
      attributed = attributed.withSpec(copy);
    }
    return attributed;
  }
}
