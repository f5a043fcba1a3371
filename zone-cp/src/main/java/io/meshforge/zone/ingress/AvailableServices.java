package io.meshforge.zone.ingress;

import io.meshforge.model.Resource;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code AvailableServices} computes what a zone's ingress offers to the other zones: per mesh and
 * distinct inbound tag set of the zone's own Dataplanes, how many instances serve it, as the
 * ZoneIngress {@code availableServices} list ({@code [{tags, instances, mesh}]}).
 *
 * <p>Only inbounds that may take traffic count: {@code Ignored}, {@code NotReady} and {@code
 * health.ready: false} inbounds do not (unlike Kuma, which counts every inbound). So a zone whose
 * instances of a service are all down stops advertising it, and the other zones' sidecars drop its
 * endpoint even before their passive health checks notice.
 *
 * <p>Pure; the list is ordered by mesh, then by tag set, so equal inputs give equal JSON.
 */
public final class AvailableServices {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final Comparator<Map.Entry<Key, Integer>> ORDER =
      Comparator.comparing((Map.Entry<Key, Integer> e) -> e.getKey().mesh())
          .thenComparing(e -> e.getKey().tags().toString());

  private AvailableServices() {}

  /**
   * Returns the {@code availableServices} of the zone's ingresses.
   *
   * @param dataplanes the zone's own Dataplanes (every mesh)
   */
  public static ArrayNode of(List<Resource> dataplanes) {
    Map<Key, Integer> counts = new TreeMap<>(Comparator.comparing(Key::toString));
    for (Resource dataplane : dataplanes) {
      for (JsonNode inbound : dataplane.spec().path("networking").path("inbound")) {
        if (!takesTraffic(inbound) || !inbound.path("tags").isObject()) {
          continue;
        }
        Map<String, String> tags = new TreeMap<>();
        inbound
            .path("tags")
            .properties()
            .forEach(e -> tags.put(e.getKey(), e.getValue().asString()));
        if (tags.containsKey(io.meshforge.model.WellKnownLabels.SERVICE)) {
          counts.merge(new Key(dataplane.mesh(), tags), 1, Integer::sum);
        }
      }
    }
    ArrayNode services = NODES.arrayNode();
    counts.entrySet().stream()
        .sorted(ORDER)
        .forEach(entry -> {
          ObjectNode service = services.addObject();
          ObjectNode tags = service.putObject("tags");
          entry.getKey().tags().forEach(tags::put);
          service.put("instances", entry.getValue());
          service.put("mesh", entry.getKey().mesh());
        });
    return services;
  }

  private static boolean takesTraffic(JsonNode inbound) {
    String state = inbound.path("state").asString("Ready");
    if ("Ignored".equals(state) || "NotReady".equals(state)) {
      return false;
    }
    JsonNode ready = inbound.path("health").path("ready");
    return !ready.isBoolean() || ready.asBoolean();
  }

  private record Key(String mesh, Map<String, String> tags) {}
}
