package io.meshforge.rest.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * {@code AdminToken} is the credential of the operator (ADR 0024): a random token generated at
 * first start into {@code <state.dir>/admin-token}, created with mode 0600 (owner read/write only),
 * and kept across restarts.
 */
public final class AdminToken {

  /** The file name under the state directory. */
  public static final String FILE_NAME = "admin-token";

  private final byte[] token;
  private final Path file;

  private AdminToken(Path file, String token) {
    this.file = file;
    this.token = token.getBytes(StandardCharsets.UTF_8);
  }

  /** Loads the admin token of a state directory, generating it on first start. */
  public static AdminToken loadOrCreate(Path stateDir) {
    Path file = stateDir.toAbsolutePath().resolve(FILE_NAME);
    try {
      Files.createDirectories(file.getParent());
      if (!Files.exists(file)) {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String value = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        try {
          Files.createFile(
              file,
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
          Files.writeString(file, value + "\n");
        } catch (FileAlreadyExistsException e) {
          // Created concurrently: read the winner's token below.
        }
      }
      String value = Files.readString(file).trim();
      if (value.isEmpty()) {
        throw new IllegalStateException(file + " is empty; delete it to generate a new token");
      }
      return new AdminToken(file, value);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create the admin token " + file, e);
    }
  }

  /** Where the token lives. */
  public Path file() {
    return file;
  }

  /** Compares a presented token in constant time. */
  public boolean matches(String presented) {
    return presented != null
        && MessageDigest.isEqual(token, presented.getBytes(StandardCharsets.UTF_8));
  }
}
