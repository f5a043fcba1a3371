package io.meshforge.ca;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Objects;

/**
 * {@code MeshCa} is a mesh's certificate authority: the self-signed CA certificate (URI SAN {@code
 * spiffe://<mesh>}) and its private key.
 *
 * <p>The private key is only held in memory: it is written out sealed ({@link MeshCaSecrets}).
 *
 * @param mesh the mesh the CA signs for
 * @param backend the builtin backend it belongs to
 * @param certificate the CA certificate
 * @param privateKey the CA's private key
 */
public record MeshCa(
    String mesh, String backend, X509Certificate certificate, PrivateKey privateKey) {

  /** Checks that nothing is missing. */
  public MeshCa {
    Objects.requireNonNull(mesh, "mesh");
    Objects.requireNonNull(backend, "backend");
    Objects.requireNonNull(certificate, "certificate");
    Objects.requireNonNull(privateKey, "privateKey");
  }

  /**
   * Returns the CA certificate in PEM.
   *
   * @return the PEM text
   */
  public String certificatePem() {
    return Pem.certificate(certificate);
  }

  /**
   * Returns the SHA-256 fingerprint of the CA certificate, in hex: what tells two CAs apart.
   *
   * @return the fingerprint
   */
  public String fingerprint() {
    return Pem.fingerprint(certificate);
  }

  /** Never prints the key. */
  @Override
  public String toString() {
    return "MeshCa[mesh=" + mesh + ", backend=" + backend + ", fingerprint=" + fingerprint() + "]";
  }
}
