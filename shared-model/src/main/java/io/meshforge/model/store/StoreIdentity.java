package io.meshforge.model.store;

import java.util.UUID;

/**
 * {@code StoreIdentity} names the database behind a store: its epoch is created with the database
 * and never changes while the database lives, so a different epoch means a different database (a
 * fresh one, or one restored from a backup). A KDS receiver that remembers the epoch of its
 * upstream refuses a full-state sync, which could delete, when the epoch changed (DESIGN.md §5).
 */
@FunctionalInterface
public interface StoreIdentity {

  /**
   * Returns the store's epoch.
   *
   * @throws StoreUnavailableException when the database cannot be reached
   */
  UUID epoch();
}
