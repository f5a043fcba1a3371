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
import java.util.Optional;

/**
 * {@code ExternalTls} builds the TLS an egress (or a sidecar reaching a MeshExternalService
 * directly) originates to the external service, from the service's {@code tls}: the server name
 * ({@code verification.serverName}, else the first hostname endpoint), TLS versions, and how the
 * server is verified ({@code caCert} as inline or inline string; {@code Secured} and {@code SkipCA}
 * check {@code subjectAltNames}, else the server name as a DNS SAN; {@code SkipAll} checks
 * nothing). A {@code caCert} held in a mesh Secret is not read (not supported yet): the CA is then
 * not checked. Pure.
 */
public final class ExternalTls {

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
    if (mode != MeshExternalServiceSpec.VerificationMode.SkipAll) {
      CertificateValidationContext.Builder validation = CertificateValidationContext.newBuilder();
      boolean checkCa = mode != MeshExternalServiceSpec.VerificationMode.SkipCA;
      if (checkCa && verification != null && verification.caCert() != null) {
        caBytes(verification.caCert()).ifPresent(ca -> validation.setTrustedCa(ca));
      }
      boolean checkSan = mode != MeshExternalServiceSpec.VerificationMode.SkipSAN;
      if (checkSan) {
        if (verification != null && verification.subjectAltNames() != null) {
          for (MeshExternalServiceSpec.SubjectAltName san : verification.subjectAltNames()) {
            StringMatcher.Builder matcher = StringMatcher.newBuilder();
            if (san.type() == MeshExternalServiceSpec.MatchKind.Prefix) {
              matcher.setPrefix(san.value());
            } else {
              matcher.setExact(san.value());
            }
            validation.addMatchTypedSubjectAltNames(dnsSan(matcher));
          }
        } else if (!serverName.isEmpty()) {
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
