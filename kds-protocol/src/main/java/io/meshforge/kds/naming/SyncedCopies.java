package io.meshforge.kds.naming;

import io.meshforge.model.Resource;
import io.meshforge.model.ResourceKey;
import io.meshforge.model.WellKnownLabels;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code SyncedCopies} turns a local resource into the copy a sender puts on the wire: renamed
 * (unless its type is exempt, see {@link SyncedNames}) and stamped with {@code kuma.io/origin},
 * {@code kuma.io/zone} and {@code kuma.io/display-name}.
 *
 * <p>The display name is taken from the {@code kuma.io/display-name} label when present, so copying
 * a copy (global re-broadcasting a zone's resource) keeps the name it already has.
 */
public final class SyncedCopies {

  private SyncedCopies() {}

  /** Returns the copy global sends down to zones: origin {@code global}, status stripped. */
  public static Resource forZones(Resource local) {
    Map<String, String> labels = new HashMap<>(local.labels());
    labels.putIfAbsent(WellKnownLabels.ORIGIN, WellKnownLabels.ORIGIN_GLOBAL);
    String zone = labels.getOrDefault(WellKnownLabels.ZONE, "");
    return renamed(local, labels, zone).withStatus(null);
  }

  /** Returns the copy a zone sends up to global: origin {@code zone}, zone {@code zoneName}. */
  public static Resource forGlobal(Resource local, String zoneName) {
    Map<String, String> labels = new HashMap<>(local.labels());
    labels.put(WellKnownLabels.ORIGIN, WellKnownLabels.ORIGIN_ZONE);
    labels.put(WellKnownLabels.ZONE, zoneName);
    return renamed(local, labels, zoneName);
  }

  private static Resource renamed(Resource local, Map<String, String> labels, String zone) {
    if (SyncedNames.exempt(local.type())) {
      return local.withLabels(labels);
    }
    String displayName = labels.getOrDefault(WellKnownLabels.DISPLAY_NAME, local.name());
    labels.put(WellKnownLabels.DISPLAY_NAME, displayName);
    String name = SyncedNames.syncedName(local.mesh(), displayName, zone);
    return new Resource(
        new ResourceKey(local.type(), local.mesh(), name),
        labels,
        local.spec(),
        local.status(),
        0,
        null,
        null);
  }
}
