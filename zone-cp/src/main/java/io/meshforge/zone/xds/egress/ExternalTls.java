package io.meshforge.zone.xds.egress;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import io.envoyproxy.envoy.config.core.v3.DataSource;
import io.envoyproxy.envoy.config.core.v3.TransportSocket;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.CertificateValidationContext;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.CommonTlsContext;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.SubjectAltNameMatcher;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.TlsParameters;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext;
import io.envoyproxy.envoy.type.matcher.v3.StringMatcher;
import io.meshforge.model.spec.MeshExternalServiceSpec;
import io.meshforge.zone.xds.envoy.IpLiterals;
import io.meshforge.zone.xds.tls.TransportSockets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * {@code ExternalTls} builds the TLS an egress (or a sidecar reaching a MeshExternalService
 * directly) originates to the external service, from the service's {@code tls}: the server name
 * ({@code verification.serverName}, else the first hostname endpoint), TLS versions, and how the
 * server is verified: {@code Secured} (the default) checks the CA ({@code caCert} inline or inline
 * string, else the system bundle {@value #SYSTEM_CA_BUNDLE}) and {@code subjectAltNames}, else the
 * server name as a DNS SAN; {@code SkipSAN} checks the CA only; {@code SkipCA} and {@code SkipAll}
 * check nothing (Envoy refuses SAN checks without a trusted CA). A {@code caCert} held in a mesh
 * Secret is not read yet: the system bundle is used instead. Pure.
 */
public final class ExternalTls {

  /**
   * The CA bundle trusted when the service names no {@code caCert} (Debian's path; Kuma also falls
   * back to the system's CAs).
   */
  static final String SYSTEM_CA_BUNDLE = "/etc/ssl/certs/ca-certificates.crt";

  private ExternalTls() {}

  /** Returns the upstream TLS socket, or empty when the service does not ask for TLS. */
  public static Optional<TransportSocket> upstream(MeshExternalServiceSpec spec) {
    MeshExternalServiceSpec.Tls tls = spec.tls();
    if (tls == null || !Boolean.TRUE.equals(tls.enabled())) {
      return Optional.empty();
    }
    MeshExternalServiceSpec.Verification verification = tls.verification();
    MeshExternalServiceSpec.VerificationMode mode =
        verification == null || verification.mode() == null
            ? MeshExternalServiceSpec.VerificationMode.Secured
            : verification.mode();
    String serverName = serverName(spec);
    CommonTlsContext.Builder common = CommonTlsContext.newBuilder();
    if (tls.version() != null) {
      TlsParameters.Builder params = TlsParameters.newBuilder();
      if (tls.version().min() != null) {
        params.setTlsMinimumProtocolVersion(protocol(tls.version().min()));
      }
      if (tls.version().max() != null) {
        params.setTlsMaximumProtocolVersion(protocol(tls.version().max()));
      }
      common.setTlsParams(params);
    }
    boolean checkCa =
        mode == MeshExternalServiceSpec.VerificationMode.Secured
            || mode == MeshExternalServiceSpec.VerificationMode.SkipSAN;
    if (checkCa) {
      CertificateValidationContext.Builder validation = CertificateValidationContext.newBuilder();
      validation.setTrustedCa(
          Optional.ofNullable(verification)
              .map(MeshExternalServiceSpec.Verification::caCert)
              .flatMap(ExternalTls::caBytes)
              .orElse(DataSource.newBuilder().setFilename(SYSTEM_CA_BUNDLE).build()));
      if (mode == MeshExternalServiceSpec.VerificationMode.Secured) {
        List<MeshExternalServiceSpec.SubjectAltName> sans =
            verification == null || verification.subjectAltNames() == null
                ? List.of()
                : verification.subjectAltNames();
        for (MeshExternalServiceSpec.SubjectAltName san : sans) {
          StringMatcher.Builder matcher = StringMatcher.newBuilder();
          if (san.type() == MeshExternalServiceSpec.MatchKind.Prefix) {
            matcher.setPrefix(san.value());
          } else {
            matcher.setExact(san.value());
          }
          validation.addMatchTypedSubjectAltNames(dnsSan(matcher));
        }
        if (sans.isEmpty() && !serverName.isEmpty()) {
          validation.addMatchTypedSubjectAltNames(
              dnsSan(StringMatcher.newBuilder().setExact(serverName)));
        }
      }
      common.setValidationContext(validation);
    }
    UpstreamTlsContext.Builder context =
        UpstreamTlsContext.newBuilder().setCommonTlsContext(common);
    if (!serverName.isEmpty()) {
      context.setSni(serverName);
    }
    if (Boolean.TRUE.equals(tls.allowRenegotiation())) {
      context.setAllowRenegotiation(true);
    }
    return Optional.of(
        TransportSocket.newBuilder()
            .setName(TransportSockets.TLS_SOCKET)
            .setTypedConfig(Any.pack(context.build()))
            .build());
  }

  /** The server name sent: {@code verification.serverName}, else the first hostname endpoint. */
  static String serverName(MeshExternalServiceSpec spec) {
    var verification = spec.tls() == null ? null : spec.tls().verification();
    if (verification != null && verification.serverName() != null) {
      return verification.serverName();
    }
    if (spec.endpoints() != null) {
      for (MeshExternalServiceSpec.Endpoint endpoint : spec.endpoints()) {
        if (!IpLiterals.isIp(endpoint.address())) {
          return endpoint.address();
        }
      }
    }
    return "";
  }

  private static SubjectAltNameMatcher dnsSan(StringMatcher.Builder matcher) {
    return SubjectAltNameMatcher.newBuilder()
        .setSanType(SubjectAltNameMatcher.SanType.DNS)
        .setMatcher(matcher)
        .build();
  }

  private static Optional<DataSource> caBytes(io.meshforge.model.spec.DataSource source) {
    if (source.inlineString() != null) {
      return Optional.of(DataSource.newBuilder().setInlineString(source.inlineString()).build());
    }
    if (source.inline() != null) {
      return Optional.of(
          DataSource.newBuilder()
              .setInlineBytes(ByteString.copyFrom(Base64.getDecoder().decode(source.inline())))
              .build());
    }
    return Optional.empty();
  }

  private static TlsParameters.TlsProtocol protocol(MeshExternalServiceSpec.TlsVersionName name) {
    return switch (name) {
      case TLSAuto -> TlsParameters.TlsProtocol.TLS_AUTO;
      case TLS10 -> TlsParameters.TlsProtocol.TLSv1_0;
      case TLS11 -> TlsParameters.TlsProtocol.TLSv1_1;
      case TLS12 -> TlsParameters.TlsProtocol.TLSv1_2;
      case TLS13 -> TlsParameters.TlsProtocol.TLSv1_3;
    };
  }
}
