package io.meshforge.global.store;

import io.meshforge.model.store.StoreException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code HighWaterSaver} has the {@link RestoredStoreDetector} read and save the store's position
 * every few seconds and once more when global stops, so the mark outside the database stays close
 * to the database's own (a mark older than the backup would miss the restore) and a restore under a
 * running global is caught within one period even when no zone connects.
 */
final class HighWaterSaver implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(HighWaterSaver.class);

  private final RestoredStoreDetector detector;
  private final ScheduledExecutorService scheduler =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().name("store-high-water").daemon().factory());

  HighWaterSaver(RestoredStoreDetector detector, Duration period) {
    this.detector = detector;
    scheduler.scheduleWithFixedDelay(
        this::recordQuietly, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
    recordQuietly();
  }

  private void recordQuietly() {
    try {
      detector.record();
    } catch (StoreException e) {
      log.debug("Cannot read the store position now: {}", e.getMessage());
    }
  }
}
