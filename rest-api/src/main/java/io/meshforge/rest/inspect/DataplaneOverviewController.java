package io.meshforge.rest.inspect;

import io.meshforge.model.Resource;
import io.meshforge.model.ResourceKey;
import io.meshforge.model.ResourceTypes;
import io.meshforge.model.codec.ResourceCodec;
import io.meshforge.model.store.ResourceNotFoundException;
import io.meshforge.model.store.ResourceView;
import io.meshforge.model.validation.ValidationException;
import io.meshforge.model.validation.Violation;
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
 * {@code GET /meshes/{mesh}/dataplanes/_overview} and {@code /meshes/{mesh}/dataplanes/{name}/
 * _overview}: each Dataplane with its DataplaneInsight, in Kuma's {@code DataplaneOverview} shape
 * ({@code dataplane}, {@code dataplaneInsight}) plus {@code state: Online|Offline} — Online while
 * the newest subscription has no {@code disconnectTime}. Read from the change-fed view, so on
 * global it shows what the zones synced (their Dataplanes and insights).
 *
 * <p>The list is paged like every list ({@code size}, {@code offset}, {@code next}), in name order.
 */
@RestController
class DataplaneOverviewController {
  private static final int DEFAULT_SIZE = 100;
  private static final int MAX_SIZE = 1000;

  private final ResourceView view;
  private final ResourceCodec codec = new ResourceCodec();

  DataplaneOverviewController(ResourceView view) {
    this.view = view;
  }

  @GetMapping(
      path = "/meshes/{mesh}/dataplanes/_overview",
      produces = MediaType.APPLICATION_JSON_VALUE)
  String overviews(
      @PathVariable String mesh,
      @RequestParam(name = "size", required = false) String sizeParam,
      @RequestParam(name = "offset", required = false) String offsetParam) {
    int size = number(sizeParam, DEFAULT_SIZE, 1, MAX_SIZE, "size");
    int offset = number(offsetParam, 0, 0, Integer.MAX_VALUE, "offset");
    List<Resource> dataplanes =
        view.list(ResourceTypes.DATAPLANE, mesh).stream()
            .sorted((a, b) -> a.name().compareTo(b.name()))
            .toList();
    Map<String, Resource> insights =
        view.list(ResourceTypes.DATAPLANE_INSIGHT, mesh).stream()
            .collect(Collectors.toMap(Resource::name, Function.identity(), (a, b) -> a));
    ObjectNode page = JsonNodeFactory.instance.objectNode();
    page.put("total", dataplanes.size());
    ArrayNode items = page.putArray("items");
    int end = Math.min(dataplanes.size(), offset + size);
    for (int i = Math.min(offset, end); i < end; i++) {
      Resource dataplane = dataplanes.get(i);
      items.add(overview(dataplane, insights.get(dataplane.name())));
    }
    if (end < dataplanes.size()) {
      page.put("next", "/meshes/" + mesh + "/dataplanes/_overview?size=" + size + "&offset=" + end);
    } else {
      page.putNull("next");
    }
    return page.toString();
  }

  @GetMapping(
      path = "/meshes/{mesh}/dataplanes/{name}/_overview",
      produces = MediaType.APPLICATION_JSON_VALUE)
  String overview(@PathVariable String mesh, @PathVariable String name) {
    Resource dataplane =
        view.get(ResourceKey.inMesh(ResourceTypes.DATAPLANE, mesh, name))
            .orElseThrow(() ->
                new ResourceNotFoundException(
                    "Dataplane " + name + " in mesh " + mesh + " does not exist"));
    Resource insight =
        view.get(ResourceKey.inMesh(ResourceTypes.DATAPLANE_INSIGHT, mesh, name)).orElse(null);
    return overview(dataplane, insight).toString();
  }

  private ObjectNode overview(Resource dataplane, Resource insight) {
    ObjectNode encoded = codec.encode(dataplane);
    ObjectNode item = JsonNodeFactory.instance.objectNode();
    item.put("type", "DataplaneOverview");
    item.put("mesh", dataplane.mesh());
    item.put("name", dataplane.name());
    item.set("creationTime", encoded.get("creationTime"));
    item.set("modificationTime", encoded.get("modificationTime"));
    if (encoded.has("labels")) {
      item.set("labels", encoded.get("labels"));
    }
    item.set("dataplane", dataplane.spec());
    JsonNode insightSpec = insight == null ? JsonNodeFactory.instance.objectNode() : insight.spec();
    item.set("dataplaneInsight", insightSpec);
    item.put("state", ProxyConnection.online(insightSpec) ? "Online" : "Offline");
    return item;
  }

  /** A query parameter as a whole number in {@code [min, max]}; 400 naming the field otherwise. */
  static int number(String raw, int absent, int min, int max, String field) {
    if (raw == null || raw.isBlank()) {
      return absent;
    }
    try {
      int value = Integer.parseInt(raw.trim());
      if (value >= min && value <= max) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new ValidationException(
        List.of(new Violation(field, "must be a whole number from " + min + " to " + max)));
  }
}
