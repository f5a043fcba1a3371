package io.meshforge.zone.xds.context;

import io.meshforge.model.Resource;
import io.meshforge.model.WellKnownLabels;
import io.meshforge.zone.xds.envoy.SniName;
import io.meshforge.zone.xds.envoy.SniNameTooLongException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * {@code RemoteZones} turns the ZoneIngresses other zones published (copies that came through
 * global, which set their {@code zone}; this zone's own ones have it empty) into the cross-zone
 * endpoints of one mesh's {@code kuma.io/service} destinations: per service, one endpoint per
 * remote ingress address (ingresses sharing one address and port count once), weighted by the
 * instances that zone offers (summed over the service's tag sets).
 *
 * <p>An ingress without an advertised address falls back to its listen address; one with neither,
 * or without a zone, offers nothing. Pure.
 */
public final class RemoteZones {

  private static final Logger LOG = LoggerFactory.getLogger(RemoteZones.class);
  private static final Comparator<RemoteZoneEndpoint> ORDER =
      Comparator.comparing(RemoteZoneEndpoint::zone)
          .thenComparing(RemoteZoneEndpoint::address)
          .thenComparingInt(RemoteZoneEndpoint::port);

  private RemoteZones() {}

  /**
   * Returns whether a ZoneIngress belongs to another zone: global stamps the authenticated zone
   * into the {@code zone} field of every ZoneIngress it receives (ZoneAttribution), and a zone's
   * own ingresses have it empty (their registration clears it).
   */
  public static boolean isRemote(Resource ingress) {
    return !ingress.spec().path("zone").asString("").isEmpty();
  }

  /**
   * Returns, per {@code kuma.io/service} of {@code mesh}, its endpoints in other zones.
   *
   * @param mesh the mesh whose services are wanted
   * @param ingresses every ZoneIngress the zone knows (its own ones are skipped)
   */
  static Map<String, List<RemoteZoneEndpoint>> endpoints(
      String mesh, Collection<Resource> ingresses) {
    // service -> (zone, address, port) -> instances
    Map<String, Map<List<Object>, Integer>> counts = new TreeMap<>();
    for (Resource ingress : ingresses) {
      if (!isRemote(ingress)) {
        continue;
      }
      JsonNode spec = ingress.spec();
      String zone = spec.path("zone").asString("");
      JsonNode networking = spec.path("networking");
      String address =
          networking.path("advertisedAddress").asString(networking.path("address").asString(""));
      int port = networking.path("advertisedPort").asInt(networking.path("port").asInt(0));
      if (zone.isEmpty() || address.isEmpty() || port <= 0) {
        continue;
      }
      for (JsonNode offered : spec.path("availableServices")) {
        String service = offered.path("tags").path(WellKnownLabels.SERVICE).asString("");
        int instances = offered.path("instances").asInt(0);
        if (mesh.equals(offered.path("mesh").asString("")) && !service.isEmpty() && instances > 0) {
          counts
              .computeIfAbsent(service, s -> new LinkedHashMap<>())
              .merge(List.of(zone, address, port), instances, Integer::sum);
        }
      }
    }
    Map<String, List<RemoteZoneEndpoint>> endpoints = new TreeMap<>();
    counts.forEach((service, byIngress) -> {
      List<RemoteZoneEndpoint> list = new ArrayList<>();
      byIngress.forEach((where, instances) -> {
        String zone = (String) where.get(0);
        try {
          list.add(
              new RemoteZoneEndpoint(
                  zone,
                  (String) where.get(1),
                  (Integer) where.get(2),
                  instances,
                  SniName.of(mesh, service, zone, 0)));
        } catch (SniNameTooLongException e) {
          LOG.warn("{}/{} in zone {} cannot be reached: {}", mesh, service, zone, e.getMessage());
        }
      });
      list.sort(ORDER);
      endpoints.put(service, List.copyOf(list));
    });
    return endpoints;
  }
}
