package io.meshforge.global.zone;

import io.meshforge.model.Resource;
import io.meshforge.model.ResourceTypes;
import io.meshforge.model.codec.ResourceCodec;
import io.meshforge.model.store.ResourceNotFoundException;
import io.meshforge.model.store.ResourceStore;
import io.meshforge.model.store.ResourceView;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Zone endpoints owned by federation:
 *
 * <ul>
 *   <li>{@code GET /zones/_overview} and {@code /zones/{name}/_overview}: each Zone with its
 *       insight and {@code state: Online|Offline} (Kuma's {@code ZoneOverview} plus the state);
 *   <li>{@code DELETE /zones/{name}}: refused with 409 while the zone is Online; otherwise the Zone
 *       is deleted with everything it owns (what it synced, its insight).
 * </ul>
 */
@RestController
class ZoneController {

  private final ResourceStore store;
  private final ResourceView view;
  private final ZoneInsights insights;
  private final ResourceCodec codec = new ResourceCodec();

  ZoneController(ResourceStore store, ResourceView view, ZoneInsights insights) {
    this.store = store;
    this.view = view;
    this.insights = insights;
  }

  @GetMapping(path = "/zones/_overview", produces = MediaType.APPLICATION_JSON_VALUE)
  String overviews() {
    List<Resource> zones = view.list(ResourceTypes.ZONE, null);
    ObjectNode page = JsonNodeFactory.instance.objectNode();
    page.put("total", zones.size());
    ArrayNode items = page.putArray("items");
    zones.forEach(zone -> items.add(overview(zone)));
    page.putNull("next");
    return page.toString();
  }

  @GetMapping(path = "/zones/{name}/_overview", produces = MediaType.APPLICATION_JSON_VALUE)
  String overview(@PathVariable String name) {
    Resource zone =
        zone(name)
            .orElseThrow(() -> new ResourceNotFoundException("Zone \"" + name + "\" not found"));
    return overview(zone).toString();
  }

  @DeleteMapping("/zones/{name}")
  ResponseEntity<String> delete(@PathVariable String name) {
    if (zone(name).isEmpty()) {
      throw new ResourceNotFoundException("Zone \"" + name + "\" not found");
    }
    if (insights.online(name)) {
      throw new ResponseStatusException(
          HttpStatus.CONFLICT,
          "zone \""
              + name
              + "\" is connected; stop its control plane or revoke its token, wait until it is"
              + " Offline, then delete it");
    }
    store.delete(ZoneRegistry.keyOf(name));
    return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body("{}");
  }

  private Optional<Resource> zone(String name) {
    return view.get(ZoneRegistry.keyOf(name)).or(() -> store.get(ZoneRegistry.keyOf(name)));
  }

  private ObjectNode overview(Resource zone) {
    ObjectNode encoded = codec.encode(zone);
    ObjectNode item = JsonNodeFactory.instance.objectNode();
    item.put("type", "ZoneOverview");
    item.put("mesh", "");
    item.put("name", zone.name());
    item.set("creationTime", encoded.get("creationTime"));
    item.set("modificationTime", encoded.get("modificationTime"));
    ObjectNode spec = item.putObject("zone");
    spec.put("enabled", ZoneRegistry.isEnabled(zone.spec()));
    item.set(
        "zoneInsight",
        insights.current(zone.name()).orElseGet(JsonNodeFactory.instance::objectNode));
    item.put("state", insights.online(zone.name()) ? "Online" : "Offline");
    return item;
  }
}
