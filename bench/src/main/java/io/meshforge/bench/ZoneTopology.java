package io.meshforge.bench;

import io.meshforge.model.Resource;
import io.meshforge.model.ResourceKey;
import io.meshforge.model.ResourceTypes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code ZoneTopology} generates what an emulated zone reports, from a seed: its services (one
 * MeshService each) and its proxies (one Dataplane each, with one inbound of a service picked at
 * random), so runs with the same seed are comparable.
 */
final class ZoneTopology {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private ZoneTopology() {}

  /**
   * Returns the local Mesh, then {@code services} MeshServices, then {@code dataplanes} Dataplanes.
   */
  static List<Resource> of(int zoneIndex, String mesh, int services, int dataplanes, long seed) {
    Random random = new Random(seed * 1_000_003L + zoneIndex);
    List<Resource> resources = new ArrayList<>();
    resources.add(Resource.of(ResourceKey.global(ResourceTypes.MESH, mesh), Map.of(), null));
    int serviceCount = Math.max(1, services);
    for (int s = 0; s < services; s++) {
      resources.add(
          Resource.of(
              ResourceKey.inMesh(ResourceTypes.MESH_SERVICE, mesh, service(s)),
              Map.of(),
              meshService(service(s), 8000 + s)));
    }
    for (int d = 0; d < dataplanes; d++) {
      int s = random.nextInt(serviceCount);
      String address = "10." + (zoneIndex % 250) + "." + (d / 250) + "." + (1 + d % 250);
      resources.add(
          Resource.of(
              ResourceKey.inMesh(ResourceTypes.DATAPLANE, mesh, service(s) + "-" + d),
              Map.of("kuma.io/service", service(s)),
              dataplane(address, 8000 + s, service(s))));
    }
    return resources;
  }

  private static String service(int s) {
    return "svc-" + s;
  }

  private static ObjectNode meshService(String name, int port) {
    ObjectNode spec = NODES.objectNode();
    spec.putObject("selector").putObject("dataplaneTags").put("kuma.io/service", name);
    ObjectNode p = spec.putArray("ports").addObject();
    p.put("port", port);
    p.put("targetPort", port);
    p.put("appProtocol", "http");
    return spec;
  }

  private static ObjectNode dataplane(String address, int port, String service) {
    ObjectNode spec = NODES.objectNode();
    ObjectNode networking = spec.putObject("networking");
    networking.put("address", address);
    ObjectNode inbound = networking.putArray("inbound").addObject();
    inbound.put("port", port);
    inbound.putObject("tags").put("kuma.io/service", service).put("kuma.io/protocol", "http");
    return spec;
  }
}
