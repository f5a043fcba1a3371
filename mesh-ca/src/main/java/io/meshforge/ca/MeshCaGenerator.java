package io.meshforge.ca;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Objects;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * {@code MeshCaGenerator} creates the self-signed CA of a mesh's builtin backend: subject {@code
 * O=MeshForge, OU=Mesh, CN=<mesh>}, URI SAN {@code spiffe://<mesh>}, basic constraints CA with path
 * length 0 (it signs leaves only), key usage certificate and CRL signing, valid from one minute
 * before now (clock skew between control planes) for the backend's validity.
 *
 * <p>Thread-safe.
 */
public final class MeshCaGenerator {

  /** How far back certificates are dated, so a peer whose clock is slightly behind accepts them. */
  static final Duration BACKDATE = Duration.ofMinutes(1);

  private final Clock clock;
  private final SecureRandom random;

  /**
   * Creates a generator.
   *
   * @param clock the time certificates start from
   * @param random the source of keys and serial numbers
   */
  public MeshCaGenerator(Clock clock, SecureRandom random) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.random = Objects.requireNonNull(random, "random");
  }

  /**
   * Returns a generator on the system clock.
   *
   * @return the generator
   */
  public static MeshCaGenerator systemDefault() {
    return new MeshCaGenerator(Clock.systemUTC(), new SecureRandom());
  }

  /**
   * Generates a new CA for a backend.
   *
   * @param backend the mesh's builtin backend
   * @return the CA
   */
  public MeshCa generate(BuiltinBackend backend) {
    KeyPair keys =
        backend.rsa() ? KeyPairs.rsa(backend.rsaBits(), random) : KeyPairs.ecP256(random);
    Instant now = clock.instant();
    X500Name subject =
        new X500NameBuilder(BCStyle.INSTANCE)
            .addRDN(BCStyle.O, "MeshForge")
            .addRDN(BCStyle.OU, "Mesh")
            .addRDN(BCStyle.CN, backend.mesh())
            .build();
    try {
      JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
      X509v3CertificateBuilder builder =
          new JcaX509v3CertificateBuilder(
                  subject,
                  KeyPairs.serial(random),
                  Date.from(now.minus(BACKDATE)),
                  Date.from(now.plus(backend.caValidity())),
                  subject,
                  keys.getPublic())
              .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
              .addExtension(
                  Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
              .addExtension(
                  Extension.subjectKeyIdentifier,
                  false,
                  extensions.createSubjectKeyIdentifier(keys.getPublic()))
              .addExtension(
                  Extension.subjectAlternativeName,
                  false,
                  new GeneralNames(
                      new GeneralName(
                          GeneralName.uniformResourceIdentifier,
                          SpiffeIds.ofMesh(backend.mesh()))));
      X509Certificate certificate =
          new JcaX509CertificateConverter()
              .getCertificate(
                  builder.build(
                      new JcaContentSignerBuilder(KeyPairs.signatureAlgorithm(keys.getPrivate()))
                          .build(keys.getPrivate())));
      return new MeshCa(backend.mesh(), backend.name(), certificate, keys.getPrivate());
    } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
      throw new IllegalStateException("cannot build the CA certificate of " + backend.mesh(), e);
    }
  }
}
