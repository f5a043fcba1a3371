package io.meshforge.global.inspect;

import io.meshforge.model.ResourceKey;
import io.meshforge.model.ResourceTypes;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /meshes/{mesh}/dataplanes/{name}/traffic} on global: the failover drill data of a
 * Dataplane, answered by the zone that owns it over the KDS Envoy admin stream (ADR 0026), with the
 * zone's JSON as it is ({@code name} there is the zone-local name). Refusals answer like inspect:
 * 404 unknown Dataplane, 503 zone offline, 504 zone too slow, 400 a zone that serves no drill data.
 */
@RestController
class GlobalTrafficController {

  private final GlobalProxyAdmin zones;

  GlobalTrafficController(GlobalProxyAdmin zones) {
    this.zones = zones;
  }

  @GetMapping("/meshes/{mesh}/dataplanes/{name}/traffic")
  ResponseEntity<byte[]> traffic(@PathVariable String mesh, @PathVariable String name) {
    byte[] body = zones.traffic(ResourceKey.inMesh(ResourceTypes.DATAPLANE, mesh, name));
    return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
  }
}
