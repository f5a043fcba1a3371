package io.meshforge.zone.xds.generator;

import com.google.protobuf.Struct;
import com.google.protobuf.UInt32Value;
import com.google.protobuf.Value;
import io.envoyproxy.envoy.config.core.v3.Locality;
import io.envoyproxy.envoy.config.core.v3.Metadata;
import io.envoyproxy.envoy.config.endpoint.v3.LbEndpoint;
import io.envoyproxy.envoy.config.endpoint.v3.LocalityLbEndpoints;
import io.meshforge.zone.xds.context.Destination;
import io.meshforge.zone.xds.context.RemoteZoneEndpoint;
import io.meshforge.zone.xds.envoy.Clusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code CrossZoneEndpoints} builds the localities of a destination's instances in other zones: one
 * locality per remote zone ({@code locality.zone} = that zone), at priority {@link
 * #REMOTE_PRIORITY}, holding that zone's ingress endpoint(s) weighted by the instances they offer.
 * Local endpoints stay at priority 0, so Envoy sends everything to this zone while enough of it is
 * healthy and spills over to the other zones when it is not (overprovisioning factor).
 *
 * <p>Each remote endpoint carries {@code envoy.transport_socket_match} metadata {@value #ZONE_KEY}
 * = its zone, which selects the cluster's transport socket with that zone's server name ({@link
 * io.meshforge.zone.xds.tls.MtlsOutboundSecurity}). All remote zones share one priority for now;
 * MeshLoadBalancingStrategy's ordered failover will spread them over several.
 */
public final class CrossZoneEndpoints {

  /** The priority of every remote zone's locality. */
  public static final int REMOTE_PRIORITY = 1;

  /** The transport-socket-match metadata key naming a remote endpoint's zone. */
  public static final String ZONE_KEY = "forge.io/zone";

  /** The filter metadata namespace Envoy reads transport socket matches from. */
  public static final String SOCKET_MATCH = "envoy.transport_socket_match";

  private CrossZoneEndpoints() {}

  /** Returns the remote localities of a destination, ordered by zone. */
  public static List<LocalityLbEndpoints> localities(Destination destination) {
    Map<String, List<LbEndpoint>> byZone = new TreeMap<>();
    for (RemoteZoneEndpoint remote : destination.remoteEndpoints()) {
      LbEndpoint endpoint =
          Clusters.endpoint(remote.address(), remote.port()).toBuilder()
              .setLoadBalancingWeight(UInt32Value.of(remote.instances()))
              .setMetadata(zoneMetadata(remote.zone()))
              .build();
      byZone.computeIfAbsent(remote.zone(), z -> new ArrayList<>()).add(endpoint);
    }
    List<LocalityLbEndpoints> localities = new ArrayList<>();
    byZone.forEach((zone, endpoints) ->
        localities.add(
            LocalityLbEndpoints.newBuilder()
                .setLocality(Locality.newBuilder().setZone(zone))
                .setPriority(REMOTE_PRIORITY)
                .addAllLbEndpoints(endpoints)
                .build()));
    return localities;
  }

  /** Returns the transport-socket-match criteria selecting the endpoints of {@code zone}. */
  public static Struct zoneMatch(String zone) {
    return Struct.newBuilder()
        .putFields(ZONE_KEY, Value.newBuilder().setStringValue(zone).build())
        .build();
  }

  private static Metadata zoneMetadata(String zone) {
    return Metadata.newBuilder().putFilterMetadata(SOCKET_MATCH, zoneMatch(zone)).build();
  }
}
