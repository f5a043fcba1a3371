package io.meshforge.zone.meshservice;

import io.meshforge.model.ResourceKey;
import java.util.Comparator;

/** The order generated MeshServices are computed and written in: mesh, then name. */
final class ResourceKeys {
  static final Comparator<ResourceKey> ORDER =
      Comparator.comparing(ResourceKey::mesh).thenComparing(ResourceKey::name);

  private ResourceKeys() {}
}
