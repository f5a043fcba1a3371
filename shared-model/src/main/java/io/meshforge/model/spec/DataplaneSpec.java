package io.meshforge.model.spec;

import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * {@code DataplaneSpec} is the schema of a {@code Dataplane} (inline fields).
 *
 * <p>Permissive on purpose: the legacy {@code metrics} backend override (superseded by MeshMetric),
 * accepted and stored but not used.
 *
 * @param networking addresses, inbounds, outbounds, gateway and transparent proxying
 * @param probes virtual probes exposed by the proxy
 * @param metrics legacy metrics override (permissive)
 */
public record DataplaneSpec(@Required Networking networking, Probes probes, JsonNode metrics) {

  /**
   * Dataplane networking.
   *
   * @param address the IP (or hostname) the proxy is reachable on
   * @param advertisedAddress the address other proxies use, when behind NAT
   * @param inbound the services this proxy serves
   * @param outbound the destinations the application reaches through the proxy
   * @param admin the Envoy admin port
   * @param gateway gateway settings, for gateway proxies
   * @param transparentProxying traffic redirection settings
   */
  public record Networking(
      @Required String address,
      String advertisedAddress,
      List<Inbound> inbound,
      List<Outbound> outbound,
      Admin admin,
      Gateway gateway,
      TransparentProxying transparentProxying) {}

  /**
   * One inbound: a port the proxy listens on for a service.
   *
   * @param port the port Envoy listens on
   * @param servicePort the application's port; {@code port} when unset
   * @param serviceAddress the application's address; {@code 127.0.0.1} when unset
   * @param address the inbound's own address; the networking address when unset
   * @param tags the service's tags; {@code kuma.io/service} is required
   * @param health health as reported by the proxy
   * @param serviceProbe health checking of the application by the proxy
   * @param state {@code Ready}, {@code NotReady} or {@code Ignored}
   * @param name the section name targetRefs use
   */
  public record Inbound(
      @Required @Range(min = 1, max = 65535) Integer port,
      @Range(min = 1, max = 65535) Integer servicePort,
      String serviceAddress,
      String address,
      Map<String, String> tags,
      Health health,
      ServiceProbe serviceProbe,
      InboundState state,
      String name) {}

  /**
   * Inbound health.
   *
   * @param ready whether the inbound is ready
   */
  public record Health(Boolean ready) {}

  /** Inbound states. */
  @SuppressWarnings("java:S115")
  public enum InboundState {
    /** Receives traffic. */
    Ready,
    /** Does not receive traffic. */
    NotReady,
    /** Not part of the mesh. */
    Ignored
  }

  /**
   * Health checking of the application by the proxy.
   *
   * @param interval time between checks
   * @param timeout time to wait for an answer
   * @param unhealthyThreshold failed checks before unhealthy
   * @param healthyThreshold passed checks before healthy
   * @param tcp check with a TCP connection
   */
  public record ServiceProbe(
      @Positive GoDuration interval,
      @Positive GoDuration timeout,
      @Positive Integer unhealthyThreshold,
      @Positive Integer healthyThreshold,
      TcpProbe tcp) {}

  /** A TCP connection probe (no settings). */
  public record TcpProbe() {}

  /**
   * One outbound.
   *
   * @param port the local port the application connects to
   * @param address the local address; {@code 127.0.0.1} when unset
   * @param tags legacy destination selector ({@code kuma.io/service})
   * @param backendRef the destination
   */
  public record Outbound(
      @Required @Range(min = 1, max = 65535) Integer port,
      String address,
      Map<String, String> tags,
      OutboundBackendRef backendRef) {}

  /**
   * An outbound's destination.
   *
   * @param kind {@code MeshService}, {@code MeshExternalService} or {@code MeshMultiZoneService}
   * @param name the destination's name
   * @param port the destination's port
   * @param labels select the destination by labels instead
   */
  public record OutboundBackendRef(
      @Required TargetRefKind kind,
      String name,
      @Range(min = 1, max = 65535) Integer port,
      Map<String, String> labels) {}

  /**
   * The Envoy admin interface.
   *
   * @param port its port
   */
  public record Admin(@Range(min = 1, max = 65535) Integer port) {}

  /**
   * Gateway settings.
   *
   * @param type {@code BUILTIN} or {@code DELEGATED}
   * @param tags the gateway's tags; {@code kuma.io/service} is required
   */
  public record Gateway(GatewayType type, Map<String, String> tags) {}

  /** Gateway types. */
  public enum GatewayType {
    /** A MeshGateway run by the control plane. */
    BUILTIN,
    /** A third-party gateway with a sidecar. */
    DELEGATED
  }

  /**
   * Transparent proxying.
   *
   * @param redirectPortInbound where inbound traffic is redirected
   * @param redirectPortOutbound where outbound traffic is redirected
   * @param ipFamilyMode {@code DualStack}, {@code IPv4} or {@code IPv6}
   * @param directAccessServices services reached directly, bypassing the mesh
   * @param reachableServices legacy: the only services this proxy reaches
   * @param reachableBackends the only backends this proxy reaches
   */
  public record TransparentProxying(
      @Range(min = 1, max = 65535) Integer redirectPortInbound,
      @Range(min = 1, max = 65535) Integer redirectPortOutbound,
      IpFamilyMode ipFamilyMode,
      List<String> directAccessServices,
      List<String> reachableServices,
      ReachableBackends reachableBackends) {}

  /** IP families for transparent proxying. */
  @SuppressWarnings("java:S115")
  public enum IpFamilyMode {
    /** IPv4 and IPv6. */
    DualStack,
    /** IPv4 only. */
    IPv4,
    /** IPv6 only. */
    IPv6
  }

  /**
   * The only backends this proxy reaches.
   *
   * @param refs the backends
   */
  public record ReachableBackends(List<ReachableBackendRef> refs) {}

  /**
   * One reachable backend.
   *
   * @param kind {@code MeshService}, {@code MeshExternalService} or {@code MeshMultiZoneService}
   * @param name its name
   * @param namespace its namespace
   * @param labels select by labels instead
   * @param port one port only
   */
  public record ReachableBackendRef(
      @Required TargetRefKind kind,
      String name,
      String namespace,
      Map<String, String> labels,
      @Range(min = 1, max = 65535) Integer port) {}

  /**
   * Virtual probes.
   *
   * @param port the port they are served on
   * @param endpoints the probes
   */
  public record Probes(@Range(min = 1, max = 65535) Integer port, List<ProbeEndpoint> endpoints) {}

  /**
   * One virtual probe.
   *
   * @param inboundPort the application port probed
   * @param inboundPath the application path probed
   * @param path the path exposed by the proxy
   */
  public record ProbeEndpoint(
      @Range(min = 1, max = 65535) Integer inboundPort, String inboundPath, String path) {}
}
