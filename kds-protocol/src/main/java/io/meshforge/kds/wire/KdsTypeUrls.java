package io.meshforge.kds.wire;

import io.meshforge.model.ResourceType;
import io.meshforge.model.ResourceTypes;
import java.util.Optional;

/**
 * {@code KdsTypeUrls} maps resource types to the {@code type_url} used on KDS requests and
 * responses: the bare type name ({@code "MeshTimeout"}), as Kuma does, not a {@code
 * type.googleapis.com/...} URL. The Any inside each {@code Resource} carries the real proto URL of
 * {@link io.meshforge.kds.v1.KdsResource}.
 */
public final class KdsTypeUrls {

  private KdsTypeUrls() {}

  /** Returns the type URL of a resource type. */
  public static String of(ResourceType type) {
    return type.name();
  }

  /** Returns the resource type named by a type URL, if it is a registered type. */
  public static Optional<ResourceType> resolve(String typeUrl) {
    return ResourceTypes.byName(typeUrl);
  }
}
