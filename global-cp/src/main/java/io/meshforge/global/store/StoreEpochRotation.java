package io.meshforge.global.store;

import io.meshforge.model.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code StoreEpochRotation} gives global's store a new epoch after a restore from a backup (ADR
 * 0013): the operator names the epoch to retire ({@code store.epoch.rotate}), and only a store
 * still carrying that epoch gets a new one. A value left in the configuration is therefore harmless
 * after the first start, and several global instances starting with it rotate once between them
 * (the update is conditional on the old value).
 */
final class StoreEpochRotation {
  private static final Logger log = LoggerFactory.getLogger(StoreEpochRotation.class);

  private static final String ROTATE =
      "UPDATE store_identity SET epoch = gen_random_uuid() WHERE epoch = ? RETURNING epoch";

  private StoreEpochRotation() {}

  /**
   * Replaces the epoch {@code retiring} with a random one.
   *
   * @return the new epoch, or empty when the store does not carry {@code retiring} (already
   *     rotated, or another database)
   * @throws StoreException when the database cannot be updated
   */
  static Optional<UUID> rotate(DataSource dataSource, UUID retiring) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement st = c.prepareStatement(ROTATE)) {
      st.setObject(1, retiring);
      try (ResultSet rs = st.executeQuery()) {
        if (!rs.next()) {
          log.info(
              "store.epoch.rotate names {}, which is not this store's epoch: nothing to rotate"
                  + " (already done?)",
              retiring);
          return Optional.empty();
        }
        UUID rotated = rs.getObject(1, UUID.class);
        log.warn(
            "Store epoch rotated from {} to {} (store.epoch.rotate): zones hold back deletions"
                + " until an operator confirms the new epoch on each zone",
            retiring,
            rotated);
        return Optional.of(rotated);
      }
    } catch (SQLException e) {
      throw new StoreException("rotating the store epoch failed: " + e.getMessage(), e);
    }
  }

  /** Parses the configured value; blank means no rotation. */
  static Optional<UUID> retiring(String configured) {
    if (configured.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(UUID.fromString(configured.strip()));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "store.epoch.rotate: '" + configured + "' is not an epoch id (a UUID)", e);
    }
  }
}
