package io.meshforge.e2e;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code TrafficLoop} sends {@code GET /} through a proxy port back to back on its own thread and
 * records every answer with the time it came back, so a test can fault the deployment meanwhile and
 * then count, per phase, what the client saw. Counting is honest: every non-200, refused or
 * timed-out request is an error (its key is {@code error <status>}, -1 for an I/O failure).
 *
 * <p>The loop is bounded: it stops by itself after {@code limit} even if the test never calls
 * {@link #close()}.
 */
final class TrafficLoop implements AutoCloseable {
  /** One answer: when it came back ({@link System#nanoTime()}) and its body or error key. */
  record Sample(long nanos, String answer) {
    boolean ok() {
      return !answer.startsWith("error ");
    }
  }

  /** What the client saw in a time range. */
  record Seen(int requests, int errors, Map<String, Integer> answers) {
    /** How many requests were answered with {@code body}. */
    int servedBy(String body) {
      return answers.getOrDefault(body, 0);
    }
  }

  private final int port;
  private final long end;
  private final AtomicBoolean running = new AtomicBoolean(true);
  // written by the loop thread only, read by the test thread: guarded by itself
  private final List<Sample> samples = new ArrayList<>();
  private final Thread thread;

  private TrafficLoop(int port, Duration limit) {
    this.port = port;
    this.end = System.nanoTime() + limit.toNanos();
    this.thread = Thread.ofPlatform().daemon().name("traffic-loop-" + port).unstarted(this::run);
  }

  /** Starts sending through {@code port}; stops after {@code limit} at the latest. */
  static TrafficLoop start(int port, Duration limit) {
    TrafficLoop loop = new TrafficLoop(port, limit);
    loop.thread.start();
    return loop;
  }

  private void run() {
    while (running.get() && System.nanoTime() < end) {
      Workloads.Answer answer = Workloads.get(port, "/");
      String key = answer.status() == 200 ? answer.body().strip() : "error " + answer.status();
      synchronized (samples) {
        samples.add(new Sample(System.nanoTime(), key));
      }
    }
  }

  /** Requests answered (or failed) at or after {@code since} ({@link System#nanoTime()}). */
  int requestsSince(long since) {
    synchronized (samples) {
      return (int) samples.stream().filter(s -> s.nanos() >= since).count();
    }
  }

  /** Whether the loop is still sending (false once closed or past its limit). */
  boolean isRunning() {
    return thread.isAlive();
  }

  /** What came back in {@code [from, to)} ({@link System#nanoTime()} values). */
  Seen between(long from, long to) {
    Map<String, Integer> answers = new TreeMap<>();
    int requests = 0;
    int errors = 0;
    synchronized (samples) {
      for (Sample sample : samples) {
        if (sample.nanos() >= from && sample.nanos() < to) {
          requests++;
          errors += sample.ok() ? 0 : 1;
          answers.merge(sample.answer(), 1, Integer::sum);
        }
      }
    }
    return new Seen(requests, errors, answers);
  }

  /**
   * How long after {@code since} the first {@code body} answer came back, or {@code null} if none
   * did.
   */
  Duration firstAnswer(String body, long since) {
    synchronized (samples) {
      for (Sample sample : samples) {
        if (sample.nanos() >= since && sample.answer().equals(body)) {
          return Duration.ofNanos(sample.nanos() - since);
        }
      }
    }
    return null;
  }

  /** Stops the loop and waits for its last request (bounded by the client's 2 s timeout). */
  @Override
  public void close() {
    running.set(false);
    try {
      thread.join(Duration.ofSeconds(10));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
