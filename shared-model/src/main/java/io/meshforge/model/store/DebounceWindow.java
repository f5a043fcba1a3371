package io.meshforge.model.store;

/**
 * {@code DebounceWindow} is the debounce state of one type of a {@link ViewWatcher}: whether it has
 * undelivered changes, and when it is due. Times are {@link System#nanoTime()} values, passed in so
 * the arithmetic can be tested without a clock.
 *
 * <p>Not thread-safe: the watcher guards it.
 */
final class DebounceWindow {

  private final long delayNanos;
  private final long maxDelayNanos;
  private boolean pending;
  private long firstChange;
  private long lastChange;

  DebounceWindow(DebounceSettings settings) {
    this.delayNanos = settings.delay().toNanos();
    this.maxDelayNanos = settings.maxDelay().toNanos();
  }

  /** Records a change seen at {@code now}. */
  void changed(long now) {
    if (!pending) {
      pending = true;
      firstChange = now;
    }
    lastChange = now;
  }

  /** Returns {@code true} when a change was recorded and not delivered yet. */
  boolean pending() {
    return pending;
  }

  /**
   * Returns when the pending changes are due: {@code delay} after the last one, but no later than
   * {@code maxDelay} after the first one. Only meaningful while {@link #pending()}.
   */
  long dueAt() {
    long quiet = lastChange + delayNanos;
    long bound = firstChange + maxDelayNanos;
    return quiet - bound < 0 ? quiet : bound;
  }

  /** Returns {@code true} when changes are pending and due at {@code now}. */
  boolean isDue(long now) {
    return pending && now - dueAt() >= 0;
  }

  /** Forgets the pending changes: they are being delivered. */
  void delivered() {
    pending = false;
  }
}
