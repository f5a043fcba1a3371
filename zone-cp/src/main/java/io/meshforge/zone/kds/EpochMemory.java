package io.meshforge.zone.kds;

import java.util.Optional;

/**
 * {@code EpochMemory} keeps the epoch id of the global store this zone last trusted, across
 * restarts.
 */
public interface EpochMemory {

  /** Returns the remembered epoch, if any. */
  Optional<String> load();

  /** Remembers an epoch; {@code null} forgets. */
  void save(String epoch);

  /** A memory that forgets with the process (tests). */
  static EpochMemory inMemory() {
    return new EpochMemory() {
      private volatile String epoch;

      @Override
      public Optional<String> load() {
        return Optional.ofNullable(epoch);
      }

      @Override
      public void save(String value) {
        epoch = value;
      }
    };
  }
}
