package io.meshforge.ca;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@code SecretsKey} is the key-encryption key that seals secret material (the builtin CA's private
 * key) before it is written to a database or sent over KDS. Global and every zone are given the
 * same key (a file of 32 random bytes, base64 on one line); it is never stored in a database.
 *
 * <p>Its {@link #id()} is derived from the key itself (the first 8 bytes of its SHA-256, in hex),
 * so a sealed value names the key it needs without revealing it, and a process holding another key
 * fails with a message that says so.
 *
 * <p>Immutable and thread-safe.
 */
public final class SecretsKey {

  /** The key length in bytes (AES-256). */
  public static final int LENGTH = 32;

  private final byte[] raw;
  private final String id;

  private SecretsKey(byte[] raw) {
    if (raw.length != LENGTH) {
      throw new IllegalArgumentException(
          "a secrets key is " + LENGTH + " bytes (AES-256), got " + raw.length);
    }
    this.raw = raw.clone();
    this.id = idOf(this.raw);
  }

  /**
   * Returns a key from its raw bytes.
   *
   * @param raw 32 bytes
   * @return the key
   * @throws IllegalArgumentException when the length is wrong
   */
  public static SecretsKey of(byte[] raw) {
    return new SecretsKey(raw);
  }

  /**
   * Parses a key written as base64 (surrounding white space is ignored).
   *
   * @param base64 the encoded 32 bytes
   * @return the key
   * @throws IllegalArgumentException when it is not base64 of 32 bytes
   */
  public static SecretsKey parse(String base64) {
    try {
      return new SecretsKey(Base64.getDecoder().decode(base64.strip()));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("a secrets key is base64 of 32 bytes: " + e.getMessage());
    }
  }

  /**
   * Generates a new random key.
   *
   * @param random the source of randomness
   * @return the key
   */
  public static SecretsKey generate(SecureRandom random) {
    byte[] raw = new byte[LENGTH];
    random.nextBytes(raw);
    return new SecretsKey(raw);
  }

  /**
   * Reads a key file.
   *
   * @param file a file holding the base64 key
   * @return the key
   * @throws UncheckedIOException when the file cannot be read
   * @throws IllegalArgumentException when its content is not a key
   */
  public static SecretsKey load(Path file) {
    try {
      return parse(Files.readString(file, StandardCharsets.US_ASCII));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the secrets key file " + file, e);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Reads a key file, first creating it with a new random key (mode 0600 where the file system
   * supports it) when it does not exist. Two processes racing to create it end with the same key:
   * the loser reads the winner's file.
   *
   * @param file the key file
   * @param random the source of randomness for a new key
   * @return the key in the file
   * @throws UncheckedIOException when the file cannot be created or read
   */
  public static SecretsKey loadOrCreate(Path file, SecureRandom random) {
    if (!Files.exists(file)) {
      SecretsKey fresh = generate(random);
      try {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
          Files.createDirectories(parent);
        }
        Files.writeString(
            file, fresh.encoded() + "\n", StandardCharsets.US_ASCII, StandardOpenOption.CREATE_NEW);
        restrictToOwner(file);
      } catch (FileAlreadyExistsException e) {
        // Another process created it first: its key wins.
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create the secrets key file " + file, e);
      }
    }
    return load(file);
  }

  /**
   * Returns the key's id: hex of the first 8 bytes of the SHA-256 of the key.
   *
   * @return the id, 16 lowercase hex characters
   */
  public String id() {
    return id;
  }

  /**
   * Returns the key as base64, the form of a key file.
   *
   * @return the encoded key
   */
  public String encoded() {
    return Base64.getEncoder().encodeToString(raw);
  }

  /** The AES key for the cipher. */
  SecretKey aesKey() {
    return new SecretKeySpec(raw, "AES");
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof SecretsKey that && MessageDigest.isEqual(raw, that.raw);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(raw);
  }

  /** Never prints the key. */
  @Override
  public String toString() {
    return "SecretsKey[id=" + id + "]";
  }

  private static String idOf(byte[] raw) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(raw);
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  private static void restrictToOwner(Path file) throws IOException {
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // Not a POSIX file system: the directory's permissions have to protect it.
    }
  }
}
