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
 * @param endpoints its instances in a stable order, healthy or not
 */
public record Destination(
    String service, String clusterName, Protocol protocol, List<ServiceEndpoint> endpoints) {

  public Destination {
    endpoints = List.copyOf(endpoints);
  }

  /** Returns the endpoints that may receive traffic. */
  public List<ServiceEndpoint> healthyEndpoints() {
    return endpoints.stream().filter(ServiceEndpoint::healthy).toList();
  }
}
