package io.meshforge.bench;

import io.envoyproxy.envoy.config.endpoint.v3.ClusterLoadAssignment;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToIntFunction;

/**
 * {@code ChurnObserver} turns the assignments the proxies decode into "proxy {@code p} has seen
 * change {@code k}" for a {@link DeliveryRecorder}. Changes are numbered across the whole run; a
 * {@link Stage} is a run of {@code instances} changes that each add (or each remove) one instance,
 * so the level the stage watches ({@link AssignmentLevels}) says which of its changes a proxy has
 * seen: after the stage's {@code j}th change the level is {@code j} when adding and {@code
 * instances - j} when removing.
 *
 * <p>A stage's level 0 when adding (or {@code instances} when removing) is the last change of the
 * stage before, so consecutive stages agree at their boundary. The harness switches stages only
 * once every proxy has seen the stage's last change (or a deadline passed, and the stragglers are
 * reported as missed). A level outside [0, instances] is counted as unexpected and not recorded.
 *
 * <p>Thread-safe: proxies report on their streams' threads; the harness switches the stage.
 */
final class ChurnObserver {

  /**
   * One stage of the churn.
   *
   * @param name how the report names it
   * @param level what its changes move in a proxy's assignment
   * @param firstChange the number of its first change
   * @param instances how many changes it makes
   * @param adding whether each change adds an instance (else removes one)
   */
  record Stage(
      String name,
      ToIntFunction<ClusterLoadAssignment> level,
      int firstChange,
      int instances,
      boolean adding) {

    int lastChange() {
      return firstChange + instances - 1;
    }

    /** The change a proxy at {@code level} has seen; -1 for a level this stage never produces. */
    int changeAt(int level) {
      if (level < 0 || level > instances) {
        return -1;
      }
      return firstChange - 1 + (adding ? level : instances - level);
    }
  }

  private final DeliveryRecorder recorder;
  private final AtomicLong unexpected = new AtomicLong();
  private volatile Stage stage;

  ChurnObserver(DeliveryRecorder recorder, Stage first) {
    this.recorder = recorder;
    this.stage = first;
  }

  /** From now on assignments are read as {@code next}'s levels. */
  void enter(Stage next) {
    stage = next;
  }

  /** Proxy {@code proxy} decoded {@code cla} (the watched cluster's). */
  void decoded(int proxy, ClusterLoadAssignment cla) {
    Stage current = stage;
    int change = current.changeAt(current.level().applyAsInt(cla));
    if (change < 0) {
      unexpected.incrementAndGet();
    } else {
      recorder.received(proxy, change);
    }
  }

  /** How many assignments had a level no stage change explains. */
  long unexpected() {
    return unexpected.get();
  }
}
