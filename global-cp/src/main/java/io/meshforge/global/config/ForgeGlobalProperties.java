package io.meshforge.global.config;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The global control plane's configuration. Every key has one word per level, so its environment
 * variable is {@code FORGE_} + the upper-snake path: {@code store.postgres.url} is {@code
 * FORGE_STORE_POSTGRES_URL}.
 *
 * @param state where the CP keeps its files (embedded database, admin token later)
 * @param store the resource store
 * @param api the REST API
 * @param diagnostics the diagnostics server ({@code /ready}, {@code /healthy}, {@code /metrics})
 * @param mesh what happens when a Mesh is created
 */
@ConfigurationProperties
public record ForgeGlobalProperties(
    @DefaultValue State state,
    @DefaultValue Store store,
    @DefaultValue Api api,
    @DefaultValue Diagnostics diagnostics,
    @DefaultValue MeshDefaults mesh) {

  /**
   * @param dir the state directory; relative paths are resolved against the working directory
   */
  public record State(@DefaultValue(".forge/global") Path dir) {}

  /**
   * @param postgres the external PostgreSQL; with no URL an embedded one runs under the state dir
   * @param migrate apply migrations to an external database at start (the {@code --migrate} flag)
   */
  public record Store(@DefaultValue Postgres postgres, @DefaultValue("false") boolean migrate) {}

  /**
   * @param url JDBC URL of an external PostgreSQL; empty for the embedded one
   * @param username user for the external PostgreSQL
   * @param password password for the external PostgreSQL (masked in {@code GET /config})
   * @param pool maximum connections in the pool
   * @param poll how often the change feed polls besides reacting to NOTIFY
   */
  public record Postgres(
      @DefaultValue("") String url,
      @DefaultValue("") String username,
      @DefaultValue("") String password,
      @DefaultValue("10") int pool,
      @DefaultValue("1s") Duration poll) {}

  /**
   * @param http the HTTP listener
   * @param body request body limits
   */
  public record Api(@DefaultValue Http http, @DefaultValue Body body) {}

  /**
   * @param port the REST API and GUI port (Kuma's 5681)
   */
  public record Http(@DefaultValue("5681") int port) {}

  /**
   * @param limit the largest request body accepted, in bytes; larger bodies get 413
   */
  public record Body(@DefaultValue("1048576") long limit) {}

  /**
   * @param port the diagnostics port (Kuma's 5680)
   */
  public record Diagnostics(@DefaultValue("5680") int port) {}

  /**
   * @param defaults default resources created with each Mesh
   */
  public record MeshDefaults(@DefaultValue Defaults defaults) {}

  /**
   * @param policies create the default policies a Kuma user expects (allow-all traffic permission,
   *     timeouts, retries, circuit breaker) with each new Mesh, unless the Mesh lists them in
   *     {@code skipCreatingInitialPolicies}
   */
  public record Defaults(@DefaultValue("true") boolean policies) {}
}
