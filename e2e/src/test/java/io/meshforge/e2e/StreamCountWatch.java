package io.meshforge.e2e;

import io.meshforge.local.GlobalNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code StreamCountWatch} polls global from a background thread while a fault runs and records
 * every moment a zone had more KDS streams open than one connection makes (L8: at most one leader,
 * so at most one connection per zone): global's {@code kds_zone_active_connections{zone}} gauge
 * above {@code streamsPerConnection}, or more than one live subscription in the zone's insight.
 * Polls that cannot reach global are skipped, not counted.
 */
final class StreamCountWatch implements AutoCloseable {
  private final GlobalNode global;
  private final String zone;
  private final int streamsPerConnection;
  private final List<String> violations = new CopyOnWriteArrayList<>();
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final AtomicInteger rounds = new AtomicInteger();
  private final AtomicInteger highestGauge = new AtomicInteger();
  private final Thread thread;

  private StreamCountWatch(GlobalNode global, String zone, int streamsPerConnection) {
    this.global = global;
    this.zone = zone;
    this.streamsPerConnection = streamsPerConnection;
    this.thread = Thread.ofVirtual().name("stream-count-watch").start(this::loop);
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

  /** Stops polling; returns every violation seen, with when and what. */
  List<String> stop() {
    running.set(false);
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return new ArrayList<>(violations);
  }

  /** How many complete polling rounds ran (a watch that never polled proves nothing). */
  int rounds() {
    return rounds.get();
  }

  /** The highest gauge value seen. */
  int highestGauge() {
    return highestGauge.get();
  }

  @Override
  public void close() {
    stop();
  }

  private void loop() {
    while (running.get()) {
      int gauge = activeStreams(global, zone);
      if (gauge >= 0) {
        highestGauge.accumulateAndGet(gauge, Math::max);
        if (gauge > streamsPerConnection) {
          violations.add(java.time.Instant.now() + " " + gauge + " KDS streams of " + zone);
        }
        int live = Rest.liveSubscriptions(global, zone).size();
        if (live > 1) {
          violations.add(java.time.Instant.now() + " " + live + " live subscriptions of " + zone);
        }
        rounds.incrementAndGet();
      }
      try {
        Thread.sleep(100); // polling period of a monitor, not a wait for a condition
      } catch (InterruptedException e) {
        return;
      }
    }
  }
}
