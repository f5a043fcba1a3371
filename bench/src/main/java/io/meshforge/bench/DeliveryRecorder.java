package io.meshforge.bench;

import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * {@code DeliveryRecorder} turns "proxy {@code p} received the marker of change {@code k}" into
 * delivery latencies: from the moment the harness started writing change {@code k} to the moment
 * the proxy decoded it. A proxy that sees change {@code k} directly after {@code j < k - 1} (the
 * changes in between were merged by the debounce) received all of them at that moment. The first
 * marker a proxy sees (with its initial configuration) only sets where it starts.
 *
 * <p>Besides every (proxy, change) latency it keeps, per change, the latency of the slowest proxy
 * so far: once every proxy has seen a change, that is the change's "all consumers updated" time.
 *
 * <p>Thread-safe: each proxy reports from its stream's thread; the harness records changes.
 */
final class DeliveryRecorder {
  private final ConcurrentHashMap<Integer, Long> written = new ConcurrentHashMap<>();

  /** The wall-clock twin of {@link #written}, taken at the same moment, to compare with stores. */
  private final ConcurrentHashMap<Integer, Instant> writtenAt = new ConcurrentHashMap<>();

  private final AtomicIntegerArray lastSeen;
  private volatile Latencies latencies = new Latencies();
  private volatile ConcurrentHashMap<Integer, Double> slowest = new ConcurrentHashMap<>();
  private volatile int recordFrom = Integer.MAX_VALUE;

  DeliveryRecorder(int proxies) {
    this.lastSeen = new AtomicIntegerArray(proxies);
    for (int i = 0; i < proxies; i++) {
      lastSeen.set(i, -1);
    }
  }

  /** Starts a new measurement: changes from {@code firstChange} on are recorded. */
  void startPhase(int firstChange) {
    latencies = new Latencies();
    slowest = new ConcurrentHashMap<>();
    recordFrom = firstChange;
  }

  Latencies latencies() {
    return latencies;
  }

  /**
   * Per change of the current phase that some proxy has seen: the latency of the slowest proxy that
   * has seen it. Complete for a change once {@link #behind} says no proxy lacks it.
   */
  Latencies slowestPerChange() {
    Latencies perChange = new Latencies();
    slowest.values().forEach(perChange::add);
    return perChange;
  }

  /** The harness is about to write change {@code change}. */
  void writing(int change) {
    writtenAt.put(change, Instant.now());
    written.put(change, System.nanoTime());
  }

  /** When the harness started writing {@code change}, on the wall clock; null if it did not. */
  Instant writtenAt(int change) {
    return writtenAt.get(change);
  }

  /**
   * The latency in ms of the slowest proxy that has seen {@code change} of the current phase (all
   * consumers updated, once none is {@link #behind}); null when no proxy has seen it.
   */
  Double slowestOf(int change) {
    return slowest.get(change);
  }

  /** Proxy {@code proxy} decoded the marker of change {@code change}. */
  void received(int proxy, int change) {
    long now = System.nanoTime();
    int previous = lastSeen.getAndAccumulate(proxy, change, Math::max);
    if (previous < 0) {
      return; // its first configuration: changes made before it connected are not deliveries
    }
    for (int k = Math.max(previous + 1, recordFrom); k <= change; k++) {
      Long start = written.get(k);
      if (start != null) {
        double millis = (now - start) / 1e6;
        latencies.add(millis);
        slowest.merge(k, millis, Math::max);
      }
    }
  }

  /** How many of the first {@code proxies} proxies have not seen change {@code change} yet. */
  int behind(int proxies, int change) {
    int behind = 0;
    for (int i = 0; i < proxies; i++) {
      if (lastSeen.get(i) < change) {
        behind++;
      }
    }
    return behind;
  }
}
