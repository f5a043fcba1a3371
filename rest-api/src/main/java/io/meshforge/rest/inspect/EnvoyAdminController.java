package io.meshforge.rest.inspect;

import io.meshforge.model.ResourceKey;
import io.meshforge.model.ResourceTypes;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Kuma's Envoy admin inspect endpoints of a Dataplane: {@code GET
 * /meshes/{mesh}/dataplanes/{name}/xds} (config dump, JSON; {@code include_eds=true} adds the
 * endpoints), {@code .../stats} and {@code .../clusters} (text). Where the data comes from is the
 * running control plane's {@link ProxyAdmin}.
 */
@RestController
class EnvoyAdminController {
  private final ProxyAdmin admin;

  EnvoyAdminController(ProxyAdmin admin) {
    this.admin = admin;
  }

  @GetMapping("/meshes/{mesh}/dataplanes/{name}/xds")
  ResponseEntity<byte[]> configDump(
      @PathVariable String mesh,
      @PathVariable String name,
      @RequestParam(name = "include_eds", defaultValue = "false") boolean includeEds) {
    return answer(mesh, name, EnvoyAdminKind.CONFIG_DUMP, includeEds);
  }

  @GetMapping("/meshes/{mesh}/dataplanes/{name}/stats")
  ResponseEntity<byte[]> stats(@PathVariable String mesh, @PathVariable String name) {
    return answer(mesh, name, EnvoyAdminKind.STATS, false);
  }

  @GetMapping("/meshes/{mesh}/dataplanes/{name}/clusters")
  ResponseEntity<byte[]> clusters(@PathVariable String mesh, @PathVariable String name) {
    return answer(mesh, name, EnvoyAdminKind.CLUSTERS, false);
  }

  private ResponseEntity<byte[]> answer(
      String mesh, String name, EnvoyAdminKind kind, boolean includeEds) {
    ResourceKey proxy = ResourceKey.inMesh(ResourceTypes.DATAPLANE, mesh, name);
    byte[] body = admin.fetch(new ProxyAdminQuery(proxy, kind, includeEds));
    return ResponseEntity.ok().contentType(MediaType.parseMediaType(kind.mediaType())).body(body);
  }
}
