package io.meshforge.e2e;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code PhantomDeleteWatch} polls, from a background thread while a fault runs, that resources
 * nobody deleted stay present (L2): each probe names a control plane, a mesh and the {@code
 * StoreView} keys that must be there. A probe that cannot reach its control plane (it is down) is
 * skipped, not counted; a probe that reads the store and misses a key is a violation.
 */
final class PhantomDeleteWatch implements AutoCloseable {
  /** What must stay present in one control plane. */
  record Probe(Api api, String mesh, List<String> keys) {}

  private final List<Probe> probes;
  private final List<String> violations = new CopyOnWriteArrayList<>();
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final AtomicInteger rounds = new AtomicInteger();
  private final Thread thread;

  private PhantomDeleteWatch(List<Probe> probes) {
    this.probes = List.copyOf(probes);
    this.thread = Thread.ofVirtual().name("phantom-delete-watch").start(this::loop);
  }

  static PhantomDeleteWatch start(Probe... probes) {
    return new PhantomDeleteWatch(List.of(probes));
  }

  /** Stops polling; returns every missing resource seen, with when and where. */
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
      for (Probe probe : probes) {
        check(probe);
      }
      rounds.incrementAndGet();
      try {
        Thread.sleep(200); // polling period of a monitor, not a wait for a condition
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private void check(Probe probe) {
    Map<String, Integer> view;
    try {
      view = StoreView.read(probe.api(), probe.mesh());
    } catch (RuntimeException e) {
      return; // the control plane is down or restarting: nothing to judge
    }
    for (String key : probe.keys()) {
      if (!view.containsKey(key)) {
        violations.add(java.time.Instant.now() + " " + probe.api().name() + " lacks " + key);
      }
    }
  }
}
