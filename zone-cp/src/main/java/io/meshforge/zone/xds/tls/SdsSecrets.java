package io.meshforge.zone.xds.tls;

import com.google.protobuf.ByteString;
import io.envoyproxy.envoy.config.core.v3.DataSource;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.CertificateValidationContext;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.Secret;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.TlsCertificate;
import io.meshforge.ca.Pem;
import io.meshforge.ca.WorkloadCertificate;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * {@code SdsSecrets} builds the two SDS {@code Secret} resources a proxy of an mTLS mesh gets: its
 * identity (leaf certificate chain and private key) and the mesh CA (the trust anchor peers are
 * validated against). Both are inline bytes: the key travels only on the proxy's own xDS stream.
 */
public final class SdsSecrets {

  private SdsSecrets() {}

  /**
   * Returns the identity secret, named {@link TlsSecretNames#identity}.
   *
   * @param mesh the proxy's mesh
   * @param certificate the proxy's leaf certificate and key
   * @return the secret
   */
  public static Secret identity(String mesh, WorkloadCertificate certificate) {
    return Secret.newBuilder()
        .setName(TlsSecretNames.identity(mesh))
        .setTlsCertificate(
            TlsCertificate.newBuilder()
                .setCertificateChain(inline(certificate.certificateChainPem()))
                .setPrivateKey(inline(certificate.privateKeyPem())))
        .build();
  }

  /**
   * Returns the mesh CA validation secret, named {@link TlsSecretNames#meshCa}.
   *
   * @param mesh the mesh
   * @param trusted the CA certificates to trust: the current one, plus the previous one while a CA
   *     rotation is in progress
   * @return the secret
   */
  public static Secret meshCa(String mesh, List<X509Certificate> trusted) {
    if (trusted.isEmpty()) {
      throw new IllegalArgumentException("a mesh CA secret needs at least one CA certificate");
    }
    StringBuilder bundle = new StringBuilder();
    trusted.forEach(ca -> bundle.append(Pem.certificate(ca)));
    return Secret.newBuilder()
        .setName(TlsSecretNames.meshCa(mesh))
        .setValidationContext(
            CertificateValidationContext.newBuilder().setTrustedCa(inline(bundle.toString())))
        .build();
  }

  private static DataSource inline(String pem) {
    return DataSource.newBuilder()
        .setInlineBytes(ByteString.copyFrom(pem, StandardCharsets.US_ASCII))
        .build();
  }
}
