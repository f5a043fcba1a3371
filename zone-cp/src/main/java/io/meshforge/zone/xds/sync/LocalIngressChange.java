package io.meshforge.zone.xds.sync;

import io.meshforge.model.Resource;
import io.meshforge.zone.xds.context.RemoteZones;
import java.util.List;
import java.util.Objects;

/**
 * {@code LocalIngressChange} tells whether a change of the zone's ZoneIngresses touched only this
 * zone's own ones. A mesh's sidecars reach other zones through those zones' ingresses and never
 * through their own zone's ({@link RemoteZones#isRemote}), so such a change leaves every mesh's
 * configuration as it was. Pure.
 */
final class LocalIngressChange {

  private LocalIngressChange() {}

  /**
   * Returns true when {@code before} and {@code after} (the ZoneIngresses, in the store's order;
   * {@code null} for none) hold the same other-zone ingresses in the same order.
   */
  static boolean onlyLocal(List<Resource> before, List<Resource> after) {
    return Objects.equals(remote(before), remote(after));
  }

  private static List<Resource> remote(List<Resource> ingresses) {
    if (ingresses == null) {
      return List.of();
    }
    return ingresses.stream().filter(RemoteZones::isRemote).toList();
  }
}
