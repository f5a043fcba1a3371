package io.meshforge.zone.bootstrap;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The body of {@code POST /bootstrap}, a subset of Kuma's {@code BootstrapRequest} (unknown fields
 * are ignored, so a richer client is accepted).
 *
 * @param dataplaneResource the rendered Dataplane, YAML or JSON, in Kuma's universal shape
 * @param dataplaneToken the dataplane token
 * @param adminPort the Envoy admin port the agent uses; when set it overrides the Dataplane's
 *     {@code networking.admin.port} (which is updated to match), else that port or 9901
 * @param version what the agent runs
 * @param proxyType {@code dataplane} (default), {@code ingress} when {@code dataplaneResource} is a
 *     ZoneIngress and the token a zone ingress token, or {@code egress} for a ZoneEgress and a zone
 *     egress token (Kuma's field)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record BootstrapRequest(
    String dataplaneResource,
    String dataplaneToken,
    Integer adminPort,
    Version version,
    String proxyType) {

  /** A sidecar's request. */
  public BootstrapRequest(
      String dataplaneResource, String dataplaneToken, Integer adminPort, Version version) {
    this(dataplaneResource, dataplaneToken, adminPort, version, null);
  }

  /** Returns whether the request is a zone egress's (a ZoneEgress and a zone egress token). */
  public boolean egress() {
    return "egress".equals(proxyType);
  }

  /** Returns whether the request is a zone ingress's. */
  public boolean ingress() {
    return "ingress".equals(proxyType);
  }

  /**
   * @param envoy the Envoy the agent runs
   * @param kumaDp the agent itself (Kuma's field name, kept so Kuma's agents and tools fit)
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Version(Envoy envoy, KumaDp kumaDp) {}

  /**
   * @param version the agent's version, e.g. {@code 0.1.0}
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record KumaDp(String version) {}

  /**
   * @param version Envoy's version, e.g. {@code 1.40.0}
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Envoy(String version) {}

  /** Returns the agent's version (forge-dp's, or kuma-dp's), or an empty string when not given. */
  public String agentVersion() {
    return version == null || version.kumaDp() == null || version.kumaDp().version() == null
        ? ""
        : version.kumaDp().version();
  }

  /** Returns the Envoy version, or an empty string when not given. */
  public String envoyVersion() {
    return version == null || version.envoy() == null || version.envoy().version() == null
        ? ""
        : version.envoy().version();
  }
}
