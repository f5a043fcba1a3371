package io.meshforge.global.config;

import io.meshforge.rest.config.ApiProperties;
import io.meshforge.rest.config.DiagnosticsProperties;
import io.meshforge.rest.config.PostgresProperties;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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
 * @param kds the KDS server zones connect to
 * @param tokens token issuing
 * @param secrets how secret material (the builtin mesh CAs' keys) is sealed
 * @param inspect the inspect endpoints answered by zones over KDS (ADR 0021)
 */
@ConfigurationProperties
public record ForgeGlobalProperties(
    @DefaultValue State state,
    @DefaultValue Store store,
    @DefaultValue ApiProperties api,
    @DefaultValue DiagnosticsProperties diagnostics,
    @DefaultValue MeshDefaults mesh,
    @DefaultValue Kds kds,
    @DefaultValue Tokens tokens,
    @DefaultValue Secrets secrets,
    @DefaultValue Inspect inspect) {

  /**
   * @param dir the state directory; relative paths are resolved against the working directory
   */
  public record State(@DefaultValue(".forge/global") Path dir) {}

  /**
   * @param postgres the external PostgreSQL; with no URL an embedded one runs under the state dir
   * @param migrate apply migrations to an external database at start (the {@code --migrate} flag)
   * @param epoch the store's identity towards zones
   */
  public record Store(
      @DefaultValue PostgresProperties postgres,
      @DefaultValue("false") boolean migrate,
      @DefaultValue Epoch epoch) {}

  /**
   * @param rotate after restoring the store from a backup: the epoch the restored data carries (the
   *     one zones already trust). At start, a store with that epoch gets a new random one, so zones
   *     hold back the deletions the older data implies until an operator confirms (ADR 0013). It
   *     names one epoch, so a value left in the configuration does nothing on later starts.
   */
  public record Epoch(@DefaultValue("") String rotate) {}

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

  /**
   * @param grpc the gRPC listener
   * @param tls transport security of the listener
   * @param message message limits
   * @param ack the ACK deadline of responses sent to zones
   * @param heartbeat zone heartbeats
   * @param zone zone status
   * @param feed how changes reach the streams
   * @param sink how what zones send is written
   * @param insight how zone insights are persisted
   * @param revocation how revoked zone tokens are enforced on open streams
   */
  public record Kds(
      @DefaultValue Grpc grpc,
      @DefaultValue Tls tls,
      @DefaultValue Message message,
      @DefaultValue Ack ack,
      @DefaultValue Heartbeat heartbeat,
      @DefaultValue ZoneStatus zone,
      @DefaultValue Feed feed,
      @DefaultValue Sink sink,
      @DefaultValue Insight insight,
      @DefaultValue Revocation revocation) {}

  /**
   * @param port the KDS port (Kuma's 5685); 0 picks a free port (tests)
   */
  public record Grpc(@DefaultValue("5685") int port) {}

  /**
   * @param enabled serve TLS; turning it off is for tests only and is logged as a warning
   * @param cert PEM certificate chain file; empty generates a self-signed one under the state dir
   * @param key PEM private key file of {@code cert}
   */
  public record Tls(
      @DefaultValue("true") boolean enabled,
      @DefaultValue("") String cert,
      @DefaultValue("") String key) {}

  /**
   * @param limit the largest KDS message in bytes (Kuma's 10 MiB); larger type states are split
   */
  public record Message(@DefaultValue("10485760") int limit) {}

  /**
   * @param deadline a stream whose response stays un-ACKed longer is closed (the zone reconnects)
   */
  public record Ack(@DefaultValue("60s") Duration deadline) {}

  /**
   * @param interval how often zones are told to send a heartbeat
   * @param timeout streams of a zone silent for longer are closed
   */
  public record Heartbeat(
      @DefaultValue("5s") Duration interval, @DefaultValue("20s") Duration timeout) {}

  /**
   * @param timeout a zone is Offline when it has no open stream or its last heartbeat is older
   */
  public record ZoneStatus(@DefaultValue("30s") Duration timeout) {}

  /**
   * @param debounce changes within this window reach the zones in one go
   * @param resync every stream is re-sent its full state this often (a safety net; unchanged
   *     resources produce no traffic)
   */
  public record Feed(
      @DefaultValue("20ms") Duration debounce, @DefaultValue("60s") Duration resync) {}

  /**
   * @param parallel how many zone batches are written to the store at once; the others wait their
   *     turn. Keep it below {@code store.postgres.pool} (default 10) so that REST writes, insight
   *     flushes and the store-epoch check always find a connection while all zones resync.
   */
  public record Sink(@DefaultValue("4") int parallel) {}

  /**
   * @param flush how often changed zone insights (counters, heartbeats) are written to the store
   */
  public record Insight(@DefaultValue("5s") Duration flush) {}

  /**
   * @param check how often open streams are checked against revoked tokens (must stay well under 30
   *     s: a revoked token's streams close within this period)
   */
  public record Revocation(@DefaultValue("5s") Duration check) {}

  /**
   * @param zone zone tokens
   */
  public record Tokens(@DefaultValue ZoneTokens zone) {}

  /**
   * @param validity how long a zone token is valid when the request names no {@code validFor}
   */
  public record ZoneTokens(@DefaultValue("8760h") Duration validity) {}

  /**
   * @param key the secrets key file (base64 of 32 bytes) that seals the builtin mesh CAs' private
   *     keys; every global instance and every zone must be given the same file (ADR 0016). Empty:
   *     {@code <state.dir>/secrets.key}, created at first start
   * @param previous older key files, comma-separated, still accepted to open values sealed before a
   *     rotation of {@code key}
   */
  public record Secrets(@DefaultValue("") String key, @DefaultValue("") List<String> previous) {}

  /**
   * {@code inspect.*} (ADR 0021).
   *
   * @param timeout how long global waits for a zone to answer an Envoy admin request (xds, stats,
   *     clusters of a proxy); keep it above the zones' {@code inspect.timeout}
   */
  public record Inspect(@DefaultValue("10s") Duration timeout) {}
}
