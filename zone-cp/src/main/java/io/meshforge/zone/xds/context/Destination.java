package io.meshforge.zone.xds.context;

import java.util.List;

/**
 * A service an outbound reaches, resolved once per mesh change: the Envoy cluster that carries its
 * traffic and its endpoints.
 *
 * @param service what the user named: the {@code kuma.io/service} value (legacy outbound) or the
 *     MeshService name
 * @param clusterName the Envoy cluster (and ClusterLoadAssignment) name, from {@code EnvoyNames}
 * @param protocol the protocol spoken to it
 * @param endpoints its instances in this zone in a stable order, healthy or not
 * @param remoteEndpoints its instances in other zones, one per remote ingress, ordered by zone then
 *     address (empty when the mesh has no mTLS: an ingress routes only TLS, on its server name)
 */
public record Destination(
    String service,
    String clusterName,
    Protocol protocol,
    List<ServiceEndpoint> endpoints,
    List<RemoteZoneEndpoint> remoteEndpoints) {

  public Destination {
    endpoints = List.copyOf(endpoints);
    remoteEndpoints = List.copyOf(remoteEndpoints);
  }

  /** A destination served in this zone only. */
  public Destination(
      String service, String clusterName, Protocol protocol, List<ServiceEndpoint> endpoints) {
    this(service, clusterName, protocol, endpoints, List.of());
  }

  /** Returns the endpoints that may receive traffic. */
  public List<ServiceEndpoint> healthyEndpoints() {
    return endpoints.stream().filter(ServiceEndpoint::healthy).toList();
  }
}
