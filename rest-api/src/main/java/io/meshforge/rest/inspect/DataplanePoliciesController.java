package io.meshforge.rest.inspect;

import io.meshforge.model.Resource;
import io.meshforge.model.ResourceKey;
import io.meshforge.model.ResourceType;
import io.meshforge.model.ResourceTypes;
import io.meshforge.model.store.ResourceNotFoundException;
import io.meshforge.model.store.ResourceStore;
import io.meshforge.model.store.ResourceView;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /meshes/{mesh}/dataplanes/{name}/_policies}: the policies that match a Dataplane
 * ({@link DataplanePolicyReport}); {@code shadow=true} includes {@code kuma.io/effect: shadow}
 * policies. The Dataplane is read from the store (a fresh registration counts at once), the
 * policies from the change-fed view the xDS generators also read.
 */
@RestController
class DataplanePoliciesController {
  private final ResourceStore store;
  private final ResourceView view;

  DataplanePoliciesController(ResourceStore store, ResourceView view) {
    this.store = store;
    this.view = view;
  }

  @GetMapping(
      path = "/meshes/{mesh}/dataplanes/{name}/_policies",
      produces = MediaType.APPLICATION_JSON_VALUE)
  String policies(
      @PathVariable String mesh,
      @PathVariable String name,
      @RequestParam(name = "shadow", defaultValue = "false") boolean shadow) {
    ResourceKey key = ResourceKey.inMesh(ResourceTypes.DATAPLANE, mesh, name);
    Resource dataplane =
        store
            .get(key)
            .orElseThrow(() ->
                new ResourceNotFoundException(
                    "Dataplane " + name + " in mesh " + mesh + " does not exist"));
    List<Resource> candidates = new ArrayList<>();
    for (ResourceType type : ResourceTypes.policies()) {
      candidates.addAll(view.list(type, mesh));
    }
    return DataplanePolicyReport.of(dataplane, candidates, shadow).toPrettyString();
  }
}
