package io.meshforge.ca;

import io.meshforge.model.Resource;
import io.meshforge.model.ResourceKey;
import io.meshforge.model.ResourceTypes;
import io.meshforge.model.validation.ResourceNames;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code MeshCaSecrets} stores a {@link MeshCa} as one mesh-scoped {@code Secret}, and reads it
 * back.
 *
 * <p>Name: {@code <mesh>.ca-builtin-<backend>} (Kuma keeps the certificate and the key in two
 * Secrets, {@code ...-cert-...} and {@code ...-key-...}; one Secret here, so creating a CA is one
 * atomic create-if-absent, and two global instances racing can never pair one's certificate with
 * the other's key). A name over 253 characters is cut and suffixed with a hash.
 *
 * <p>{@code data} is base64 of a JSON document:
 *
 * <pre>{@code
 * {"format": "meshforge.io/builtin-ca/v1", "mesh": "...", "backend": "...",
 *  "certificate": "-----BEGIN CERTIFICATE-----...", "keyAlgorithm": "EC",
 *  "key": "mfseal1.<key id>.<nonce>.<ciphertext>"}
 * }</pre>
 *
 * The certificate is public; the PKCS#8 private key is sealed ({@link SecretSeal}) with the context
 * {@code Secret/<mesh>/<secret name>}, so it is never in plaintext in a database row nor in a KDS
 * message, and cannot be moved to another mesh.
 */
public final class MeshCaSecrets {

  /** The {@code format} of the stored document. */
  public static final String FORMAT = "meshforge.io/builtin-ca/v1";

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private MeshCaSecrets() {}

  /**
   * Returns the name of the Secret holding a backend's CA.
   *
   * @param mesh the mesh
   * @param backend the builtin backend's name
   * @return {@code <mesh>.ca-builtin-<backend>}, cut to a valid length
   */
  public static String secretName(String mesh, String backend) {
    String name = mesh + ".ca-builtin-" + backend;
    if (name.length() <= ResourceNames.MAX_LENGTH) {
      return name;
    }
    String hash = sha256Hex(name).substring(0, 16);
    String cut = name.substring(0, ResourceNames.MAX_LENGTH - hash.length() - 1);
    while (cut.endsWith("-") || cut.endsWith(".")) {
      cut = cut.substring(0, cut.length() - 1);
    }
    return cut + "-" + hash;
  }

  /**
   * Returns the key of the Secret holding a backend's CA.
   *
   * @param mesh the mesh
   * @param backend the builtin backend's name
   * @return the Secret's key
   */
  public static ResourceKey secretKey(String mesh, String backend) {
    return ResourceKey.inMesh(ResourceTypes.SECRET, mesh, secretName(mesh, backend));
  }

  /**
   * Returns the Secret (not stored yet) holding a CA, its key sealed.
   *
   * @param ca the CA
   * @param seal seals the private key
   * @return a {@code Secret} resource
   */
  public static Resource toSecret(MeshCa ca, SecretSeal seal) {
    ResourceKey key = secretKey(ca.mesh(), ca.backend());
    PrivateKey privateKey = ca.privateKey();
    ObjectNode document = JSON.createObjectNode();
    document.put("format", FORMAT);
    document.put("mesh", ca.mesh());
    document.put("backend", ca.backend());
    document.put("certificate", ca.certificatePem());
    document.put("keyAlgorithm", privateKey.getAlgorithm());
    document.put("key", seal.seal(privateKey.getEncoded(), sealContext(key)));
    ObjectNode spec = JSON.createObjectNode();
    spec.put("data", Base64.getEncoder().encodeToString(JSON.writeValueAsBytes(document)));
    return Resource.of(key, Map.of(), spec);
  }

  /**
   * Reads the CA held by a Secret.
   *
   * @param secret a Secret written by {@link #toSecret}
   * @param seal opens the private key
   * @return the CA
   * @throws IllegalArgumentException when the Secret does not hold a builtin CA
   * @throws SealException when the key does not open with this seal
   */
  public static MeshCa fromSecret(Resource secret, SecretSeal seal) {
    Objects.requireNonNull(secret, "secret");
    if (!secret.type().equals(ResourceTypes.SECRET)) {
      throw new IllegalArgumentException("not a Secret: " + secret.key());
    }
    JsonNode document;
    try {
      document = JSON.readTree(Base64.getDecoder().decode(secret.spec().path("data").asString("")));
    } catch (IllegalArgumentException | JacksonException e) {
      throw new IllegalArgumentException(secret.key() + " does not hold a builtin CA", e);
    }
    if (!FORMAT.equals(document.path("format").asString(""))) {
      throw new IllegalArgumentException(
          secret.key() + " does not hold a builtin CA (format is not " + FORMAT + ")");
    }
    X509Certificate certificate = Pem.parseCertificate(document.path("certificate").asString(""));
    byte[] der = seal.open(document.path("key").asString(""), sealContext(secret.key()));
    PrivateKey privateKey = Pem.parsePkcs8(der, document.path("keyAlgorithm").asString("EC"));
    return new MeshCa(
        secret.mesh(), document.path("backend").asString(""), certificate, privateKey);
  }

  /** Where a CA key is sealed for: its Secret, so it cannot be replayed elsewhere. */
  static String sealContext(ResourceKey secret) {
    return "Secret/" + secret.mesh() + "/" + secret.name();
  }

  private static String sha256Hex(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
