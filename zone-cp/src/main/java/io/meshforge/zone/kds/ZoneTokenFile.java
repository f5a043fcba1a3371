package io.meshforge.zone.kds;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code ZoneTokenFile} reads the zone token global issued for this zone ({@code zone.token}); it
 * is sent with the other credentials of {@link io.meshforge.kds.transport.KdsHeaders}.
 */
final class ZoneTokenFile {

  private ZoneTokenFile() {}

  /**
   * Reads the zone token file.
   *
   * @throws UncheckedIOException naming the key when the file cannot be read
   * @throws IllegalArgumentException when the file is empty
   */
  static String read(Path file) {
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
