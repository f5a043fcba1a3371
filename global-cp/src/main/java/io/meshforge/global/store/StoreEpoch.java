package io.meshforge.global.store;

import io.meshforge.model.store.StoreException;
import io.meshforge.model.store.StoreIdentity;
import java.util.Objects;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code StoreEpoch} is global's store epoch as advertised to zones (ADR 0013): read from the
 * database on each call, so a database restored or rotated under a running global is noticed on the
 * next KDS call; when it cannot be read, the last epoch read stands (a database blip must not make
 * every zone hold its deletions and wait for an operator).
 */
public final class StoreEpoch {
  private static final Logger log = LoggerFactory.getLogger(StoreEpoch.class);

  private final StoreIdentity source;
  private volatile UUID lastKnown;

  /**
   * @param source reads the epoch; may throw {@link StoreException}
   */
  public StoreEpoch(StoreIdentity source) {
    this.source = Objects.requireNonNull(source, "source");
    this.lastKnown = source.epoch();
  }

  /** Returns the store's epoch now, or the last one read when the store cannot be reached. */
  public UUID current() {
    try {
      UUID epoch = source.epoch();
      if (!epoch.equals(lastKnown)) {
        log.warn("The store epoch changed from {} to {}", lastKnown, epoch);
        lastKnown = epoch;
      }
      return epoch;
    } catch (StoreException e) {
      log.warn("Cannot read the store epoch, advertising the last one read: {}", e.getMessage());
      return lastKnown;
    }
  }
}
