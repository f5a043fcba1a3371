package io.meshforge.rest.config;

import io.meshforge.store.postgres.StoreDatabase;
import java.time.Duration;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code store.postgres.*}, the same keys on global and zone control planes.
 *
 * @param url JDBC URL of an external PostgreSQL; empty for the embedded one
 * @param username user for the external PostgreSQL
 * @param password password for the external PostgreSQL (masked in {@code GET /config})
 * @param pool maximum connections in the pool
 * @param poll how often the change feed polls besides reacting to NOTIFY
 */
public record PostgresProperties(
    @DefaultValue("") String url,
    @DefaultValue("") String username,
    @DefaultValue("") String password,
    @DefaultValue("10") int pool,
    @DefaultValue("1s") Duration poll) {

  /** Returns what {@link StoreDatabase#open} needs. */
  public StoreDatabase.Settings settings() {
    return new StoreDatabase.Settings(url, username, password, pool);
  }
}
