package io.meshforge.zone.xds.context;

import java.util.Map;

/**
 * {@code DestinationShape} is everything of a {@link Destination} but its endpoints: what the
 * clusters, listeners and routes reaching it are built from. Two destinations of equal shape differ
 * at most in their ClusterLoadAssignments (local endpoints and their health and tags, which remote
 * zones offer it, their ingresses' addresses and instance counts), which is what lets the
 * reconciler send EDS alone.
 *
 * <p>Remote endpoints are not part of the shape: each carries its zone's server name as its
 * hostname, which the cluster's one TLS socket sends (ADR 0032), so the cluster does not depend on
 * which zones offer the destination.
 *
 * @param service the destination's service (the SPIFFE ID its TLS socket checks)
 * @param clusterName its cluster name
 * @param protocol its protocol
 */
record DestinationShape(String service, String clusterName, Protocol protocol) {

  static DestinationShape of(Destination destination) {
    return new DestinationShape(
        destination.service(), destination.clusterName(), destination.protocol());
  }

  /** The shapes of a map's destinations, under the same keys. */
  static <K> Map<K, DestinationShape> of(Map<K, Destination> destinations) {
    Map<K, DestinationShape> shapes = new java.util.HashMap<>();
    destinations.forEach((key, destination) -> shapes.put(key, of(destination)));
    return shapes;
  }

  /** The shapes of a map of maps of destinations (MeshService or MeshMultiZoneService ports). */
  static Map<String, Map<Integer, DestinationShape>> ofPorts(
      Map<String, Map<Integer, Destination>> destinations) {
    Map<String, Map<Integer, DestinationShape>> shapes = new java.util.HashMap<>();
    destinations.forEach((name, ports) -> shapes.put(name, of(ports)));
    return shapes;
  }
}
