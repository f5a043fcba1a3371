package io.meshforge.ca;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Objects;

/**
 * {@code WorkloadCertificate} is a leaf certificate issued to a workload identity, with its private
 * key and the CA that signed it.
 *
 * @param identity whom it was issued to
 * @param certificate the leaf certificate
 * @param privateKey the leaf's private key
 * @param ca the signing mesh CA certificate (what peers validate against)
 * @param issuedAt when it was issued (by the issuer's clock)
 * @param renewAt when it should be replaced: the configured share of its lifetime after {@code
 *     issuedAt}
 */
public record WorkloadCertificate(
    WorkloadIdentity identity,
    X509Certificate certificate,
    PrivateKey privateKey,
    X509Certificate ca,
    Instant issuedAt,
    Instant renewAt) {

  /** Checks that nothing is missing. */
  public WorkloadCertificate {
    Objects.requireNonNull(identity, "identity");
    Objects.requireNonNull(certificate, "certificate");
    Objects.requireNonNull(privateKey, "privateKey");
    Objects.requireNonNull(ca, "ca");
    Objects.requireNonNull(issuedAt, "issuedAt");
    Objects.requireNonNull(renewAt, "renewAt");
  }

  /**
   * Returns when the certificate expires.
   *
   * @return its {@code notAfter}
   */
  public Instant expiresAt() {
    return certificate.getNotAfter().toInstant();
  }

  /**
   * Returns the leaf certificate followed by nothing else: the mesh CA is the trust anchor and
   * peers hold it, so the chain is the leaf alone.
   *
   * @return PEM text
   */
  public String certificateChainPem() {
    return Pem.certificate(certificate);
  }

  /**
   * Returns the private key in PKCS#8 PEM.
   *
   * @return PEM text
   */
  public String privateKeyPem() {
    return Pem.privateKey(privateKey);
  }

  /**
   * Returns the mesh CA certificate in PEM.
   *
   * @return PEM text
   */
  public String caPem() {
    return Pem.certificate(ca);
  }

  /** Never prints the key. */
  @Override
  public String toString() {
    return "WorkloadCertificate[" + identity + ", expiresAt=" + expiresAt() + "]";
  }
}
