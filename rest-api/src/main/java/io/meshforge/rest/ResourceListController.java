package io.meshforge.rest;

import io.meshforge.model.Resource;
import io.meshforge.model.ResourceType;
import io.meshforge.model.store.ResourcePage;
import io.meshforge.model.store.ResourceQuery;
import io.meshforge.model.store.ResourceStore;
import io.meshforge.model.validation.ValidationException;
import io.meshforge.model.validation.Violation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Lists in Kuma's shape {@code {total, items, next}}: {@code /meshes/{mesh}/{plural}} for one mesh,
 * {@code /{plural}} for global-scoped types and across meshes for mesh-scoped ones.
 *
 * <p>Query parameters: {@code size} (default 100, at most 1000), {@code offset} (from {@code
 * next}), {@code name} (substring), {@code filter[labels.KEY]=VALUE} (repeatable, all must match).
 */
@RestController
class ResourceListController {
  static final int DEFAULT_SIZE = 100;
  static final int MAX_SIZE = 1000;
  private static final String LABEL_FILTER_PREFIX = "filter[labels.";

  private final ResourceStore store;
  private final ResponseFormat format;

  ResourceListController(ResourceStore store, ResponseFormat format) {
    this.store = store;
    this.format = format;
  }

  @GetMapping("/meshes/{mesh}/{path}")
  ResponseEntity<String> listInMesh(
      @PathVariable String mesh,
      @PathVariable String path,
      @RequestParam Map<String, String> params,
      @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
    return list(TypePaths.meshScoped(path), mesh, "/meshes/" + mesh + "/" + path, params, accept);
  }

  @GetMapping("/{path}")
  ResponseEntity<String> list(
      @PathVariable String path,
      @RequestParam Map<String, String> params,
      @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
    return list(TypePaths.any(path), null, "/" + path, params, accept);
  }

  private ResponseEntity<String> list(
      ResourceType type, String mesh, String self, Map<String, String> params, String accept) {
    int size = size(params.get("size"));
    ResourceQuery query =
        new ResourceQuery(
            type, mesh, labelFilters(params), params.get("name"), params.get("offset"), size);
    ResourcePage page;
    try {
      page = store.list(query);
    } catch (IllegalArgumentException e) {
      throw new ValidationException(
          List.of(new Violation("offset", "is not an offset this API returned")));
    }
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.put("total", page.total());
    var items = body.putArray("items");
    for (Resource item : page.items()) {
      items.add(format.encode(item));
    }
    if (page.next() == null) {
      body.putNull("next");
    } else {
      body.put("next", nextUrl(self, params, page.next(), size));
    }
    return format.tree(body, accept, HttpStatus.OK);
  }

  private static String nextUrl(String self, Map<String, String> params, String offset, int size) {
    UriComponentsBuilder next = UriComponentsBuilder.fromPath(self);
    params.forEach((k, v) -> {
      if (!k.equals("offset") && !k.equals("size")) {
        next.queryParam(k, v);
      }
    });
    return next.queryParam("offset", offset).queryParam("size", size).encode().build().toString();
  }

  private static int size(String raw) {
    if (raw == null || raw.isBlank()) {
      return DEFAULT_SIZE;
    }
    try {
      int size = Integer.parseInt(raw.trim());
      if (size >= 1 && size <= MAX_SIZE) {
        return size;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new ValidationException(
        List.of(new Violation("size", "must be a whole number from 1 to " + MAX_SIZE)));
  }

  private static Map<String, String> labelFilters(Map<String, String> params) {
    Map<String, String> labels = new LinkedHashMap<>();
    params.forEach((k, v) -> {
      if (k.startsWith(LABEL_FILTER_PREFIX) && k.endsWith("]")) {
        labels.put(k.substring(LABEL_FILTER_PREFIX.length(), k.length() - 1), v);
      }
    });
    return labels;
  }
}
