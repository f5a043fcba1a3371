package io.meshforge.zone.meshservice;

import io.meshforge.model.Resource;
import io.meshforge.model.ResourceKey;
import io.meshforge.model.ResourceTypes;
import io.meshforge.model.WellKnownLabels;
import io.meshforge.model.spec.AppProtocol;
import io.meshforge.model.validation.ResourceNames;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code GeneratedMeshServices} computes the MeshServices a zone's Dataplanes imply (Kuma's
 * universal generator): one per mesh and {@code kuma.io/service} inbound tag value,
 *
 * <pre>
 * spec:
 *   selector: {dataplaneTags: {kuma.io/service: NAME}}
 *   ports: [{name: INBOUND_NAME or "PORT", port: PORT, targetPort: PORT, appProtocol: PROTOCOL}]
 *   state: Available | Unavailable
 * </pre>
 *
 * with one port per distinct inbound port (sorted), {@code appProtocol} from {@code
 * kuma.io/protocol} ({@code tcp} when absent or unknown) and {@code state} {@code Available} when
 * at least one such inbound is ready. Service names that are not valid resource names are skipped.
 *
 * <p>Pure; the result is ordered by key so equal inputs give equal outputs.
 */
public final class GeneratedMeshServices {

  /** The label marking a MeshService as generated (and so updated and deleted) by the zone. */
  public static final String MANAGED_BY = "kuma.io/managed-by";

  /** The value of {@link #MANAGED_BY} on generated MeshServices. */
  public static final String GENERATOR = "meshservice-generator";

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final Set<String> PROTOCOLS =
      Set.copyOf(Arrays.stream(AppProtocol.values()).map(Enum::name).toList());

  private GeneratedMeshServices() {}

  /**
   * Returns the spec of every MeshService the Dataplanes imply, by key.
   *
   * @param dataplanes the zone's own Dataplanes
   */
  public static Map<ResourceKey, ObjectNode> desired(List<Resource> dataplanes) {
    Map<ResourceKey, Map<Integer, Inbound>> ports = new TreeMap<>(ResourceKeys.ORDER);
    Map<ResourceKey, Boolean> available = new TreeMap<>(ResourceKeys.ORDER);
    for (Resource dataplane : dataplanes) {
      for (JsonNode inbound : dataplane.spec().path("networking").path("inbound")) {
        String service = inbound.path("tags").path(WellKnownLabels.SERVICE).asString("");
        int port = inbound.path("port").asInt(0);
        if (!ResourceNames.isValid(service) || port <= 0) {
          continue;
        }
        ResourceKey key = new ResourceKey(ResourceTypes.MESH_SERVICE, dataplane.mesh(), service);
        ports.computeIfAbsent(key, k -> new TreeMap<>()).putIfAbsent(port, Inbound.of(inbound));
        available.merge(key, ready(inbound), Boolean::logicalOr);
      }
    }
    Map<ResourceKey, ObjectNode> specs = new TreeMap<>(ResourceKeys.ORDER);
    ports.forEach((key, byPort) -> specs.put(key, spec(key.name(), byPort, available.get(key))));
    return specs;
  }

  /** Returns the labels of a generated MeshService in {@code zone}. */
  public static Map<String, String> labels(String zone) {
    return Map.of(
        WellKnownLabels.ORIGIN,
        WellKnownLabels.ORIGIN_ZONE,
        WellKnownLabels.ZONE,
        zone,
        MANAGED_BY,
        GENERATOR);
  }

  /** Returns {@code true} for a MeshService the generator made. */
  public static boolean isGenerated(Resource meshService) {
    return GENERATOR.equals(meshService.labels().get(MANAGED_BY));
  }

  private static ObjectNode spec(String service, Map<Integer, Inbound> byPort, boolean available) {
    ObjectNode spec = NODES.objectNode();
    spec.putObject("selector").putObject("dataplaneTags").put(WellKnownLabels.SERVICE, service);
    ArrayNode ports = spec.putArray("ports");
    Set<String> names = new HashSet<>();
    byPort.forEach((port, inbound) -> {
      String name =
          inbound.name().isEmpty() || !names.add(inbound.name())
              ? Integer.toString(port)
              : inbound.name();
      names.add(name);
      ObjectNode entry = ports.addObject();
      entry.put("name", name);
      entry.put("port", port);
      entry.put("targetPort", port);
      entry.put("appProtocol", inbound.protocol());
    });
    spec.put("state", available ? "Available" : "Unavailable");
    return spec;
  }

  private static boolean ready(JsonNode inbound) {
    String state = inbound.path("state").asString("Ready");
    return "Ready".equals(state) && inbound.path("health").path("ready").asBoolean(true);
  }

  private record Inbound(String name, String protocol) {
    static Inbound of(JsonNode inbound) {
      String protocol = inbound.path("tags").path(WellKnownLabels.PROTOCOL).asString("tcp");
      return new Inbound(
          inbound.path("name").asString(""), PROTOCOLS.contains(protocol) ? protocol : "tcp");
    }
  }
}
