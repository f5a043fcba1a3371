package io.meshforge.kds.sync;

import io.meshforge.model.Resource;
import java.util.List;

/** {@code ResourceValidator} checks one received resource before it may be stored. */
@FunctionalInterface
public interface ResourceValidator {

  /** Accepts everything. */
  ResourceValidator ACCEPT_ALL = r -> List.of();

  /** Returns the problems found (each naming the field), or an empty list when it is valid. */
  List<String> validate(Resource resource);
}
