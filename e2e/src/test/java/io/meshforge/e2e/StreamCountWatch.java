package io.meshforge.e2e;

import io.meshforge.local.GlobalNode;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code StreamCountWatch} polls global while a fault runs and records every moment a zone had more
 * KDS streams open than one connection makes (L8: at most one leader, so at most one connection per
 * zone): global's {@code kds_zone_active_connections{zone}} gauge above {@code
 * streamsPerConnection}, or more than one live subscription in the zone's insight. Polls that
 * cannot reach global are skipped, not counted.
 */
final class StreamCountWatch extends BackgroundWatch {
  private final GlobalNode global;
  private final String zone;
  private final int streamsPerConnection;
  private final AtomicInteger highestGauge = new AtomicInteger();

  private StreamCountWatch(GlobalNode global, String zone, int streamsPerConnection) {
    super(Duration.ofMillis(100));
    this.global = global;
    this.zone = zone;
    this.streamsPerConnection = streamsPerConnection;
    begin("stream-count-watch");
  }

  /**
   * Starts watching {@code zone}.
   *
   * @param streamsPerConnection the gauge's value while exactly one instance of the zone is
   *     connected (measured by the caller before the fault)
   */
  static StreamCountWatch start(GlobalNode global, String zone, int streamsPerConnection) {
    return new StreamCountWatch(global, zone, streamsPerConnection);
  }

  /** Global's {@code kds_zone_active_connections} for the zone now; -1 when it does not answer. */
  static int activeStreams(GlobalNode global, String zone) {
    String metrics = Rest.metrics(global);
    if (metrics.isEmpty()) {
      return -1;
    }
    String label = "zone=\"" + zone + "\"";
    for (String line : metrics.split("\n")) {
      if (line.startsWith("kds_zone_active_connections{") && line.contains(label)) {
        return (int) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return 0;
  }

  /** The highest gauge value seen. */
  int highestGauge() {
    return highestGauge.get();
  }

  @Override
  boolean poll() {
    int gauge = activeStreams(global, zone);
    if (gauge < 0) {
      return false;
    }
    highestGauge.accumulateAndGet(gauge, Math::max);
    if (gauge > streamsPerConnection) {
      violation(gauge + " KDS streams of " + zone);
    }
    int live = Rest.liveSubscriptions(global, zone).size();
    if (live > 1) {
      violation(live + " live subscriptions of " + zone);
    }
    return true;
  }
}
