package io.meshforge.zone.xds.context;

import io.meshforge.model.Resource;
import io.meshforge.model.WellKnownLabels;
import io.meshforge.model.spec.MeshExternalServiceSpec;
import io.meshforge.model.validation.SchemaWalker;
import io.meshforge.model.validation.ViolationCollector;
import io.meshforge.zone.xds.envoy.EnvoyNames;
import io.meshforge.zone.xds.envoy.ExternalSniName;
import io.meshforge.zone.xds.envoy.IpLiterals;
import io.meshforge.zone.xds.envoy.SniNameTooLongException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code ExternalServiceDestinations} resolves a mesh's MeshExternalServices into the destinations
 * sidecars reach them as. Through the egress (ADR 0022) the destination has no local endpoint and
 * one remote endpoint per local egress, in a locality named after this zone, with the service's
 * external server name ({@link ExternalSniName}): the sidecar's mTLS socket for that locality sends
 * it, and the egress routes on it. Directly, its endpoints are the service's IP endpoints (a
 * hostname endpoint is not resolvable over EDS and is skipped, logged). Pure.
 */
final class ExternalServiceDestinations {

  private static final Logger LOG = LoggerFactory.getLogger(ExternalServiceDestinations.class);

  private ExternalServiceDestinations() {}

  /**
   * Returns the mesh's external services by the name users give them ({@code kuma.io/display-name}
   * of a copy synced from global, else the resource name); of two with one name, the first by
   * resource name wins.
   *
   * @param mesh the mesh
   * @param resources its MeshExternalServices
   * @param zone this zone's name (the locality of the egress endpoints)
   * @param throughEgress whether the mesh routes through the egress
   * @param egresses this zone's egresses
   */
  static Map<String, ExternalService> resolve(
      String mesh,
      Collection<Resource> resources,
      String zone,
      boolean throughEgress,
      List<EgressAddress> egresses) {
    Map<String, ExternalService> byName = new TreeMap<>();
    List<Resource> ordered = new ArrayList<>(resources);
    ordered.sort(java.util.Comparator.comparing(Resource::name));
    for (Resource resource : ordered) {
      MeshExternalServiceSpec spec =
          SchemaWalker.bind(
              resource.spec(), MeshExternalServiceSpec.class, ViolationCollector.root());
      if (spec == null || spec.match() == null || spec.match().port() == null) {
        continue;
      }
      // Known by the name the user gave it: a copy from global carries it as its display name.
      String name = resource.labels().getOrDefault(WellKnownLabels.DISPLAY_NAME, resource.name());
      if (byName.containsKey(name)) {
        continue;
      }
      int port = spec.match().port();
      Protocol protocol =
          spec.match().protocol() == null
              ? Protocol.TCP
              : Protocol.of(spec.match().protocol().name());
      String cluster = EnvoyNames.externalServiceCluster(mesh, name, port);
      Destination destination;
      if (throughEgress) {
        String sni;
        try {
          sni = ExternalSniName.of(mesh, name, port);
        } catch (SniNameTooLongException e) {
          LOG.warn("MeshExternalService {}/{} cannot be reached: {}", mesh, name, e.getMessage());
          continue;
        }
        String locality = zone.isEmpty() ? "local" : zone;
        List<RemoteZoneEndpoint> viaEgress = new ArrayList<>();
        egresses.forEach(egress ->
            viaEgress.add(
                new RemoteZoneEndpoint(locality, egress.address(), egress.port(), 1, sni)));
        destination = new Destination(name, cluster, protocol, List.of(), viaEgress);
      } else {
        destination = new Destination(name, cluster, protocol, direct(mesh, name, spec));
      }
      byName.put(name, new ExternalService(name, destination, spec, throughEgress));
    }
    return byName;
  }

  private static List<ServiceEndpoint> direct(
      String mesh, String name, MeshExternalServiceSpec spec) {
    List<ServiceEndpoint> endpoints = new ArrayList<>();
    if (spec.endpoints() == null) {
      return endpoints;
    }
    for (MeshExternalServiceSpec.Endpoint endpoint : spec.endpoints()) {
      int port = endpoint.port() == null ? spec.match().port() : endpoint.port();
      if (!IpLiterals.isIp(endpoint.address())) {
        LOG.warn(
            "MeshExternalService {}/{}: endpoint {} is not an IP address; only the zone egress "
                + "resolves hostnames (routing.zoneEgress)",
            mesh,
            name,
            endpoint.address());
        continue;
      }
      endpoints.add(
          new ServiceEndpoint(
              name, endpoint.address(), port, Map.of(WellKnownLabels.SERVICE, name), true));
    }
    return endpoints;
  }
}
