package io.meshforge.global.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code HighWaterFile} keeps, outside the database, the highest {@link StorePosition} this global
 * instance saw ({@code <state.dir>/store-high-water}, one line {@code <epoch> <revision>}). It must
 * live outside the database: a restored backup brings the database's own records back with it.
 *
 * <p>Written to a temporary file and moved into place, so a crash leaves the old or the new line,
 * never half of one. An unreadable file counts as absent (the next save replaces it).
 */
final class HighWaterFile {
  static final String NAME = "store-high-water";

  private static final Logger log = LoggerFactory.getLogger(HighWaterFile.class);

  private final Path file;

  HighWaterFile(Path stateDir) {
    this.file = stateDir.resolve(NAME);
  }

  /** Returns the saved position, or empty when none was saved (or it cannot be read). */
  Optional<StorePosition> load() {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      String[] parts = Files.readString(file, StandardCharsets.US_ASCII).strip().split(" ");
      return Optional.of(new StorePosition(UUID.fromString(parts[0]), Long.parseLong(parts[1])));
    } catch (IOException | RuntimeException e) {
      log.warn("Ignoring unreadable {}: {}", file, e.toString());
      return Optional.empty();
    }
  }

  /** Replaces the saved position. */
  void save(StorePosition position) {
    try {
      Files.createDirectories(file.getParent());
      Path temporary = file.resolveSibling(NAME + ".tmp");
      Files.writeString(
          temporary,
          position.epoch() + " " + position.revision() + "\n",
          StandardCharsets.US_ASCII);
      Files.move(
          temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("saving " + file + " failed", e);
    }
  }
}
