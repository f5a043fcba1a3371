package io.meshforge.kds.sync;

/**
 * {@code SyncSink} writes received batches into the local store.
 *
 * <p>Contract: {@link #apply} is atomic (one database transaction: all or nothing). If it throws,
 * nothing was committed; the stream is then reset and never ACKed, and the reconnect resyncs from a
 * complete state. An upsert should only write when spec, labels or status differ, so a resync of
 * unchanged data does not churn versions.
 */
@FunctionalInterface
public interface SyncSink {

  /**
   * Applies a batch atomically.
   *
   * @throws RuntimeException when nothing could be committed (the stream is reset)
   */
  void apply(SyncBatch batch);
}
