package io.meshforge.model.spec;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * {@code MeshMetricSpec} is the schema of a {@code MeshMetric} (under {@code spec}). Top-level
 * only: {@code targetRef} and {@code default}.
 *
 * @param targetRef which proxies are configured; {@code Mesh} when omitted
 * @param defaults the metrics settings
 */
public record MeshMetricSpec(TargetRef targetRef, @Required @JsonProperty("default") Conf defaults)
    implements PolicySpec {

  /**
   * Metrics settings.
   *
   * @param sidecar what the sidecar exposes
   * @param applications application metrics scraped and merged by the proxy
   * @param backends where metrics go
   */
  public record Conf(Sidecar sidecar, List<Application> applications, List<Backend> backends) {}

  /**
   * Sidecar metrics.
   *
   * @param profiles predefined sets, with includes and excludes
   * @param includeUnused include metrics never updated
   */
  public record Sidecar(Profiles profiles, Boolean includeUnused) {}

  /**
   * Metric profiles.
   *
   * @param appendProfiles the profiles
   * @param exclude metrics removed
   * @param include metrics added back
   */
  public record Profiles(
      List<Profile> appendProfiles, List<Selector> exclude, List<Selector> include) {}

  /**
   * A profile.
   *
   * @param name {@code All}, {@code Basic} or {@code None}
   */
  public record Profile(@Required ProfileName name) {}

  /** Profiles. */
  @SuppressWarnings("java:S115")
  public enum ProfileName {
    /** Every metric. */
    All,
    /** A useful subset. */
    Basic,
    /** Nothing. */
    None
  }

  /**
   * A metric name selector.
   *
   * @param type how to match
   * @param match the name, prefix, substring or RE2 expression
   */
  public record Selector(@Required SelectorType type, @Required String match) {}

  /** Selector types. */
  @SuppressWarnings("java:S115")
  public enum SelectorType {
    /** RE2 regular expression. */
    Regex,
    /** Starts with. */
    Prefix,
    /** Equal. */
    Exact,
    /** Contains. */
    Contains
  }

  /**
   * An application endpoint.
   *
   * @param name a name for it
   * @param path the HTTP path
   * @param port the port
   * @param address the address; {@code 127.0.0.1} when unset
   */
  public record Application(
      String name,
      String path,
      @Required @Range(min = 1, max = 65535) Integer port,
      String address) {}

  /**
   * A metrics backend; set the field matching its type.
   *
   * @param type {@code Prometheus} or {@code OpenTelemetry}
   * @param prometheus a scrape endpoint
   * @param openTelemetry a push target
   */
  public record Backend(
      @Required BackendType type, Prometheus prometheus, OpenTelemetry openTelemetry) {}

  /** Backend types. */
  @SuppressWarnings("java:S115")
  public enum BackendType {
    /** Prometheus scrape. */
    Prometheus,
    /** OpenTelemetry push. */
    OpenTelemetry
  }

  /**
   * A Prometheus endpoint.
   *
   * @param clientId which Prometheus scrapes it
   * @param port the port
   * @param path the path
   * @param tls whether it is served over TLS
   */
  public record Prometheus(
      String clientId,
      @Required @Range(min = 1, max = 65535) Integer port,
      String path,
      PrometheusTls tls) {}

  /**
   * Prometheus TLS.
   *
   * @param mode how
   */
  public record PrometheusTls(TlsMode mode) {}

  /** Prometheus TLS modes. */
  @SuppressWarnings("java:S115")
  public enum TlsMode {
    /** Plain text. */
    Disabled,
    /** A certificate the user provides. */
    ProvidedTLS,
    /** The mesh's mTLS. */
    ActiveMTLSBackend
  }

  /**
   * An OpenTelemetry push target.
   *
   * @param endpoint {@code host:port}
   * @param refreshInterval push interval
   */
  public record OpenTelemetry(@Required String endpoint, @Positive GoDuration refreshInterval) {}
}
