package io.meshforge.kds.sync;

import io.meshforge.model.Resource;
import io.meshforge.model.ResourceKey;
import io.meshforge.model.ResourceType;
import java.util.Collection;
import java.util.Optional;

/** {@code LocalView} is the receiver's read access to its own store. */
public interface LocalView {

  /** Returns every local resource of a type (all meshes). */
  Collection<Resource> list(ResourceType type);

  /** Returns one local resource. */
  Optional<Resource> get(ResourceKey key);
}
