package io.meshforge.model.spec;

import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * {@code MeshExternalServiceSpec} is the schema of a {@code MeshExternalService} (under {@code
 * spec}): a destination outside the mesh.
 *
 * <p>Permissive on purpose: {@code extension.config}, whose shape depends on the extension.
 *
 * @param match the port (and protocol) the mesh reaches it on
 * @param extension an extension configuring it (permissive config)
 * @param endpoints where it really is
 * @param tls how to talk TLS to it
 */
public record MeshExternalServiceSpec(
    @Required Match match, Extension extension, List<Endpoint> endpoints, Tls tls) {

  /**
   * The port the mesh reaches it on.
   *
   * @param type always {@code HostnameGenerator}
   * @param port the port
   * @param protocol the protocol
   */
  public record Match(
      MatchType type, @Required @Range(min = 1, max = 65535) Integer port, AppProtocol protocol) {}

  /** Match types. */
  @SuppressWarnings("java:S115")
  public enum MatchType {
    /** Hostnames come from HostnameGenerators. */
    HostnameGenerator
  }

  /**
   * An extension.
   *
   * @param type the extension's name
   * @param config its configuration (permissive)
   */
  public record Extension(@Required String type, JsonNode config) {}

  /**
   * An endpoint of the external service.
   *
   * @param address an IP, a hostname or a {@code unix://} socket path
   * @param port the port
   */
  public record Endpoint(@Required String address, @Range(min = 1, max = 65535) Integer port) {}

  /**
   * TLS to the external service.
   *
   * @param enabled whether TLS is used
   * @param version allowed TLS versions
   * @param allowRenegotiation whether renegotiation is allowed
   * @param verification how the server is verified
   */
  public record Tls(
      Boolean enabled, TlsVersion version, Boolean allowRenegotiation, Verification verification) {}

  /**
   * Allowed TLS versions.
   *
   * @param min the lowest
   * @param max the highest
   */
  public record TlsVersion(TlsVersionName min, TlsVersionName max) {}

  /** TLS versions. */
  public enum TlsVersionName {
    /** Envoy's default. */
    TLSAuto,
    /** TLS 1.0. */
    TLS10,
    /** TLS 1.1. */
    TLS11,
    /** TLS 1.2. */
    TLS12,
    /** TLS 1.3. */
    TLS13
  }

  /**
   * Server verification.
   *
   * @param mode how much is verified
   * @param serverName the SNI to send
   * @param subjectAltNames accepted SANs
   * @param caCert the CA to trust
   * @param clientCert the client certificate
   * @param clientKey the client key
   */
  public record Verification(
      VerificationMode mode,
      String serverName,
      List<SubjectAltName> subjectAltNames,
      DataSource caCert,
      DataSource clientCert,
      DataSource clientKey) {}

  /** Verification modes. */
  @SuppressWarnings("java:S115")
  public enum VerificationMode {
    /** Verify CA and SAN. */
    Secured,
    /** Verify the CA only. */
    SkipSAN,
    /** Verify the SAN only. */
    SkipCA,
    /** Verify nothing. */
    SkipAll
  }

  /**
   * An accepted SAN.
   *
   * @param type {@code Exact} or {@code Prefix}
   * @param value the SAN
   */
  public record SubjectAltName(@Required MatchKind type, @Required String value) {}

  /** Exact or prefix match. */
  @SuppressWarnings("java:S115")
  public enum MatchKind {
    /** Equal. */
    Exact,
    /** Starts with. */
    Prefix
  }
}
