package io.meshforge.rest;

import io.meshforge.model.Resource;
import io.meshforge.model.ResourceKey;
import io.meshforge.model.codec.ResourceCodec;
import io.meshforge.model.store.ResourceNotFoundException;
import io.meshforge.model.validation.ValidationException;
import io.meshforge.model.validation.Violation;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Kuma's universal REST paths for every registered type: {@code /meshes/{mesh}/{plural}/{name}} for
 * mesh-scoped types and {@code /{plural}/{name}} for global-scoped ones (a Mesh is {@code
 * /meshes/{name}}). Lists are served by {@link ResourceListController}.
 */
@RestController
class ResourceController {
  private final ResourceService resources;
  private final ResourceCodec codec;
  private final RequestBodyReader bodies;
  private final ResponseFormat format;

  ResourceController(
      ResourceService resources,
      ResourceCodec codec,
      RequestBodyReader bodies,
      ResponseFormat format) {
    this.resources = resources;
    this.codec = codec;
    this.bodies = bodies;
    this.format = format;
  }

  @GetMapping("/meshes/{mesh}/{path}/{name}")
  ResponseEntity<String> getInMesh(
      @PathVariable String mesh,
      @PathVariable String path,
      @PathVariable String name,
      @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
    return get(ResourceKey.inMesh(TypePaths.meshScoped(path), mesh, name), accept);
  }

  @GetMapping("/{path}/{name}")
  ResponseEntity<String> getGlobal(
      @PathVariable String path,
      @PathVariable String name,
      @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
    return get(ResourceKey.global(TypePaths.globalScoped(path), name), accept);
  }

  @PutMapping("/meshes/{mesh}/{path}/{name}")
  ResponseEntity<String> putInMesh(
      @PathVariable String mesh,
      @PathVariable String path,
      @PathVariable String name,
      @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept,
      HttpServletRequest request) {
    return put(ResourceKey.inMesh(TypePaths.meshScoped(path), mesh, name), accept, request);
  }

  @PutMapping("/{path}/{name}")
  ResponseEntity<String> putGlobal(
      @PathVariable String path,
      @PathVariable String name,
      @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept,
      HttpServletRequest request) {
    return put(ResourceKey.global(TypePaths.globalScoped(path), name), accept, request);
  }

  @DeleteMapping("/meshes/{mesh}/{path}/{name}")
  ResponseEntity<String> deleteInMesh(
      @PathVariable String mesh, @PathVariable String path, @PathVariable String name) {
    resources.delete(ResourceKey.inMesh(TypePaths.meshScoped(path), mesh, name));
    return deleted();
  }

  @DeleteMapping("/{path}/{name}")
  ResponseEntity<String> deleteGlobal(@PathVariable String path, @PathVariable String name) {
    resources.delete(ResourceKey.global(TypePaths.globalScoped(path), name));
    return deleted();
  }

  private ResponseEntity<String> get(ResourceKey key, String accept) {
    Resource resource =
        resources
            .get(key)
            .orElseThrow(() -> new ResourceNotFoundException(describe(key) + " does not exist"));
    return format.resource(resource, accept, HttpStatus.OK);
  }

  private ResponseEntity<String> put(ResourceKey key, String accept, HttpServletRequest request) {
    RequestBodyReader.Body body = bodies.read(request);
    Resource decoded = codec.decode(body.bytes(), body.format());
    requireSameKey(key, decoded.key());
    ResourceService.Upserted result = resources.upsert(decoded);
    return format.resource(
        result.resource(), accept, result.created() ? HttpStatus.CREATED : HttpStatus.OK);
  }

  /** The body must describe the resource the URL names: same type, mesh and name. */
  private static void requireSameKey(ResourceKey url, ResourceKey body) {
    List<Violation> violations = new ArrayList<>();
    if (!url.type().equals(body.type())) {
      violations.add(
          new Violation(
              "type", "is " + body.type().name() + " but the path is for " + url.type().name()));
    }
    if (!url.mesh().equals(body.mesh()) && url.type().equals(body.type())) {
      violations.add(new Violation("mesh", "must be \"" + url.mesh() + "\", the mesh in the path"));
    }
    if (!url.name().equals(body.name())) {
      violations.add(new Violation("name", "must be \"" + url.name() + "\", the name in the path"));
    }
    if (!violations.isEmpty()) {
      throw new ValidationException(violations);
    }
  }

  private static ResponseEntity<String> deleted() {
    return ResponseEntity.ok()
        .contentType(org.springframework.http.MediaType.APPLICATION_JSON)
        .body(JsonNodeFactory.instance.objectNode().toString());
  }

  static String describe(ResourceKey key) {
    return key.mesh().isEmpty()
        ? key.type().name() + " \"" + key.name() + "\""
        : key.type().name() + " \"" + key.name() + "\" in mesh \"" + key.mesh() + "\"";
  }
}
