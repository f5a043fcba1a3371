package io.meshforge.zone.xds.tls;

import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.meshforge.zone.xds.context.Destination;
import io.meshforge.zone.xds.context.ProxyContext;
import io.meshforge.zone.xds.generator.OutboundSecurity;
import java.util.List;

/**
 * {@code MtlsOutboundSecurity} gives the outbound clusters of proxies in meshes with builtin mTLS
 * ({@link MeshMtls}) the upstream TLS socket: the proxy's identity, the mesh CA, the server's URI
 * SAN exactly {@code spiffe://<mesh>/<service>} and the SNI {@link #sni}, or the hostname of the
 * endpoint connected to when it has one (a remote zone's server name, {@code CrossZoneEndpoints}).
 * Clusters of meshes without mTLS stay plaintext. Stateless and thread-safe.
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
    // One socket for every endpoint: a remote one (another zone's ingress, or the local egress
    // towards it) carries the server name that zone routes on as its hostname, which the socket
    // sends instead of sni() (auto_host_sni). Not one socket match per remote zone: the zones
    // offering the service would then be part of the cluster, and a zone starting or stopping
    // to offer it would regenerate every consumer whole instead of its endpoints (ADR 0032).
    cluster.setTransportSocket(
        TransportSockets.outbound(
            mesh, destination.service(), sni(mesh, destination.service()), List.of()));
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
