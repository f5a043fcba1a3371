package io.meshforge.zone.xds.context;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The part of a {@link MeshContext} that reaches past the zone's own instances (ADR 0022): the
 * egress decision, this zone's egresses, the cross-zone routes an egress serves, and the resolved
 * MeshExternalServices and MeshMultiZoneServices. Immutable.
 *
 * @param throughEgress whether sidecars send cross-zone and external traffic to the egresses
 * @param egresses this zone's egresses
 * @param egressRoutes per {@code kuma.io/service}, its remote ingress endpoints (empty unless
 *     {@code throughEgress})
 * @param externalServices MeshExternalServices by name
 * @param multiZoneServices MeshMultiZoneService destinations by name then port
 */
record MeshReach(
    boolean throughEgress,
    List<EgressAddress> egresses,
    Map<String, List<RemoteZoneEndpoint>> egressRoutes,
    Map<String, ExternalService> externalServices,
    Map<String, Map<Integer, Destination>> multiZoneServices) {

  MeshReach {
    egresses = List.copyOf(egresses);
    // Sorted copies: generators iterate them, and equal inputs must give equal output.
    egressRoutes = Collections.unmodifiableMap(new TreeMap<>(egressRoutes));
    externalServices = Collections.unmodifiableMap(new TreeMap<>(externalServices));
    multiZoneServices = Collections.unmodifiableMap(new TreeMap<>(multiZoneServices));
  }
}
