package io.meshforge.zone.xds.generator;

import com.google.protobuf.UInt32Value;
import io.envoyproxy.envoy.config.core.v3.Locality;
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
 * <p>Each remote endpoint carries its server name ({@link RemoteZoneEndpoint#sni()}) as its {@code
 * hostname}; the cluster's one TLS socket sends the hostname of the endpoint it connects to ({@code
 * auto_host_sni}, {@link io.meshforge.zone.xds.tls.TransportSockets#outbound}) and its own server
 * name to local endpoints, which carry none. So which zones offer a service is in the endpoints
 * alone, never in the cluster (ADR 0032). All remote zones share one priority here;
 * MeshLoadBalancingStrategy's ordered failover spreads them over several.
 */
public final class CrossZoneEndpoints {

  /** The priority of every remote zone's locality. */
  public static final int REMOTE_PRIORITY = 1;

  private CrossZoneEndpoints() {}

  /** Returns the remote localities of a destination, ordered by zone. */
  public static List<LocalityLbEndpoints> localities(Destination destination) {
    Map<String, List<LbEndpoint>> byZone = new TreeMap<>();
    for (RemoteZoneEndpoint remote : destination.remoteEndpoints()) {
      LbEndpoint.Builder endpoint =
          Clusters.endpoint(remote.address(), remote.port()).toBuilder()
              .setLoadBalancingWeight(UInt32Value.of(remote.instances()));
      endpoint.getEndpointBuilder().setHostname(remote.sni());
      byZone.computeIfAbsent(remote.zone(), z -> new ArrayList<>()).add(endpoint.build());
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
}
