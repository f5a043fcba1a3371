package io.meshforge.zone.xds.context;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where a sidecar reaches the instances of a service in another zone: that zone's ingress, which
 * routes the TLS connection on its server name to a local instance without terminating it.
 *
 * @param zone the remote zone (the endpoint's locality)
 * @param address the ingress's advertised address
 * @param port the ingress's advertised port
 * @param instances how many instances of the service the zone offers through it (the endpoint's
 *     load-balancing weight)
 * @param sni the server name the sidecar sends, which the ingress routes on ({@code SniName})
 */
public record RemoteZoneEndpoint(String zone, String address, int port, int instances, String sni) {

  /**
   * Returns the server name sent towards each zone, by zone name: the first endpoint of a zone
   * names it (all of one zone's endpoints of a service carry the same one).
   *
   * @param endpoints remote endpoints of one destination
   */
  public static Map<String, String> sniByZone(List<RemoteZoneEndpoint> endpoints) {
    Map<String, String> sniByZone = new TreeMap<>();
    for (RemoteZoneEndpoint remote : endpoints) {
      sniByZone.putIfAbsent(remote.zone(), remote.sni());
    }
    return Collections.unmodifiableMap(sniByZone);
  }
}
