package io.meshforge.zone.xds.context;

import io.meshforge.ca.BuiltinBackend;
import io.meshforge.model.Resource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code EgressRouting} decides whether a mesh's traffic leaving the zone goes through the zone's
 * egresses ({@code routing.zoneEgress: true} with builtin mTLS, like Kuma) and rewrites the
 * cross-zone endpoints of a destination accordingly: per remote zone, one endpoint per local egress
 * instead of the remote ingresses, with the same server name (the egress routes on it) and the
 * zone's instances as weight. Pure.
 */
final class EgressRouting {

  private static final Comparator<RemoteZoneEndpoint> ORDER =
      Comparator.comparing(RemoteZoneEndpoint::zone)
          .thenComparing(RemoteZoneEndpoint::address)
          .thenComparingInt(RemoteZoneEndpoint::port);

  private EgressRouting() {}

  /**
   * Returns whether the mesh sends cross-zone and external traffic through the zone egress: it asks
   * for it ({@code routing.zoneEgress}) and has builtin mTLS (an egress routes on the server name
   * of a TLS connection and authenticates external-service clients by their mesh certificate).
   */
  static boolean enabled(Resource meshResource) {
    return meshResource != null
        && meshResource.spec().path("routing").path("zoneEgress").asBoolean(false)
        && BuiltinBackend.enabledIn(meshResource).isPresent();
  }

  /**
   * Returns this zone's egresses (those without a {@code zone}, or with this zone's name) that have
   * an address and a port, ordered by name.
   */
  static List<EgressAddress> localEgresses(Collection<Resource> egresses, String zone) {
    List<EgressAddress> local = new ArrayList<>();
    for (Resource egress : egresses) {
      String owner = egress.spec().path("zone").asString("");
      var networking = egress.spec().path("networking");
      String address = networking.path("address").asString("");
      int port = networking.path("port").asInt(0);
      if ((owner.isEmpty() || owner.equals(zone)) && !address.isBlank() && port > 0) {
        local.add(new EgressAddress(egress.name(), address, port));
      }
    }
    local.sort(Comparator.comparing(EgressAddress::name));
    return List.copyOf(local);
  }

  /**
   * Returns the endpoints a sidecar uses instead of {@code remote}: per remote zone one endpoint
   * per egress (weight = the zone's instances summed over its ingresses), keeping the zone's server
   * name. Without an egress the result is empty: a mesh that asks for the egress never bypasses it.
   */
  static List<RemoteZoneEndpoint> through(
      List<RemoteZoneEndpoint> remote, List<EgressAddress> egresses) {
    Map<String, Integer> instances = new TreeMap<>();
    Map<String, String> sni = new TreeMap<>();
    for (RemoteZoneEndpoint endpoint : remote) {
      instances.merge(endpoint.zone(), endpoint.instances(), Integer::sum);
      sni.putIfAbsent(endpoint.zone(), endpoint.sni());
    }
    List<RemoteZoneEndpoint> result = new ArrayList<>();
    instances.forEach((zone, count) -> {
      for (EgressAddress egress : egresses) {
        result.add(
            new RemoteZoneEndpoint(zone, egress.address(), egress.port(), count, sni.get(zone)));
      }
    });
    result.sort(ORDER);
    return List.copyOf(result);
  }
}
