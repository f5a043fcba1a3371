package io.meshforge.ca;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

/**
 * {@code SecretSeal} seals bytes with AES-256-GCM under a {@link SecretsKey}, and opens them again.
 *
 * <p>A sealed value is one line of text, {@code mfseal1.<key id>.<nonce>.<ciphertext>} (both
 * base64url without padding; the ciphertext ends with the 128-bit tag). The caller's {@code
 * context} (e.g. {@code Secret/default/default.ca-builtin-ca-1}) is authenticated as associated
 * data: a sealed value copied into another Secret, or another mesh, does not open.
 *
 * <p>Rotation of the key: seal with the new key and keep the old ones as {@code previous} (open
 * only) until every sealed value was rewritten.
 *
 * <p>Thread-safe: a cipher is created per call.
 */
public final class SecretSeal {

  private static final String PREFIX = "mfseal1";
  private static final String TRANSFORMATION = "AES/GCM/NoPadding";
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final SecretsKey current;
  private final Map<String, SecretsKey> byId = new LinkedHashMap<>();
  private final SecureRandom random;

  /**
   * Creates a seal.
   *
   * @param current the key new values are sealed with (and opened with)
   * @param previous older keys values may still be sealed with (opened only)
   * @param random the source of nonces
   */
  public SecretSeal(SecretsKey current, List<SecretsKey> previous, SecureRandom random) {
    this.current = Objects.requireNonNull(current, "current");
    this.random = Objects.requireNonNull(random, "random");
    byId.put(current.id(), current);
    previous.forEach(key -> byId.putIfAbsent(key.id(), key));
  }

  /**
   * Returns a seal with one key.
   *
   * @param key the key
   * @return the seal
   */
  public static SecretSeal of(SecretsKey key) {
    return new SecretSeal(key, List.of(), new SecureRandom());
  }

  /**
   * Returns the id of the key new values are sealed with.
   *
   * @return the key id
   */
  public String currentKeyId() {
    return current.id();
  }

  /**
   * Seals bytes.
   *
   * @param plaintext what to protect
   * @param context where the value will live; needed again to open it
   * @return the sealed value, one line of ASCII
   */
  public String seal(byte[] plaintext, String context) {
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    try {
      Cipher cipher = Cipher.getInstance(TRANSFORMATION);
      cipher.init(Cipher.ENCRYPT_MODE, current.aesKey(), new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(associatedData(current.id(), context));
      byte[] sealed = cipher.doFinal(plaintext);
      Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
      return String.join(
          ".", PREFIX, current.id(), b64.encodeToString(nonce), b64.encodeToString(sealed));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is part of every JDK", e);
    }
  }

  /**
   * Opens a sealed value.
   *
   * @param sealed a value returned by {@link #seal}
   * @param context the context it was sealed for
   * @return the plaintext
   * @throws SealException when the value is malformed, sealed under a key this seal does not hold,
   *     for another context, or altered
   */
  public byte[] open(String sealed, String context) {
    String[] parts = sealed.strip().split("\\.", -1);
    if (parts.length != 4 || !parts[0].equals(PREFIX)) {
      throw new SealException("not a sealed value (expected " + PREFIX + ".<key id>.<...>)");
    }
    SecretsKey key = byId.get(parts[1]);
    if (key == null) {
      throw new SealException(
          "sealed under secrets key "
              + parts[1]
              + ", but this control plane has "
              + byId.keySet()
              + ": give every control plane the same secrets key file (ADR 0016)");
    }
    try {
      Base64.Decoder b64 = Base64.getUrlDecoder();
      byte[] nonce = b64.decode(parts[2]);
      Cipher cipher = Cipher.getInstance(TRANSFORMATION);
      cipher.init(Cipher.DECRYPT_MODE, key.aesKey(), new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(associatedData(key.id(), context));
      return cipher.doFinal(b64.decode(parts[3]));
    } catch (IllegalArgumentException | GeneralSecurityException e) {
      throw new SealException(
          "the sealed value does not open under key " + key.id() + " for " + context, e);
    }
  }

  private static byte[] associatedData(String keyId, String context) {
    return (PREFIX + "|" + keyId + "|" + context).getBytes(StandardCharsets.UTF_8);
  }
}
