package io.meshforge.zone.kds;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * {@code FileEpochMemory} keeps the trusted global epoch in a file of the state directory, written
 * atomically (temporary file, then rename).
 *
 * <p>Known limit: with several zone-cp instances on one PostgreSQL each instance has its own file;
 * a new leader that never synced trusts the epoch it first sees. ADR 0013 proposes moving this into
 * the zone's database.
 */
public final class FileEpochMemory implements EpochMemory {
  private final Path file;

  public FileEpochMemory(Path file) {
    this.file = file;
  }

  @Override
  public Optional<String> load() {
    try {
      if (!Files.exists(file)) {
        return Optional.empty();
      }
      String epoch = Files.readString(file).strip();
      return epoch.isEmpty() ? Optional.empty() : Optional.of(epoch);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  @Override
  public void save(String epoch) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      Files.writeString(tmp, epoch == null ? "" : epoch + "\n");
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
