package io.meshforge.rest;

import io.meshforge.model.KdsFlag;
import io.meshforge.model.ResourceType;
import io.meshforge.model.ResourceTypes;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** {@code /} (who is this), {@code /_resources} (the type registry) and {@code /config}. */
@RestController
class MetaController {
  private final ControlPlaneIdentity identity;
  private final EffectiveConfig config;
  private final ResourceService resources;
  private final ResponseFormat format;

  MetaController(
      ControlPlaneIdentity identity,
      EffectiveConfig config,
      ResourceService resources,
      ResponseFormat format) {
    this.identity = identity;
    this.config = config;
    this.resources = resources;
    this.format = format;
  }

  @GetMapping("/")
  ResponseEntity<String> index(
      @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.put("product", "MeshForge");
    body.put("version", identity.version());
    body.put("mode", identity.mode());
    body.put("hostname", identity.hostname());
    body.put("instanceId", identity.instanceId());
    body.put("tagline", "multi-zone service mesh control plane, Kuma-compatible");
    return format.tree(body, accept, HttpStatus.OK);
  }

  @GetMapping("/_resources")
  ResponseEntity<String> resources(
      @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    ArrayNode items = body.putArray("resources");
    for (ResourceType type : ResourceTypes.all()) {
      ObjectNode item = items.addObject();
      item.put("name", type.name());
      item.put("scope", type.meshScoped() ? "Mesh" : "Global");
      item.put("path", type.path());
      if (!type.shortName().isEmpty()) {
        item.put("shortName", type.shortName());
      }
      item.put("policy", type.policy());
      item.put("readOnly", !resources.writable(type));
      item.put("zoneMayCreate", type.providedByZone());
      ArrayNode kds = item.putArray("kds");
      for (KdsFlag flag : KdsFlag.values()) {
        if (type.kds().contains(flag)) {
          kds.add(flag.name());
        }
      }
    }
    return format.tree(body, accept, HttpStatus.OK);
  }

  @GetMapping("/config")
  ResponseEntity<String> effectiveConfig(
      @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
    return format.tree(config.tree(), accept, HttpStatus.OK);
  }
}
