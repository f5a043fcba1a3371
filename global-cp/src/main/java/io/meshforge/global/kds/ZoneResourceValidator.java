package io.meshforge.global.kds;

import io.meshforge.kds.sync.ResourceValidator;
import io.meshforge.model.Resource;
import io.meshforge.model.ResourceKey;
import io.meshforge.model.ResourceTypes;
import io.meshforge.model.store.ResourceView;
import io.meshforge.model.validation.Violation;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ZoneResourceValidator} checks each resource a zone sends (after attribution): the same
 * semantic validation as the REST API, and for mesh-scoped resources that their Mesh exists on
 * global. A failure is named in the NACK; the valid rest of the batch is still applied.
 */
final class ZoneResourceValidator implements ResourceValidator {

  private final io.meshforge.model.validation.ResourceValidator rules =
      new io.meshforge.model.validation.ResourceValidator();
  private final ResourceView view;

  ZoneResourceValidator(ResourceView view) {
    this.view = view;
  }

  @Override
  public List<String> validate(Resource resource) {
    List<String> problems = new ArrayList<>();
    if (resource.type().meshScoped()
        && view.get(new ResourceKey(ResourceTypes.MESH, "", resource.mesh())).isEmpty()) {
      problems.add("mesh: Mesh " + resource.mesh() + " does not exist on global");
    }
    for (Violation violation : rules.validate(resource)) {
      problems.add(violation.toString());
    }
    return problems;
  }
}
