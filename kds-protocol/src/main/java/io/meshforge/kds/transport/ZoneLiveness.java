package io.meshforge.kds.transport;

import io.grpc.Status;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * {@code ZoneLiveness} tracks the last sign of life of each connected zone (stream open or
 * heartbeat) and closes every stream of a zone silent for longer than the timeout.
 */
final class ZoneLiveness {

  private final Map<String, Instant> lastSeen = new ConcurrentHashMap<>();
  private final Map<String, Set<Consumer<Status>>> streams = new ConcurrentHashMap<>();
  private final InstantSource clock;
  private final Duration timeout;

  ZoneLiveness(InstantSource clock, Duration timeout) {
    this.clock = clock;
    this.timeout = timeout;
  }

  /** Records a sign of life. */
  void touch(String zone) {
    lastSeen.put(zone, clock.instant());
  }

  /** Registers a stream of a zone; returns the action that unregisters it. */
  Runnable register(String zone, Consumer<Status> closer) {
    touch(zone);
    streams.computeIfAbsent(zone, z -> ConcurrentHashMap.newKeySet()).add(closer);
    return () -> streams.getOrDefault(zone, Set.of()).remove(closer);
  }

  /** Returns the zones with at least one open stream. */
  Set<String> connected() {
    return Set.copyOf(
        streams.entrySet().stream()
            .filter(e -> !e.getValue().isEmpty())
            .map(Map.Entry::getKey)
            .toList());
  }

  /** Closes the streams of every zone silent past the timeout. */
  void expire() {
    Instant cutoff = clock.instant().minus(timeout);
    streams.forEach((zone, closers) -> {
      Instant seen = lastSeen.get(zone);
      if (!closers.isEmpty() && seen != null && seen.isBefore(cutoff)) {
        Status status = Status.UNAVAILABLE.withDescription("no heartbeat since " + seen);
        Set.copyOf(closers).forEach(closer -> closer.accept(status));
      }
    });
  }
}
