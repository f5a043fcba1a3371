package io.meshforge.model.spec;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * {@code MeshTlsSpec} is the schema of a {@code MeshTLS} (under {@code spec}). Sections: {@code
 * from} (legacy) and {@code rules}.
 *
 * @param targetRef which proxies are configured; {@code Mesh} when omitted
 * @param from inbound TLS per source (legacy)
 * @param rules inbound TLS
 */
public record MeshTlsSpec(TargetRef targetRef, List<From> from, List<Rule> rules)
    implements PolicySpec {

  /**
   * TLS for a source.
   *
   * @param targetRef the source
   * @param defaults the settings
   */
  public record From(
      @Required TargetRef targetRef, @Required @JsonProperty("default") Conf defaults)
      implements PolicyFrom {}

  /**
   * Inbound TLS.
   *
   * @param defaults the settings
   */
  public record Rule(@Required @JsonProperty("default") Conf defaults) {}

  /**
   * TLS settings.
   *
   * @param tlsVersion allowed versions
   * @param tlsCiphers allowed cipher suites, by OpenSSL name
   * @param mode {@code Permissive} or {@code Strict}
   */
  public record Conf(
      MeshExternalServiceSpec.TlsVersion tlsVersion, List<String> tlsCiphers, Mode mode) {}

  /** mTLS modes. */
  @SuppressWarnings("java:S115")
  public enum Mode {
    /** Plain text is accepted too. */
    Permissive,
    /** Only mTLS. */
    Strict
  }
}
