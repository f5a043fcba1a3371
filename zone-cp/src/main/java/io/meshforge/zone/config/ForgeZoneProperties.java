package io.meshforge.zone.config;

import io.meshforge.rest.config.ApiProperties;
import io.meshforge.rest.config.DiagnosticsProperties;
import io.meshforge.rest.config.PostgresProperties;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The zone control plane's configuration. Every key has one word per level, so its environment
 * variable is {@code FORGE_} + the upper-snake path: {@code zone.global.address} is {@code
 * FORGE_ZONE_GLOBAL_ADDRESS} (ADR 0002).
 *
 * @param zone who this zone is and how it reaches global
 * @param state where the CP keeps its files
 * @param store the zone's resource store
 * @param api the REST API
 * @param diagnostics the diagnostics server ({@code /ready}, {@code /healthy}, {@code /metrics})
 * @param xds the xDS server for the zone's proxies
 * @param tokens dataplane tokens this zone issues
 * @param bootstrap what {@code POST /bootstrap} tells new proxies
 * @param secrets the secrets key that opens the mesh CAs global syncs down (ADR 0016)
 * @param mtls workload certificates of builtin mTLS
 * @param inspect reading proxies' Envoy admin for the inspect endpoints (ADR 0021)
 */
@ConfigurationProperties
public record ForgeZoneProperties(
    @DefaultValue Zone zone,
    @DefaultValue State state,
    @DefaultValue Store store,
    @DefaultValue ApiProperties api,
    @DefaultValue DiagnosticsProperties diagnostics,
    @DefaultValue Xds xds,
    @DefaultValue Tokens tokens,
    @DefaultValue Bootstrap bootstrap,
    @DefaultValue Secrets secrets,
    @DefaultValue Mtls mtls,
    @DefaultValue Inspect inspect) {

  /** Returns the state directory: {@code state.dir}, else {@code .forge/zone-<zone.name>}. */
  public Path stateDir() {
    return state.dir().isBlank() ? Path.of(".forge", "zone-" + zone.name()) : Path.of(state.dir());
  }

  /**
   * @param name the zone's name (required): its identity towards global and the value of {@code
   *     kuma.io/zone} on what it creates
   * @param global how to reach global; with no address the zone runs alone (no KDS)
   * @param token a file holding the zone token global issued for this zone
   * @param kds timing knobs of the KDS connection
   * @param leader the election of the instance that runs the KDS client
   * @param ingress how the zone's ingresses' available services are kept current
   */
  public record Zone(
      @DefaultValue("") String name,
      @DefaultValue Global global,
      @DefaultValue("") String token,
      @DefaultValue Kds kds,
      @DefaultValue Leader leader,
      @DefaultValue Ingress ingress,
      @DefaultValue MeshServices meshServices) {}

  /**
   * {@code zone.mesh-services.*}.
   *
   * @param debounce how long changes are collected before the zone recomputes its generated
   *     MeshServices (from Dataplane inbound tags) and its MeshMultiZoneService statuses
   */
  public record MeshServices(@DefaultValue("100ms") Duration debounce) {}

  /**
   * @param debounce how long Dataplane changes are collected before the zone's ingresses' {@code
   *     availableServices} (instance counts other zones weigh endpoints by) are recomputed: one of
   *     the fixed delays on the path of a cross-zone endpoint change (B5)
   */
  public record Ingress(@DefaultValue("20ms") Duration debounce) {}

  /**
   * @param lease with several zone-cp instances on one PostgreSQL, the leader holds a lease this
   *     long, renewed every fifth of it; when the leader dies another takes over within about this
   *     time (a leader that stops releases it at once)
   */
  public record Leader(@DefaultValue("15s") Duration lease) {}

  /**
   * @param address global's KDS endpoint: {@code grpcs://host:port} (TLS, the default when no
   *     scheme is given) or {@code grpc://host:port} (plaintext, for tests only); empty to run
   *     without global
   * @param ca a PEM file with the CA certificates to trust for global's TLS; empty for the JVM's
   *     default trust store
   * @param epoch what to do when global's store identity changed
   */
  public record Global(
      @DefaultValue("") String address, @DefaultValue("") String ca, @DefaultValue Epoch epoch) {}

  /**
   * @param accept the epoch id of global's store the operator accepts after it changed (a restored
   *     backup or a new database): deletions from that epoch are applied again. It names one epoch,
   *     so a value left in the configuration never silently accepts a later change.
   */
  public record Epoch(@DefaultValue("") String accept) {}

  /**
   * @param heartbeat how often the zone sends a heartbeat
   * @param timeout a heartbeat taking longer resets the connection
   * @param deadline a ZoneToGlobal response un-ACKed for longer resets the connection
   * @param backoff the first reconnect delay; doubled after each failed attempt up to {@code retry}
   * @param retry the longest reconnect delay (the cap of the doubling, before jitter): once global
   *     has been away for a while the zone retries about this often, so it rejoins a restarted
   *     global within about this long of global being ready
   * @param jitter how much each reconnect delay is spread at random, as a fraction of it (0.5:
   *     between half and one and a half times), so zones do not reconnect in lock-step; 0 for none
   * @param debounce how long changes of the zone's resources are collected before they are sent
   * @param limit the largest KDS message, in bytes
   */
  public record Kds(
      @DefaultValue("10s") Duration heartbeat,
      @DefaultValue("30s") Duration timeout,
      @DefaultValue("60s") Duration deadline,
      @DefaultValue("1s") Duration backoff,
      @DefaultValue("5s") Duration retry,
      @DefaultValue("0.5") double jitter,
      @DefaultValue("20ms") Duration debounce,
      @DefaultValue("10485760") int limit) {}

  /**
   * @param dir the state directory; empty for {@code .forge/zone-<zone.name>}
   */
  public record State(@DefaultValue("") String dir) {}

  /**
   * @param type {@code postgres} (the default; required for several zone-cp instances) or {@code
   *     memory} (development: nothing survives a restart)
   * @param postgres the external PostgreSQL; with no URL an embedded one runs under the state dir
   * @param migrate apply migrations to an external database at start (the {@code --migrate} flag)
   */
  public record Store(
      @DefaultValue("postgres") String type,
      @DefaultValue PostgresProperties postgres,
      @DefaultValue("false") boolean migrate) {

    /** Returns {@code true} for the in-memory store. */
    public boolean memory() {
      return "memory".equalsIgnoreCase(type);
    }
  }

  /**
   * @param grpc the xDS gRPC listener
   * @param auth how proxy streams are authenticated
   * @param debounce how changes of the zone's resources are batched before proxies are regenerated
   * @param dataplane the lifecycle of the zone's Dataplanes
   */
  public record Xds(
      @DefaultValue Grpc grpc,
      @DefaultValue Auth auth,
      @DefaultValue Debounce debounce,
      @DefaultValue XdsDataplane dataplane,
      @DefaultValue Insights insights) {}

  /**
   * {@code xds.insights.*}.
   *
   * @param flush how often a connected proxy's insight counters are written when they moved; 0
   *     writes them only when a stream opens and closes
   */
  public record Insights(@DefaultValue("10s") Duration flush) {}

  /**
   * @param cleanup removal of Dataplanes whose proxy has gone away
   */
  public record XdsDataplane(@DefaultValue Cleanup cleanup) {}

  /**
   * {@code xds.dataplane.cleanup.*} (ADR 0017).
   *
   * @param grace a Dataplane whose proxy's streams have all been gone this long is deleted; 0
   *     switches the cleanup off
   * @param interval how often the zone leader looks for such Dataplanes
   */
  public record Cleanup(
      @DefaultValue("1h") Duration grace, @DefaultValue("1m") Duration interval) {}

  /**
   * @param port the xDS port (Kuma's 5678); 0 for any free port
   * @param address the address to bind
   */
  public record Grpc(@DefaultValue("5678") int port, @DefaultValue("0.0.0.0") String address) {}

  /**
   * @param type {@code token} (the default): proxies present a dataplane token, checked by the
   *     zone's ProxyAuthenticator; while none is installed every stream is refused. {@code none}:
   *     every stream is accepted, for development and tests only.
   */
  public record Auth(@DefaultValue("token") String type) {

    /** Returns {@code true} when authentication is switched off. */
    public boolean none() {
      return "none".equalsIgnoreCase(type);
    }
  }

  /**
   * @param delay a burst of changes is turned into new proxy configuration once it has been quiet
   *     this long
   * @param limit and at the latest this long after its first change
   */
  public record Debounce(
      @DefaultValue("50ms") Duration delay, @DefaultValue("500ms") Duration limit) {}

  /**
   * @param dataplane dataplane tokens
   */
  public record Tokens(@DefaultValue Dataplane dataplane) {}

  /**
   * @param validity how long a dataplane token is valid when the request names no {@code validFor}
   * @param check how often the tokens of connected proxies are verified again; a revoked token's
   *     streams are reported to the xDS server within this period (keep it well under 30 s)
   */
  public record Dataplane(
      @DefaultValue("8760h") Duration validity, @DefaultValue("5s") Duration check) {}

  /**
   * @param xds the xDS endpoint written into proxies' bootstraps
   * @param fetch how long a new proxy waits for its first configuration
   */
  public record Bootstrap(@DefaultValue Endpoint xds, @DefaultValue Fetch fetch) {}

  /**
   * @param address the host or IP proxies reach the xDS server on; empty for the host the proxy
   *     used to reach this API (the {@code Host} of its {@code /bootstrap} request)
   * @param port the port proxies reach the xDS server on; 0 for {@code xds.grpc.port}
   */
  public record Endpoint(@DefaultValue("") String address, @DefaultValue("0") int port) {}

  /**
   * @param timeout Envoy's {@code initial_fetch_timeout} for clusters and listeners: after it a new
   *     proxy stops waiting for its first configuration and reports ready with what it has
   */
  public record Fetch(@DefaultValue("15s") Duration timeout) {}

  /**
   * @param key the secrets key file global seals mesh CA keys with (a copy of global's {@code
   *     secrets.key}); empty: {@code <state dir>/secrets.key} if it exists. A zone never creates
   *     one: a key of its own could not open global's CAs
   * @param previous older key files, comma-separated, still accepted during a key rotation
   */
  public record Secrets(@DefaultValue("") String key, @DefaultValue("") List<String> previous) {}

  /**
   * @param certificate the leaf certificates issued to the zone's proxies
   */
  public record Mtls(@DefaultValue Certificate certificate) {}

  /**
   * @param ttl how long a proxy's certificate is valid (the hard clock of a zone CP outage)
   * @param renew the share of the lifetime after which a certificate is replaced, in (0, 1)
   */
  public record Certificate(@DefaultValue("24h") Duration ttl, @DefaultValue("0.8") double renew) {}

  /**
   * {@code inspect.*} (ADR 0021).
   *
   * @param timeout the longest one read of a proxy's Envoy admin may take (connect, headers and
   *     body); keep it under global's {@code inspect.timeout}
   * @param limit the largest Envoy admin answer passed on, in bytes; keep it under {@code
   *     zone.kds.limit} so the answer fits in one KDS message
   */
  public record Inspect(@DefaultValue("5s") Duration timeout, @DefaultValue("8388608") int limit) {}
}
