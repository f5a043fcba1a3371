package io.meshforge.zone.xds.context;

/**
 * Where a sidecar reaches the instances of a service in another zone: that zone's ingress, which
 * routes the TLS connection on its server name to a local instance without terminating it.
 *
 * @param zone the remote zone (the endpoint's locality)
 * @param address the ingress's advertised address
 * @param port the ingress's advertised port
 * @param instances how many instances of the service the zone offers through it (the endpoint's
 *     load-balancing weight)
 * @param sni the server name the sidecar sends, which the ingress routes on ({@code SniName}); the
 *     endpoint's hostname in the ClusterLoadAssignment ({@code CrossZoneEndpoints})
 */
public record RemoteZoneEndpoint(
    String zone, String address, int port, int instances, String sni) {}
