package io.meshforge.zone.xds.context;

import io.meshforge.model.Resource;
import io.meshforge.model.WellKnownLabels;
import io.meshforge.model.spec.DataplaneSpec;
import io.meshforge.model.spec.MeshServiceSpec;
import io.meshforge.zone.xds.envoy.EnvoyNames;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code LocalDestinations} computes a mesh's destinations from this zone's Dataplanes: the
 * endpoint map of {@code kuma.io/service} names, each MeshService's ports with the inbounds they
 * select, and the protocol a service's instances (here and in other zones) have in common. Pure
 * functions, called once per mesh change by {@link MeshContext#build}.
 */
final class LocalDestinations {
  private LocalDestinations() {}

  static Map<String, List<ServiceEndpoint>> endpointMap(Map<String, DataplaneSpec> specs) {
    Map<String, List<ServiceEndpoint>> map = new TreeMap<>();
    specs.forEach((name, spec) -> {
      for (DataplaneSpec.Inbound in : inbounds(spec)) {
        String service = in.tags() == null ? null : in.tags().get(WellKnownLabels.SERVICE);
        if (service != null) {
          map.computeIfAbsent(service, s -> new ArrayList<>()).add(endpoint(name, spec, in));
        }
      }
    });
    return map;
  }

  static Destination legacyDestination(
      String service,
      List<ServiceEndpoint> endpoints,
      List<RemoteZoneEndpoint> remote,
      List<Protocol> remoteProtocols) {
    List<Protocol> protocols = new ArrayList<>(remoteProtocols);
    endpoints.forEach(e -> protocols.add(e.protocol()));
    Protocol protocol = Protocol.common(protocols);
    return new Destination(
        service, EnvoyNames.serviceCluster(service), protocol, endpoints, remote);
  }

  /** The protocols other zones' instances of a service declare (their offered tag sets). */
  static List<Protocol> remoteProtocols(
      String mesh, String service, Collection<Resource> zoneIngresses) {
    List<Protocol> protocols = new ArrayList<>();
    for (Resource ingress : zoneIngresses) {
      if (!RemoteZones.isRemote(ingress)) {
        continue;
      }
      for (var offered : ingress.spec().path("availableServices")) {
        var tags = offered.path("tags");
        if (mesh.equals(offered.path("mesh").asString(""))
            && service.equals(tags.path(WellKnownLabels.SERVICE).asString(""))) {
          protocols.add(Protocol.of(tags.path(WellKnownLabels.PROTOCOL).asString(null)));
        }
      }
    }
    return protocols;
  }

  static Map<Integer, Destination> ports(
      String mesh, Resource meshService, MeshServiceSpec spec, Map<String, DataplaneSpec> specs) {
    Map<Integer, Destination> ports = new java.util.LinkedHashMap<>();
    if (spec.ports() == null) {
      return ports;
    }
    for (MeshServiceSpec.Port port : spec.ports()) {
      List<ServiceEndpoint> endpoints = new ArrayList<>();
      specs.forEach((name, dataplane) -> {
        if (selects(spec.selector(), name, dataplane)) {
          for (DataplaneSpec.Inbound in : inbounds(dataplane)) {
            if (selectsInbound(spec.selector(), port, in)) {
              endpoints.add(endpoint(name, dataplane, in));
            }
          }
        }
      });
      Protocol protocol =
          port.appProtocol() == null ? Protocol.TCP : Protocol.of(port.appProtocol().name());
      String cluster = EnvoyNames.meshServiceCluster(mesh, meshService.name(), port.port());
      ports.put(port.port(), new Destination(meshService.name(), cluster, protocol, endpoints));
    }
    return ports;
  }

  static boolean selects(MeshServiceSpec.Selector selector, String name, DataplaneSpec dp) {
    if (selector == null) {
      return false;
    }
    if (selector.dataplaneRef() != null) {
      return selector.dataplaneRef().name().equals(name);
    }
    return selector.dataplaneTags() != null;
  }

  static boolean selectsInbound(
      MeshServiceSpec.Selector selector, MeshServiceSpec.Port port, DataplaneSpec.Inbound in) {
    if (selector.dataplaneRef() == null) {
      Map<String, String> tags = in.tags() == null ? Map.of() : in.tags();
      if (!tags.entrySet().containsAll(selector.dataplaneTags().entrySet())) {
        return false;
      }
    }
    if (port.targetPort() == null) {
      return in.port().equals(port.port());
    }
    if (port.targetPort().isNumber()) {
      return in.port().longValue() == port.targetPort().number();
    }
    return port.targetPort().text().equals(in.name());
  }

  static ServiceEndpoint endpoint(String name, DataplaneSpec spec, DataplaneSpec.Inbound in) {
    return new ServiceEndpoint(
        name,
        DataplaneSpecs.endpointAddress(spec.networking(), in),
        in.port(),
        in.tags() == null ? Map.of() : in.tags(),
        DataplaneSpecs.healthy(in));
  }

  /** Returns a Dataplane's inbounds that take part in the mesh (not {@code Ignored}). */
  static List<DataplaneSpec.Inbound> inbounds(DataplaneSpec spec) {
    if (spec.networking() == null || spec.networking().inbound() == null) {
      return List.of();
    }
    return spec.networking().inbound().stream()
        .filter(in -> in.state() != DataplaneSpec.InboundState.Ignored)
        .toList();
  }
}
