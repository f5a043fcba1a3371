package io.meshforge.e2e;

import io.meshforge.local.GlobalNode;
import java.time.Duration;
import tools.jackson.databind.JsonNode;

/**
 * {@code ZoneStateWatch} polls global while a fault runs and records every moment a zone was not
 * Online, or had other than exactly one live subscription. Polls that cannot reach global are
 * skipped, not counted.
 */
final class ZoneStateWatch extends BackgroundWatch {
  private final GlobalNode global;
  private final String zone;

  private ZoneStateWatch(GlobalNode global, String zone) {
    super(Duration.ofMillis(200));
    this.global = global;
    this.zone = zone;
    begin("zone-state-watch");
  }

  static ZoneStateWatch start(GlobalNode global, String zone) {
    return new ZoneStateWatch(global, zone);
  }

  @Override
  boolean poll() {
    String state = Rest.zoneStates(global).get(zone);
    JsonNode insight = Rest.zoneOverview(global, zone).path("zoneInsight");
    if (state == null || !insight.isObject()) {
      return false;
    }
    int live = 0;
    for (JsonNode sub : insight.path("subscriptions")) {
      live += sub.has("disconnectTime") ? 0 : 1;
    }
    if (!"Online".equals(state)) {
      violation(zone + " " + state);
    }
    if (live != 1) {
      violation(live + " live subscriptions of " + zone);
    }
    return true;
  }
}
