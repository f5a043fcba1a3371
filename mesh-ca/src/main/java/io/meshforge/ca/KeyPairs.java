package io.meshforge.ca;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;

/** {@code KeyPairs} generates the key pairs of CAs and leaves, and picks how they sign. */
final class KeyPairs {

  private KeyPairs() {}

  /** An EC key pair on P-256: small and fast, what every Envoy accepts. */
  static KeyPair ecP256(SecureRandom random) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"), random);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("EC P-256 is part of every JDK", e);
    }
  }

  /** An RSA key pair of the given size. */
  static KeyPair rsa(int bits, SecureRandom random) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(bits, random);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("RSA is part of every JDK", e);
    }
  }

  /** The JCA signature algorithm a key signs certificates with. */
  static String signatureAlgorithm(PrivateKey signer) {
    return "RSA".equals(signer.getAlgorithm()) ? "SHA256withRSA" : "SHA256withECDSA";
  }

  /** A positive random serial number of 159 bits (RFC 5280: at most 20 octets, positive). */
  static BigInteger serial(SecureRandom random) {
    return new BigInteger(159, random).add(BigInteger.ONE);
  }
}
