package io.meshforge.zone.xds.context;

import io.meshforge.model.Resource;
import io.meshforge.model.WellKnownLabels;
import io.meshforge.model.spec.MeshMultiZoneServiceSpec;
import io.meshforge.model.validation.SchemaWalker;
import io.meshforge.model.validation.ViolationCollector;
import io.meshforge.zone.xds.envoy.EnvoyNames;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * {@code MultiZoneServiceDestinations} resolves a mesh's MeshMultiZoneServices (ADR 0022): per
 * MeshMultiZoneService and port, one destination whose endpoints are the union of the matched
 * MeshServices' instances in this zone (priority 0, by the MeshService port of the same number) and
 * the other zones' matched MeshServices, each reached through its zone's ingress (priority 1). A
 * local MeshService contributes its port of the same number, else its only port.
 *
 * <p>MeshServices are selected by {@link MultiZoneServiceSelector}. A MeshService is local when its
 * {@code kuma.io/zone} label is absent or this zone. A remote one whose {@code state} is {@code
 * Unavailable} is skipped (its zone has no healthy instance: Kuma does the same), so is one whose
 * zone is disabled on global (the evacuation switch, ADR 0026: counted out even while a stale copy
 * or ingress of that zone is still around), and it is reached on its display name's {@code
 * kuma.io/service} server name at that zone's ingress (a universal zone's MeshServices are
 * generated from {@code kuma.io/service}, ADR 0018's ingress routes on it). Pure.
 */
final class MultiZoneServiceDestinations {

  private MultiZoneServiceDestinations() {}

  /**
   * Returns, per MeshMultiZoneService name (its {@code kuma.io/display-name}, else its resource
   * name), its destinations by port (in the spec's order).
   *
   * @param mesh the mesh
   * @param resources its MeshMultiZoneServices
   * @param meshServices every MeshService of the mesh the zone knows (local and other zones')
   * @param localPorts the resolved local MeshService destinations, by name then port
   * @param remoteByService the cross-zone endpoints of each {@code kuma.io/service}, as sidecars
   *     use them (through the egress when the mesh routes through it)
   * @param zone this zone's name
   * @param zones the zones disabled on global; their MeshServices are not counted
   */
  static Map<String, Map<Integer, Destination>> resolve(
      String mesh,
      Collection<Resource> resources,
      Collection<Resource> meshServices,
      Map<String, Map<Integer, Destination>> localPorts,
      Function<String, List<RemoteZoneEndpoint>> remoteByService,
      String zone,
      ZoneStates zones) {
    Map<String, Map<Integer, Destination>> result = new TreeMap<>();
    List<Resource> ordered = new ArrayList<>(resources);
    ordered.sort(java.util.Comparator.comparing(Resource::name));
    for (Resource resource : ordered) {
      MeshMultiZoneServiceSpec spec =
          SchemaWalker.bind(
              resource.spec(), MeshMultiZoneServiceSpec.class, ViolationCollector.root());
      if (spec == null || spec.ports() == null) {
        continue;
      }
      // Known by the name given on global (a zone holds a renamed copy).
      String name = MultiZoneServiceSelector.displayName(resource);
      List<Resource> matched =
          MultiZoneServiceSelector.matched(spec, meshServices).stream()
              .filter(ms -> fromEnabledZone(ms, zone, zones))
              .toList();
      Map<Integer, Destination> ports = new LinkedHashMap<>();
      for (MeshMultiZoneServiceSpec.Port port : spec.ports()) {
        ports.put(
            port.port(),
            destination(mesh, resource.name(), port, matched, localPorts, remoteByService, zone));
      }
      result.putIfAbsent(name, ports);
    }
    return result;
  }

  /** This zone's own MeshServices always count; another zone's only while it is enabled. */
  private static boolean fromEnabledZone(Resource meshService, String zone, ZoneStates zones) {
    String owner = meshService.labels().getOrDefault(WellKnownLabels.ZONE, "");
    return owner.isEmpty() || owner.equals(zone) || zones.enabled(owner);
  }

  private static Destination destination(
      String mesh,
      String name,
      MeshMultiZoneServiceSpec.Port port,
      List<Resource> matched,
      Map<String, Map<Integer, Destination>> localPorts,
      Function<String, List<RemoteZoneEndpoint>> remoteByService,
      String zone) {
    Set<ServiceEndpoint> local = new LinkedHashSet<>();
    List<RemoteZoneEndpoint> remote = new ArrayList<>();
    Set<String> identities = new LinkedHashSet<>();
    for (Resource meshService : matched) {
      String owner = meshService.labels().getOrDefault(WellKnownLabels.ZONE, "");
      String displayName = MultiZoneServiceSelector.displayName(meshService);
      if (owner.isEmpty() || owner.equals(zone)) {
        Map<Integer, Destination> msPorts = localPorts.getOrDefault(meshService.name(), Map.of());
        // The MeshService port of the same number, else its only port.
        Destination ms =
            msPorts.containsKey(port.port())
                ? msPorts.get(port.port())
                : msPorts.size() == 1 ? msPorts.values().iterator().next() : null;
        if (ms != null) {
          local.addAll(ms.endpoints());
          identities.add(displayName);
        }
      } else if (!"Unavailable".equals(meshService.spec().path("state").asString(""))) {
        for (RemoteZoneEndpoint endpoint : remoteByService.apply(displayName)) {
          if (endpoint.zone().equals(owner)) {
            remote.add(endpoint);
            identities.add(displayName);
          }
        }
      }
    }
    // The SPIFFE ID the sidecar checks: the backing service's, when all matched agree.
    String service = identities.size() == 1 ? identities.iterator().next() : name;
    Protocol protocol =
        port.appProtocol() == null ? Protocol.TCP : Protocol.of(port.appProtocol().name());
    return new Destination(
        service,
        EnvoyNames.multiZoneServiceCluster(mesh, name, port.port()),
        protocol,
        List.copyOf(local),
        remote);
  }
}
