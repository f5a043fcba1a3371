package io.meshforge.global.kds;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * {@code KdsTlsMaterial} is the KDS server's certificate and key: the configured files, or a
 * self-signed certificate generated at first start under {@code <state.dir>/kds-tls/} ({@code
 * cert.pem}, {@code key.pem} with mode 0600, and {@code ca.pem} — the file zones trust) and reused
 * on later starts. The generated certificate names {@code localhost}, {@code 127.0.0.1}, {@code
 * ::1} and this host's name; production deployments configure their own.
 */
public record KdsTlsMaterial(Path certChain, Path privateKey, Path caCert) {

  private static final Duration VALIDITY = Duration.ofDays(3650);

  /** Returns configured files, checking they exist. */
  public static KdsTlsMaterial configured(Path cert, Path key) {
    if (!Files.isReadable(cert) || !Files.isReadable(key)) {
      throw new IllegalStateException(
          "kds.tls.cert " + cert + " and kds.tls.key " + key + " must be readable files");
    }
    return new KdsTlsMaterial(cert, key, cert);
  }

  /** Returns the generated material of a state directory, generating it if absent. */
  public static KdsTlsMaterial selfSigned(Path stateDir) {
    Path dir = stateDir.toAbsolutePath().resolve("kds-tls");
    KdsTlsMaterial material =
        new KdsTlsMaterial(dir.resolve("cert.pem"), dir.resolve("key.pem"), dir.resolve("ca.pem"));
    if (Files.exists(material.certChain()) && Files.exists(material.privateKey())) {
      return material;
    }
    try {
      Files.createDirectories(dir);
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(256);
      KeyPair pair = generator.generateKeyPair();
      String cert = pem(certificate(pair));
      Files.writeString(material.caCert(), cert);
      Files.deleteIfExists(material.privateKey());
      Files.createFile(
          material.privateKey(),
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(material.privateKey(), pkcs8(pair.getPrivate().getEncoded()));
      Files.writeString(material.certChain(), cert);
      return material;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the KDS certificate under " + dir, e);
    } catch (GeneralSecurityException | OperatorCreationException e) {
      throw new IllegalStateException("cannot generate the KDS certificate", e);
    }
  }

  private static X509Certificate certificate(KeyPair pair)
      throws GeneralSecurityException, OperatorCreationException, IOException {
    X500Name subject = new X500Name("CN=meshforge-global-kds");
    Instant now = Instant.now();
    X509v3CertificateBuilder builder =
        new JcaX509v3CertificateBuilder(
            subject,
            new BigInteger(64, new SecureRandom()).abs().add(BigInteger.ONE),
            Date.from(now.minus(Duration.ofHours(1))),
            Date.from(now.plus(VALIDITY)),
            subject,
            pair.getPublic());
    List<GeneralName> names = new ArrayList<>();
    names.add(new GeneralName(GeneralName.dNSName, "localhost"));
    names.add(new GeneralName(GeneralName.iPAddress, "127.0.0.1"));
    names.add(new GeneralName(GeneralName.iPAddress, "::1"));
    String host = hostname();
    if (host != null && !host.equals("localhost")) {
      names.add(new GeneralName(GeneralName.dNSName, host));
    }
    builder.addExtension(
        Extension.subjectAlternativeName,
        false,
        new GeneralNames(names.toArray(GeneralName[]::new)));
    // Self-signed: the certificate is its own trust anchor, so it is marked as a CA.
    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
    builder.addExtension(
        Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyCertSign));
    return new JcaX509CertificateConverter()
        .getCertificate(
            builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
  }

  private static String hostname() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return null;
    }
  }

  // PKCS#8 ("PRIVATE KEY"): the form Netty's TLS reads (not the SEC1 "EC PRIVATE KEY").
  private static String pkcs8(byte[] der) {
    return "-----BEGIN PRIVATE KEY-----\n"
        + java.util.Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END PRIVATE KEY-----\n";
  }

  private static String pem(Object object) throws IOException {
    StringWriter text = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
      writer.writeObject(object);
    }
    return text.toString();
  }
}
