package io.meshforge.global.store;

import java.util.UUID;

/**
 * {@code StorePosition} is where a store's history stands: its epoch and the last revision its
 * change-log sequence handed out. Within one epoch the revision never goes down while the database
 * lives (a sequence is never rolled back, and crash recovery only moves it forward), so a lower
 * revision under the same epoch means the database was put back to an earlier copy.
 *
 * @param epoch the {@code store_identity} epoch
 * @param revision the change-log sequence's last value
 */
record StorePosition(UUID epoch, long revision) {

  /** Returns {@code true} when this is the same epoch as {@code earlier} at a lower revision. */
  boolean rewoundFrom(StorePosition earlier) {
    return epoch.equals(earlier.epoch) && revision < earlier.revision;
  }

  /** Returns the later of the two positions of one epoch, or this one when the epochs differ. */
  StorePosition laterOf(StorePosition other) {
    return other != null && epoch.equals(other.epoch) && other.revision > revision ? other : this;
  }
}
