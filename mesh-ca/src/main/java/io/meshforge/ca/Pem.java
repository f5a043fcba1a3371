package io.meshforge.ca;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;

/** {@code Pem} writes and reads the PEM and DER forms of certificates and PKCS#8 private keys. */
public final class Pem {

  private Pem() {}

  /**
   * Returns a certificate in PEM.
   *
   * @param certificate the certificate
   * @return {@code -----BEGIN CERTIFICATE-----} text, lines of 64 characters, ending with a newline
   */
  public static String certificate(X509Certificate certificate) {
    try {
      return block("CERTIFICATE", certificate.getEncoded());
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException("a certificate we hold cannot be encoded", e);
    }
  }

  /**
   * Returns a private key in PKCS#8 PEM.
   *
   * @param key the key
   * @return {@code -----BEGIN PRIVATE KEY-----} text
   */
  public static String privateKey(PrivateKey key) {
    return block("PRIVATE KEY", key.getEncoded());
  }

  /**
   * Reads one certificate from PEM (or DER).
   *
   * @param pem the text
   * @return the certificate
   * @throws IllegalArgumentException when it is not a certificate
   */
  public static X509Certificate parseCertificate(String pem) {
    try {
      return (X509Certificate)
          CertificateFactory.getInstance("X.509")
              .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.UTF_8)));
    } catch (CertificateException | ClassCastException e) {
      throw new IllegalArgumentException("not a PEM X.509 certificate", e);
    }
  }

  /**
   * Reads a PKCS#8 DER private key of the given algorithm.
   *
   * @param der the encoded key
   * @param algorithm {@code EC} or {@code RSA}
   * @return the key
   * @throws IllegalArgumentException when it is not such a key
   */
  public static PrivateKey parsePkcs8(byte[] der, String algorithm) {
    try {
      return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("not a PKCS#8 " + algorithm + " private key", e);
    }
  }

  /**
   * Returns the SHA-256 of a certificate's DER encoding in hex.
   *
   * @param certificate the certificate
   * @return 64 lowercase hex characters
   */
  public static String fingerprint(X509Certificate certificate) {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot fingerprint a certificate we hold", e);
    }
  }

  private static String block(String label, byte[] der) {
    String body =
        Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    return "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
  }
}
