package io.meshforge.kds.sync;

import io.meshforge.model.Resource;
import io.meshforge.model.WellKnownLabels;

/**
 * {@code SyncScope} tells which resources belong to the sender of a stream: the only ones its
 * messages may create, change or delete on the receiving side.
 */
@FunctionalInterface
public interface SyncScope {

  /** Returns {@code true} when the resource (local, or received after attribution) is in scope. */
  boolean contains(Resource resource);

  /** Global's scope for a connected zone: resources attributed to that zone. */
  static SyncScope ofZone(String zone) {
    return r ->
        WellKnownLabels.ORIGIN_ZONE.equals(r.labels().get(WellKnownLabels.ORIGIN))
            && zone.equals(r.labels().get(WellKnownLabels.ZONE));
  }

  /** A zone's scope for global: global-origin copies only, never the zone's own resources. */
  static SyncScope globalOrigin() {
    return r -> WellKnownLabels.ORIGIN_GLOBAL.equals(r.labels().get(WellKnownLabels.ORIGIN));
  }

  /**
   * A zone's scope for what global sends it: global-origin copies, and other zones' resources that
   * global re-broadcasts (types synced across zones keep {@code kuma.io/origin=zone} and their
   * {@code kuma.io/zone}); never this zone's own resources.
   */
  static SyncScope fromGlobal(String zone) {
    SyncScope global = globalOrigin();
    return r -> {
      if (global.contains(r)) {
        return true;
      }
      String from = r.labels().get(WellKnownLabels.ZONE);
      return WellKnownLabels.ORIGIN_ZONE.equals(r.labels().get(WellKnownLabels.ORIGIN))
          && from != null
          && !from.isEmpty()
          && !from.equals(zone);
    };
  }
}
