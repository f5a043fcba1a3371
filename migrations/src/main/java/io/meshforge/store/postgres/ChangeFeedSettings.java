package io.meshforge.store.postgres;

import java.time.Duration;
import java.util.Objects;

/**
 * {@code ChangeFeedSettings} are the timing knobs of a {@link PostgresChangeFeed}.
 *
 * @param pollInterval how often the log is read when no NOTIFY arrives (the safety net for lost
 *     notifications and for gaps left by aborted transactions)
 * @param resyncInterval how often the whole view is re-read from the table
 * @param reconnectBackoffMin the first wait after the connection was lost
 * @param reconnectBackoffMax the longest wait between reconnect attempts
 * @param retention how long change-log rows are kept before pruning
 * @param pruneInterval how often old change-log rows are pruned; {@link Duration#ZERO} never
 * @param batchSize the most change-log rows read per query
 * @param resyncWindow after a full resync, how many revisions below the newest one are still
 *     watched for late commits
 * @param maxPendingRevisions above this many revisions applied past an unresolved gap, the feed
 *     resyncs instead of remembering more
 */
public record ChangeFeedSettings(
    Duration pollInterval,
    Duration resyncInterval,
    Duration reconnectBackoffMin,
    Duration reconnectBackoffMax,
    Duration retention,
    Duration pruneInterval,
    int batchSize,
    int resyncWindow,
    int maxPendingRevisions) {

  public ChangeFeedSettings {
    Objects.requireNonNull(pollInterval, "pollInterval");
    Objects.requireNonNull(resyncInterval, "resyncInterval");
    Objects.requireNonNull(reconnectBackoffMin, "reconnectBackoffMin");
    Objects.requireNonNull(reconnectBackoffMax, "reconnectBackoffMax");
    Objects.requireNonNull(retention, "retention");
    Objects.requireNonNull(pruneInterval, "pruneInterval");
    if (pollInterval.isNegative() || pollInterval.isZero()) {
      throw new IllegalArgumentException("pollInterval must be positive");
    }
    if (batchSize < 1 || resyncWindow < 0 || maxPendingRevisions < 1) {
      throw new IllegalArgumentException("batchSize and maxPendingRevisions must be positive");
    }
  }

  /**
   * Returns the defaults: poll every second, resync every 5 minutes, reconnect after 100 ms
   * doubling up to 10 s, keep the log for an hour and prune it every minute.
   */
  public static ChangeFeedSettings defaults() {
    return new ChangeFeedSettings(
        Duration.ofSeconds(1),
        Duration.ofMinutes(5),
        Duration.ofMillis(100),
        Duration.ofSeconds(10),
        Duration.ofHours(1),
        Duration.ofMinutes(1),
        5_000,
        10_000,
        200_000);
  }

  /** Returns a copy with another poll interval. */
  public ChangeFeedSettings withPollInterval(Duration value) {
    return new ChangeFeedSettings(
        value,
        resyncInterval,
        reconnectBackoffMin,
        reconnectBackoffMax,
        retention,
        pruneInterval,
        batchSize,
        resyncWindow,
        maxPendingRevisions);
  }

  /** Returns a copy with another resync interval. */
  public ChangeFeedSettings withResyncInterval(Duration value) {
    return new ChangeFeedSettings(
        pollInterval,
        value,
        reconnectBackoffMin,
        reconnectBackoffMax,
        retention,
        pruneInterval,
        batchSize,
        resyncWindow,
        maxPendingRevisions);
  }

  /** Returns a copy with another retention and prune interval. */
  public ChangeFeedSettings withPruning(Duration newRetention, Duration newPruneInterval) {
    return new ChangeFeedSettings(
        pollInterval,
        resyncInterval,
        reconnectBackoffMin,
        reconnectBackoffMax,
        newRetention,
        newPruneInterval,
        batchSize,
        resyncWindow,
        maxPendingRevisions);
  }

  /** Returns a copy with other reconnect backoff bounds. */
  public ChangeFeedSettings withReconnectBackoff(Duration min, Duration max) {
    return new ChangeFeedSettings(
        pollInterval,
        resyncInterval,
        min,
        max,
        retention,
        pruneInterval,
        batchSize,
        resyncWindow,
        maxPendingRevisions);
  }

  /** Returns a copy with another batch size. */
  public ChangeFeedSettings withBatchSize(int value) {
    return new ChangeFeedSettings(
        pollInterval,
        resyncInterval,
        reconnectBackoffMin,
        reconnectBackoffMax,
        retention,
        pruneInterval,
        value,
        resyncWindow,
        maxPendingRevisions);
  }
}
