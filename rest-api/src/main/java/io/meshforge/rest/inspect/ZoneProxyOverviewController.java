package io.meshforge.rest.inspect;

import io.meshforge.model.Resource;
import io.meshforge.model.ResourceKey;
import io.meshforge.model.ResourceType;
import io.meshforge.model.ResourceTypes;
import io.meshforge.model.codec.ResourceCodec;
import io.meshforge.model.store.ResourceNotFoundException;
import io.meshforge.model.store.ResourceView;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code GET /zoneingresses/_overview}, {@code /zoneingresses/{name}/_overview} and the same for
 * {@code zoneegresses}: each zone proxy with its insight, in Kuma's {@code ZoneIngressOverview} /
 * {@code ZoneEgressOverview} shape ({@code zoneIngress} and {@code zoneIngressInsight}, or {@code
 * zoneEgress} and {@code zoneEgressInsight}) plus {@code state: Online|Offline}, decided like a
 * Dataplane's (ADR 0026). Read from the change-fed view, so global shows what the zones synced.
 */
@RestController
class ZoneProxyOverviewController {
  private static final int DEFAULT_SIZE = 100;
  private static final int MAX_SIZE = 1000;

  /** One kind of zone proxy: its type, its insight's type and the JSON field names. */
  private record Kind(ResourceType proxy, ResourceType insight, String field) {
    static final Kind INGRESS =
        new Kind(ResourceTypes.ZONE_INGRESS, ResourceTypes.ZONE_INGRESS_INSIGHT, "zoneIngress");
    static final Kind EGRESS =
        new Kind(ResourceTypes.ZONE_EGRESS, ResourceTypes.ZONE_EGRESS_INSIGHT, "zoneEgress");
  }

  private final ResourceView view;
  private final ResourceCodec codec = new ResourceCodec();

  ZoneProxyOverviewController(ResourceView view) {
    this.view = view;
  }

  @GetMapping(path = "/zoneingresses/_overview", produces = MediaType.APPLICATION_JSON_VALUE)
  String ingresses(
      @RequestParam(name = "size", required = false) String size,
      @RequestParam(name = "offset", required = false) String offset) {
    return page(Kind.INGRESS, size, offset).toString();
  }

  @GetMapping(path = "/zoneingresses/{name}/_overview", produces = MediaType.APPLICATION_JSON_VALUE)
  String ingress(@PathVariable String name) {
    return one(Kind.INGRESS, name).toString();
  }

  @GetMapping(path = "/zoneegresses/_overview", produces = MediaType.APPLICATION_JSON_VALUE)
  String egresses(
      @RequestParam(name = "size", required = false) String size,
      @RequestParam(name = "offset", required = false) String offset) {
    return page(Kind.EGRESS, size, offset).toString();
  }

  @GetMapping(path = "/zoneegresses/{name}/_overview", produces = MediaType.APPLICATION_JSON_VALUE)
  String egress(@PathVariable String name) {
    return one(Kind.EGRESS, name).toString();
  }

  private ObjectNode page(Kind kind, String sizeParam, String offsetParam) {
    int size = DataplaneOverviewController.number(sizeParam, DEFAULT_SIZE, 1, MAX_SIZE, "size");
    int offset = DataplaneOverviewController.number(offsetParam, 0, 0, Integer.MAX_VALUE, "offset");
    List<Resource> proxies =
        view.list(kind.proxy(), null).stream()
            .sorted(Comparator.comparing(Resource::name))
            .toList();
    Map<String, Resource> insights =
        view.list(kind.insight(), null).stream()
            .collect(Collectors.toMap(Resource::name, Function.identity(), (a, b) -> a));
    ObjectNode page = JsonNodeFactory.instance.objectNode();
    page.put("total", proxies.size());
    ArrayNode items = page.putArray("items");
    int end = Math.min(proxies.size(), offset + size);
    for (int i = Math.min(offset, end); i < end; i++) {
      Resource proxy = proxies.get(i);
      items.add(overview(kind, proxy, insights.get(proxy.name())));
    }
    if (end < proxies.size()) {
      page.put("next", "/" + kind.proxy().path() + "/_overview?size=" + size + "&offset=" + end);
    } else {
      page.putNull("next");
    }
    return page;
  }

  private ObjectNode one(Kind kind, String name) {
    Resource proxy =
        view.get(ResourceKey.global(kind.proxy(), name))
            .orElseThrow(() ->
                new ResourceNotFoundException(
                    kind.proxy().name() + " " + name + " does not exist"));
    Resource insight = view.get(ResourceKey.global(kind.insight(), name)).orElse(null);
    return overview(kind, proxy, insight);
  }

  private ObjectNode overview(Kind kind, Resource proxy, Resource insight) {
    ObjectNode encoded = codec.encode(proxy);
    ObjectNode item = JsonNodeFactory.instance.objectNode();
    item.put("type", kind.proxy().name() + "Overview");
    item.put("name", proxy.name());
    item.set("creationTime", encoded.get("creationTime"));
    item.set("modificationTime", encoded.get("modificationTime"));
    if (encoded.has("labels")) {
      item.set("labels", encoded.get("labels"));
    }
    item.set(kind.field(), proxy.spec());
    JsonNode insightSpec = insight == null ? JsonNodeFactory.instance.objectNode() : insight.spec();
    item.set(kind.field() + "Insight", insightSpec);
    item.put("state", ProxyConnection.online(insightSpec) ? "Online" : "Offline");
    return item;
  }
}
