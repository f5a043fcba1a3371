package io.meshforge.zone.kds;

import io.grpc.Metadata;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code ZoneCredentials} are the gRPC headers this zone presents on every KDS call: {@code
 * authorization: Bearer <zone token>}, {@code kds-zone: <zone name>} and {@code kds-zone-version}.
 * The same names as global-cp's zone-token authenticator reads.
 */
public final class ZoneCredentials {

  /** The zone token, as {@code Bearer <token>}. */
  public static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

  /** The zone this control plane claims to be (must match the token's zone). */
  public static final Metadata.Key<String> ZONE =
      Metadata.Key.of("kds-zone", Metadata.ASCII_STRING_MARSHALLER);

  /** This control plane's version, recorded by global in the ZoneInsight. */
  public static final Metadata.Key<String> VERSION =
      Metadata.Key.of("kds-zone-version", Metadata.ASCII_STRING_MARSHALLER);

  private ZoneCredentials() {}

  /** Returns the headers for a zone and its token ({@code null}: no token). */
  public static Metadata of(String zone, String token, String version) {
    Metadata headers = new Metadata();
    headers.put(ZONE, zone);
    headers.put(VERSION, version);
    if (token != null && !token.isBlank()) {
      headers.put(AUTHORIZATION, "Bearer " + token.strip());
    }
    return headers;
  }

  /**
   * Reads the zone token file.
   *
   * @throws UncheckedIOException naming the key when the file cannot be read
   */
  public static String readToken(Path file) {
    try {
      String token = Files.readString(file).strip();
      if (token.isEmpty()) {
        throw new IllegalArgumentException("zone.token: " + file.toAbsolutePath() + " is empty");
      }
      return token;
    } catch (IOException e) {
      throw new UncheckedIOException("zone.token: cannot read " + file.toAbsolutePath(), e);
    }
  }
}
