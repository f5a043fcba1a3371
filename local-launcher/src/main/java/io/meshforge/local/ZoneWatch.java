package io.meshforge.local;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.locks.LockSupport;

/** {@code ZoneWatch} polls global's zone overview and prints each zone as it comes Online. */
final class ZoneWatch {
  private static final Duration TIMEOUT = Duration.ofSeconds(180);

  private final GlobalNode global;
  private final ProgressLog log;

  ZoneWatch(GlobalNode global, ProgressLog log) {
    this.global = global;
    this.log = log;
  }

  /** Returns when every zone of {@code zones} is Online on global; throws after the timeout. */
  void awaitOnline(List<String> zones) {
    Set<String> online = new TreeSet<>();
    Instant deadline = Instant.now().plus(TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      Map<String, String> states = global.zoneStates();
      for (String zone : zones) {
        if ("Online".equals(states.get(zone)) && online.add(zone)) {
          log.step("zone " + zone + " Online on global");
        }
      }
      if (online.size() == zones.size()) {
        return;
      }
      LockSupport.parkNanos(Duration.ofMillis(250).toNanos()); // the polling cadence
    }
    throw new IllegalStateException(
        "zones "
            + zones
            + " not all Online on global after "
            + TIMEOUT
            + " (Online: "
            + online
            + ")");
  }
}
