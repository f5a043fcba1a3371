package io.meshforge.e2e;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A monitor that polls from a virtual thread while a fault runs and collects every violation it
 * sees, with when; {@link #stop()} ends it and returns them. A round that could not judge anything
 * (the control plane it asks is down) is skipped, not counted in {@link #rounds()}: a watch that
 * never completed a round proves nothing.
 */
abstract class BackgroundWatch implements AutoCloseable {
  private final List<String> violations = new CopyOnWriteArrayList<>();
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final AtomicInteger rounds = new AtomicInteger();
  private final Duration period;
  private Thread thread;

  /** A watch polling every {@code period} once {@link #begin} is called. */
  BackgroundWatch(Duration period) {
    this.period = period;
  }

  /** Starts polling: the subclass calls it last in its constructor, once its fields are set. */
  final void begin(String name) {
    thread = Thread.ofVirtual().name(name).start(this::loop);
  }

  /** One round of checks; returns {@code false} when nothing could be judged this time. */
  abstract boolean poll();

  /** Records a violation seen now. */
  final void violation(String what) {
    violations.add(Instant.now() + " " + what);
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

  /** How many complete polling rounds ran. */
  int rounds() {
    return rounds.get();
  }

  @Override
  public void close() {
    stop();
  }

  private void loop() {
    while (running.get()) {
      if (poll()) {
        rounds.incrementAndGet();
      }
      try {
        Thread.sleep(period.toMillis()); // polling period of a monitor, not a wait for a condition
      } catch (InterruptedException e) {
        return;
      }
    }
  }
}
