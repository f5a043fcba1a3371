package io.meshforge.e2e;

import io.meshforge.local.GlobalNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code ZoneStateWatch} polls global from a background thread while a fault runs and records every
 * moment a zone was not Online, or had other than exactly one live subscription. Polls that cannot
 * reach global are skipped, not counted.
 */
final class ZoneStateWatch implements AutoCloseable {
  private final GlobalNode global;
  private final String zone;
  private final List<String> violations = new CopyOnWriteArrayList<>();
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final AtomicInteger rounds = new AtomicInteger();
  private final Thread thread;

  private ZoneStateWatch(GlobalNode global, String zone) {
    this.global = global;
    this.zone = zone;
    this.thread = Thread.ofVirtual().name("zone-state-watch").start(this::loop);
  }

  static ZoneStateWatch start(GlobalNode global, String zone) {
    return new ZoneStateWatch(global, zone);
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

  @Override
  public void close() {
    stop();
  }

  private void loop() {
    while (running.get()) {
      String state = Rest.zoneStates(global).get(zone);
      tools.jackson.databind.JsonNode insight = Rest.zoneOverview(global, zone).path("zoneInsight");
      if (state != null && insight.isObject()) {
        int live = 0;
        for (tools.jackson.databind.JsonNode sub : insight.path("subscriptions")) {
          live += sub.has("disconnectTime") ? 0 : 1;
        }
        if (!"Online".equals(state)) {
          violations.add(java.time.Instant.now() + " " + zone + " " + state);
        }
        if (live != 1) {
          violations.add(java.time.Instant.now() + " " + live + " live subscriptions of " + zone);
        }
        rounds.incrementAndGet();
      }
      try {
        Thread.sleep(200); // polling period of a monitor, not a wait for a condition
      } catch (InterruptedException e) {
        return;
      }
    }
  }
}
