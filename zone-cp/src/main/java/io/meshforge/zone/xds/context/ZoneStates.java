package io.meshforge.zone.xds.context;

import io.meshforge.model.Resource;
import io.meshforge.model.WellKnownLabels;
import java.util.Collection;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a zone knows about the zones of the federation when it builds proxies: its own name and the
 * zones an operator disabled on global ({@code Zone.enabled: false}, the evacuation switch). Zone
 * resources come down from global (ADR 0023); a zone not known here counts as enabled, so a zone
 * that has not heard from global yet routes as before.
 *
 * @param local this zone's name ({@code ""} when unknown, e.g. in unit tests)
 * @param disabled the zones disabled on global, this one possibly among them
 */
public record ZoneStates(String local, Set<String> disabled) {

  /** A zone that knows of no disabled zone. */
  public static final ZoneStates NONE = new ZoneStates("", Set.of());

  public ZoneStates {
    Objects.requireNonNull(local, "local");
    disabled = Set.copyOf(disabled);
  }

  /**
   * Reads the Zone resources global sent down.
   *
   * @param local this zone's name
   * @param zones the Zone resources (inline spec {@code enabled}, absent = enabled); a copy from
   *     global is named by its {@code kuma.io/display-name} label
   */
  public static ZoneStates of(String local, Collection<Resource> zones) {
    Set<String> disabled = new TreeSet<>();
    for (Resource zone : zones) {
      var enabled = zone.spec() == null ? null : zone.spec().get("enabled");
      if (enabled != null && enabled.isBoolean() && !enabled.asBoolean()) {
        // Copies from global carry a hashed name; the zone's own name is the display name.
        disabled.add(zone.labels().getOrDefault(WellKnownLabels.DISPLAY_NAME, zone.name()));
      }
    }
    return new ZoneStates(local, disabled);
  }

  /** Returns whether this zone is evacuated: its own clients must leave it too. */
  public boolean localDisabled() {
    return disabled.contains(local);
  }

  /** Returns whether traffic may go to {@code zone}. */
  public boolean enabled(String zone) {
    return !disabled.contains(zone);
  }
}
