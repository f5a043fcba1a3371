package io.meshforge.ca;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Objects;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * {@code LeafCertificateIssuer} signs a workload's leaf certificate with its mesh CA: a new EC
 * P-256 key, an empty subject and the identity's URI SANs (critical, as SPIFFE X.509-SVIDs have
 * it), not a CA, usable for TLS server and client authentication.
 *
 * <p>Validity: from one minute before {@code now} (clock skew) to {@code now + ttl}, never past the
 * CA's own expiry; {@code renewAt} is the configured share of that lifetime after {@code now}.
 *
 * <p>Thread-safe.
 */
public final class LeafCertificateIssuer {

  private final SecureRandom random;

  /**
   * Creates an issuer.
   *
   * @param random the source of keys and serial numbers
   */
  public LeafCertificateIssuer(SecureRandom random) {
    this.random = Objects.requireNonNull(random, "random");
  }

  /**
   * Issues a leaf certificate.
   *
   * @param ca the mesh CA; its mesh must be the identity's
   * @param identity whom the certificate speaks for
   * @param now the issuing time
   * @param settings lifetime and renewal share
   * @return the certificate and its key
   * @throws IllegalArgumentException when the CA belongs to another mesh or has expired at {@code
   *     now}
   */
  public WorkloadCertificate issue(
      MeshCa ca, WorkloadIdentity identity, Instant now, LeafSettings settings) {
    if (!ca.mesh().equals(identity.mesh())) {
      throw new IllegalArgumentException(
          "the CA of mesh " + ca.mesh() + " cannot sign for mesh " + identity.mesh());
    }
    Instant caNotAfter = ca.certificate().getNotAfter().toInstant();
    if (!now.isBefore(caNotAfter)) {
      throw new IllegalArgumentException(
          "the CA of mesh " + ca.mesh() + " expired at " + caNotAfter);
    }
    Instant notAfter = min(now.plus(settings.ttl()), caNotAfter);
    Instant caNotBefore = ca.certificate().getNotBefore().toInstant();
    Instant notBefore = max(now.minus(MeshCaGenerator.BACKDATE), caNotBefore);
    Duration lifetime = Duration.between(now, notAfter);
    Instant renewAt = now.plusMillis((long) (lifetime.toMillis() * settings.renewAt()));
    KeyPair keys = KeyPairs.ecP256(random);
    return new WorkloadCertificate(
        identity,
        sign(ca, identity, keys, notBefore, notAfter),
        keys.getPrivate(),
        ca.certificate(),
        now,
        renewAt);
  }

  private X509Certificate sign(
      MeshCa ca, WorkloadIdentity identity, KeyPair keys, Instant notBefore, Instant notAfter) {
    GeneralName[] uris =
        identity.uriSans().stream()
            .map(uri -> new GeneralName(GeneralName.uniformResourceIdentifier, uri))
            .toArray(GeneralName[]::new);
    try {
      JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
      var builder =
          new JcaX509v3CertificateBuilder(
                  ca.certificate(),
                  KeyPairs.serial(random),
                  Date.from(notBefore),
                  Date.from(notAfter),
                  new X500Name(new RDN[0]),
                  keys.getPublic())
              .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
              .addExtension(
                  Extension.keyUsage,
                  true,
                  new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyAgreement))
              .addExtension(
                  Extension.extendedKeyUsage,
                  false,
                  new ExtendedKeyUsage(
                      new KeyPurposeId[] {
                        KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth
                      }))
              .addExtension(
                  Extension.subjectKeyIdentifier,
                  false,
                  extensions.createSubjectKeyIdentifier(keys.getPublic()))
              .addExtension(
                  Extension.authorityKeyIdentifier,
                  false,
                  extensions.createAuthorityKeyIdentifier(ca.certificate()))
              .addExtension(Extension.subjectAlternativeName, true, new GeneralNames(uris));
      return new JcaX509CertificateConverter()
          .getCertificate(
              builder.build(
                  new JcaContentSignerBuilder(KeyPairs.signatureAlgorithm(ca.privateKey()))
                      .build(ca.privateKey())));
    } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
      throw new IllegalStateException("cannot sign a leaf certificate for " + identity, e);
    }
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }

  private static Instant max(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }
}
