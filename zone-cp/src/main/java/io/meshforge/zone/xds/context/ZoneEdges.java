package io.meshforge.zone.xds.context;

import io.meshforge.model.Resource;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * What a mesh's context needs beyond its own Dataplanes, MeshServices and policies to reach past
 * the zone: this zone's name, its zone egresses, the mesh's MeshExternalServices and its
 * MeshMultiZoneServices (ADR 0022).
 *
 * @param zone this zone's name (tells local MeshServices from other zones' copies)
 * @param zoneEgresses every ZoneEgress the zone knows (its own: they do not sync across zones)
 * @param externalServices the mesh's MeshExternalServices
 * @param multiZoneServices the mesh's MeshMultiZoneServices
 */
public record ZoneEdges(
    String zone,
    Collection<Resource> zoneEgresses,
    Collection<Resource> externalServices,
    Collection<Resource> multiZoneServices) {

  /** No egress, no external service, no multi-zone service. */
  public static final ZoneEdges NONE = new ZoneEdges("", List.of(), List.of(), List.of());

  /** Copies the collections. */
  public ZoneEdges {
    Objects.requireNonNull(zone, "zone");
    zoneEgresses = List.copyOf(zoneEgresses);
    externalServices = List.copyOf(externalServices);
    multiZoneServices = List.copyOf(multiZoneServices);
  }
}
