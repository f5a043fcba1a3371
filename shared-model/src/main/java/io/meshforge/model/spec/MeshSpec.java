package io.meshforge.model.spec;

import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * {@code MeshSpec} is the schema of a {@code Mesh} (inline fields).
 *
 * <p>Permissive on purpose: {@code mtls.backends[].conf} (its shape depends on the backend type),
 * and the legacy {@code tracing}, {@code logging} and {@code metrics} blocks, superseded by the
 * MeshTrace, MeshAccessLog and MeshMetric policies, which are accepted and stored but not used.
 *
 * @param mtls mutual TLS: the certificate authority backends and which one is enabled
 * @param tracing legacy tracing backends (permissive)
 * @param logging legacy logging backends (permissive)
 * @param metrics legacy metrics backends (permissive)
 * @param networking outbound passthrough
 * @param routing locality-aware load balancing, zone egress, external service access
 * @param constraints which dataplanes may join the mesh
 * @param skipCreatingInitialPolicies default policies not to create ({@code *} for none)
 * @param meshServices how MeshService objects are used
 */
public record MeshSpec(
    Mtls mtls,
    JsonNode tracing,
    JsonNode logging,
    JsonNode metrics,
    Networking networking,
    Routing routing,
    Constraints constraints,
    List<String> skipCreatingInitialPolicies,
    MeshServices meshServices) {

  /**
   * Mutual TLS settings.
   *
   * @param enabledBackend the name of the backend in use; mTLS is off when unset
   * @param backends the certificate authority backends
   * @param skipValidation skip validating the CA configuration
   */
  public record Mtls(String enabledBackend, List<CaBackend> backends, Boolean skipValidation) {}

  /**
   * A certificate authority backend.
   *
   * @param name the backend's name
   * @param type {@code builtin} or {@code provided}
   * @param mode {@code STRICT} or {@code PERMISSIVE}
   * @param dpCert dataplane certificate settings
   * @param rootChain root chain settings
   * @param conf type-specific configuration (permissive)
   */
  public record CaBackend(
      @Required String name,
      @Required CaType type,
      MtlsMode mode,
      DpCert dpCert,
      RootChain rootChain,
      JsonNode conf) {}

  /** Certificate authority types. */
  @SuppressWarnings("java:S115")
  public enum CaType {
    /** A CA generated and kept by the control plane. */
    builtin,
    /** A CA given by the user as Secrets. */
    provided
  }

  /** mTLS enforcement modes. */
  public enum MtlsMode {
    /** Only mTLS traffic is accepted. */
    STRICT,
    /** Plain text is accepted too. */
    PERMISSIVE
  }

  /**
   * Dataplane certificate settings.
   *
   * @param rotation how long certificates live
   * @param requestTimeout how long to wait for the CA
   */
  public record DpCert(Rotation rotation, GoDuration requestTimeout) {}

  /**
   * Certificate rotation.
   *
   * @param expiration certificate lifetime, a Go duration or a number of days such as {@code 1d}
   */
  public record Rotation(String expiration) {}

  /**
   * Root chain settings.
   *
   * @param requestTimeout how long to wait for the CA
   */
  public record RootChain(GoDuration requestTimeout) {}

  /**
   * Mesh networking.
   *
   * @param outbound outbound settings
   */
  public record Networking(Outbound outbound) {}

  /**
   * Outbound networking.
   *
   * @param passthrough whether traffic to unknown destinations is let through
   */
  public record Outbound(Boolean passthrough) {}

  /**
   * Routing settings.
   *
   * @param localityAwareLoadBalancing prefer endpoints in the local zone
   * @param zoneEgress route cross-zone and external traffic through zone egress
   * @param defaultForbidMeshExternalServiceAccess forbid MeshExternalService access unless allowed
   */
  public record Routing(
      Boolean localityAwareLoadBalancing,
      Boolean zoneEgress,
      Boolean defaultForbidMeshExternalServiceAccess) {}

  /**
   * Constraints on members of the mesh.
   *
   * @param dataplaneProxy which dataplane proxies may join
   */
  public record Constraints(DataplaneProxyConstraints dataplaneProxy) {}

  /**
   * Dataplane admission rules.
   *
   * @param requirements a dataplane must match one of these
   * @param restrictions a dataplane must match none of these
   */
  public record DataplaneProxyConstraints(List<TagRule> requirements, List<TagRule> restrictions) {}

  /**
   * A tag selector in a constraint.
   *
   * @param tags tag values ({@code *} for any)
   */
  public record TagRule(Map<String, String> tags) {}

  /**
   * MeshService settings.
   *
   * @param mode how MeshService objects are used
   */
  public record MeshServices(MeshServicesMode mode) {}

  /** MeshService modes. */
  @SuppressWarnings("java:S115")
  public enum MeshServicesMode {
    /** MeshServices are not used. */
    Disabled,
    /** MeshServices are used alongside {@code kuma.io/service} routing. */
    Everywhere,
    /** MeshServices for reachable backends only. */
    ReachableBackends,
    /** Only MeshService-based routing. */
    Exclusive
  }
}
