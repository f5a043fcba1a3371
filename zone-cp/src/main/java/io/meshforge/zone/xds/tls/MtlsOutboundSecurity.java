package io.meshforge.zone.xds.tls;

import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.meshforge.zone.xds.context.Destination;
import io.meshforge.zone.xds.context.ProxyContext;
import io.meshforge.zone.xds.context.RemoteZoneEndpoint;
import io.meshforge.zone.xds.generator.CrossZoneEndpoints;
import io.meshforge.zone.xds.generator.OutboundSecurity;
import java.util.List;

/**
 * {@code MtlsOutboundSecurity} gives the outbound clusters of proxies in meshes with builtin mTLS
 * ({@link MeshMtls}) the upstream TLS socket: the proxy's identity, the mesh CA, the server's URI
 * SAN exactly {@code spiffe://<mesh>/<service>} and the SNI {@link #sni}. Clusters of meshes
 * without mTLS stay plaintext. Stateless and thread-safe.
 */
public final class MtlsOutboundSecurity implements OutboundSecurity {

  /** The sockets depend on the mesh (its mTLS backend) and the destination only. */
  @Override
  public boolean sameForEveryProxy() {
    return true;
  }

  @Override
  public void secure(ProxyContext proxy, Destination destination, Cluster.Builder cluster) {
    if (!MeshMtls.enabledFor(proxy)) {
      return;
    }
    String mesh = proxy.mesh().mesh();
    cluster.setTransportSocket(
        TransportSockets.outbound(
            mesh, destination.service(), sni(mesh, destination.service()), List.of()));
    // Endpoints in other zones are their ingresses, which route on the server name: one socket
    // per zone, selected by the endpoint's zone metadata (CrossZoneEndpoints).
    RemoteZoneEndpoint.sniByZone(destination.remoteEndpoints())
        .forEach((zone, sni) ->
            cluster.addTransportSocketMatches(
                Cluster.TransportSocketMatch.newBuilder()
                    .setName("zone:" + zone)
                    .setMatch(CrossZoneEndpoints.zoneMatch(zone))
                    .setTransportSocket(
                        TransportSockets.outbound(mesh, destination.service(), sni, List.of()))));
  }

  /**
   * Returns the server name sent to a destination, the shape Kuma's zone ingresses route on.
   *
   * @param mesh the mesh
   * @param service the destination service
   * @return {@code <service>{mesh=<mesh>}}
   */
  public static String sni(String mesh, String service) {
    return service + "{mesh=" + mesh + "}";
  }
}
