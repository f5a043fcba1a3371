package io.meshforge.kds.transport;

import io.meshforge.model.KdsFlag;
import io.meshforge.model.ResourceType;
import io.meshforge.model.ResourceTypes;
import java.util.List;

/**
 * {@code KdsDirections} lists which types travel on each KDS stream, from {@code
 * ResourceType.kds()}.
 */
public final class KdsDirections {

  private KdsDirections() {}

  /** Types global sends down: written on global, or re-broadcast from other zones. */
  public static List<ResourceType> globalToZone() {
    return ResourceTypes.all().stream()
        .filter(t ->
            t.kds().contains(KdsFlag.GLOBAL_TO_ZONES)
                || t.kds().contains(KdsFlag.SYNCED_ACROSS_ZONES))
        .toList();
  }

  /** Types a zone sends up. */
  public static List<ResourceType> zoneToGlobal() {
    return ResourceTypes.all().stream()
        .filter(t -> t.kds().contains(KdsFlag.ZONE_TO_GLOBAL))
        .toList();
  }
}
