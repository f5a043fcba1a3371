package io.meshforge.zone.xds.context;

import java.util.List;
import java.util.Map;

/**
 * {@code DestinationShape} is everything of a {@link Destination} but its endpoints: what the
 * clusters, listeners and routes reaching it are built from. Two destinations of equal shape differ
 * at most in their ClusterLoadAssignments (local endpoints and their health and tags, the remote
 * ingresses' addresses and instance counts), which is what lets the reconciler send EDS alone.
 *
 * @param service the destination's service
 * @param clusterName its cluster name
 * @param protocol its protocol
 * @param sniByZone the server name used towards each remote zone (a transport socket match each)
 */
record DestinationShape(
    String service, String clusterName, Protocol protocol, Map<String, String> sniByZone) {

  static DestinationShape of(Destination destination) {
    return new DestinationShape(
        destination.service(),
        destination.clusterName(),
        destination.protocol(),
        RemoteZoneEndpoint.sniByZone(destination.remoteEndpoints()));
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

  /** The zones and server names of remote endpoints by service, without addresses or counts. */
  static Map<String, Map<String, String>> ofRoutes(Map<String, List<RemoteZoneEndpoint>> routes) {
    Map<String, Map<String, String>> shapes = new java.util.HashMap<>();
    routes.forEach(
        (service, remotes) -> shapes.put(service, RemoteZoneEndpoint.sniByZone(remotes)));
    return shapes;
  }
}
