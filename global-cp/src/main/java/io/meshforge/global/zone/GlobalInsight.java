package io.meshforge.global.zone;

import io.meshforge.model.Resource;
import io.meshforge.model.ResourceType;
import io.meshforge.model.ResourceTypes;
import io.meshforge.model.store.ResourceView;
import io.meshforge.rest.inspect.ProxyConnection;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code GlobalInsight} counts what global knows, in the shape of Kuma's {@code GlobalInsight}:
 * meshes, zone control planes (online and total), zone ingresses and egresses, dataplanes by kind
 * (online, offline, total), services, policies, and every registered resource type with its total
 * (zero included, so a client can list the types without a second call).
 *
 * <p>Computed on each request from the change-fed view (never from the database), so it reflects
 * the same state as the lists and overviews. Zone liveness is decided by {@link ZoneInsights}, so a
 * zone counts as online exactly when {@code /zones/_overview} says {@code Online}.
 */
final class GlobalInsight {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final ResourceView view;
  private final Predicate<String> zoneOnline;
  private final Clock clock;

  /**
   * @param view the change-fed view the counts are taken from
   * @param zoneOnline whether a zone (by name) is Online
   * @param clock the source of {@code createdAt}
   */
  GlobalInsight(ResourceView view, Predicate<String> zoneOnline, Clock clock) {
    this.view = view;
    this.zoneOnline = zoneOnline;
    this.clock = clock;
  }

  /** Returns the insight as it is now. */
  ObjectNode now() {
    ObjectNode insight = NODES.objectNode();
    insight.put("type", "GlobalInsight");
    insight.put("createdAt", clock.instant().truncatedTo(ChronoUnit.MILLIS).toString());
    insight.putObject("meshes").put("total", count(ResourceTypes.MESH));
    insight.set("zones", zones());
    insight.set("dataplanes", dataplanes());
    ObjectNode services = insight.putObject("services");
    int internal = count(ResourceTypes.MESH_SERVICE);
    int external = count(ResourceTypes.MESH_EXTERNAL_SERVICE);
    services.put("total", internal + external);
    services.put("internal", internal);
    services.put("external", external);
    services.put("multiZone", count(ResourceTypes.MESH_MULTI_ZONE_SERVICE));
    insight
        .putObject("policies")
        .put("total", ResourceTypes.policies().stream().mapToInt(this::count).sum());
    ObjectNode resources = insight.putObject("resources");
    for (ResourceType type : ResourceTypes.all()) {
      resources.putObject(type.name()).put("total", count(type));
    }
    return insight;
  }

  private ObjectNode zones() {
    List<Resource> zones = view.list(ResourceTypes.ZONE, null);
    ObjectNode node = NODES.objectNode();
    ObjectNode controlPlanes = node.putObject("controlPlanes");
    controlPlanes.put("online", zones.stream().map(Resource::name).filter(zoneOnline).count());
    controlPlanes.put("total", zones.size());
    node.putObject("zoneIngresses").put("total", count(ResourceTypes.ZONE_INGRESS));
    node.putObject("zoneEgresses").put("total", count(ResourceTypes.ZONE_EGRESS));
    return node;
  }

  /**
   * Dataplanes by kind (Kuma's {@code standard}, {@code gatewayBuiltin}, {@code gatewayDelegated}
   * from {@code networking.gateway.type}); online as in {@code
   * /meshes/{mesh}/dataplanes/_overview}.
   */
  private ObjectNode dataplanes() {
    Set<String> online =
        view.list(ResourceTypes.DATAPLANE_INSIGHT, null).stream()
            .filter(insight -> ProxyConnection.online(insight.spec()))
            .map(insight -> insight.mesh() + "/" + insight.name())
            .collect(Collectors.toSet());
    ObjectNode node = NODES.objectNode();
    for (String kind : List.of("standard", "gatewayBuiltin", "gatewayDelegated")) {
      ObjectNode counts = node.putObject(kind);
      counts.put("online", 0).put("offline", 0).put("total", 0);
    }
    for (Resource dataplane : view.list(ResourceTypes.DATAPLANE, null)) {
      ObjectNode counts = (ObjectNode) node.get(kind(dataplane.spec()));
      String state =
          online.contains(dataplane.mesh() + "/" + dataplane.name()) ? "online" : "offline";
      counts.put(state, counts.get(state).asInt() + 1);
      counts.put("total", counts.get("total").asInt() + 1);
    }
    return node;
  }

  private static String kind(JsonNode spec) {
    JsonNode gateway = spec.path("networking").path("gateway");
    if (gateway.isMissingNode() || gateway.isNull()) {
      return "standard";
    }
    return gateway.path("type").asString("").equalsIgnoreCase("BUILTIN")
        ? "gatewayBuiltin"
        : "gatewayDelegated";
  }

  private int count(ResourceType type) {
    return view.list(type, null).size();
  }
}
