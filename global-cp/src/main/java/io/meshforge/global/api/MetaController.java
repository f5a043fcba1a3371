package io.meshforge.global.api;

import io.meshforge.global.config.ForgeGlobalProperties;
import io.meshforge.global.config.InstanceInfo;
import io.meshforge.model.KdsFlag;
import io.meshforge.model.ResourceType;
import io.meshforge.model.ResourceTypes;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** {@code /} (who is this), {@code /_resources} (the type registry) and {@code /config}. */
@RestController
class MetaController {
  static final String MASK = "*****";

  private final InstanceInfo instance;
  private final ForgeGlobalProperties config;
  private final ResponseFormat format;
  private final JsonMapper json = JsonMapper.builder().build();

  MetaController(InstanceInfo instance, ForgeGlobalProperties config, ResponseFormat format) {
    this.instance = instance;
    this.config = config;
    this.format = format;
  }

  @GetMapping("/")
  ResponseEntity<String> index(
      @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.put("product", "MeshForge");
    body.put("version", instance.version());
    body.put("mode", "global");
    body.put("hostname", instance.hostname());
    body.put("instanceId", instance.instanceId());
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
      item.put("readOnly", !type.providedByGlobal());
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
    ObjectNode tree = json.valueToTree(config);
    ((ObjectNode) tree.get("state")).put("dir", config.state().dir().toAbsolutePath().toString());
    ObjectNode postgres = (ObjectNode) tree.get("store").get("postgres");
    if (!config.store().postgres().password().isEmpty()) {
      postgres.put("password", MASK);
    }
    postgres.put("poll", config.store().postgres().poll().toString());
    return format.tree(tree, accept, HttpStatus.OK);
  }
}
