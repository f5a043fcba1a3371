package io.meshforge.ctl;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.dataformat.yaml.YAMLFactory;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

/**
 * {@code ConfigFile} reads and writes forgectl's config file (YAML). The file holds tokens, so it
 * is written with mode 0600 through a temporary file in the same directory and an atomic move: a
 * reader never sees half a file and the token is never readable by others, even for a moment.
 */
public final class ConfigFile {
  private static final ObjectMapper YAML =
      YAMLMapper.builder(
              YAMLFactory.builder()
                  .disable(YAMLWriteFeature.WRITE_DOC_START_MARKER)
                  .enable(YAMLWriteFeature.MINIMIZE_QUOTES)
                  .build())
          .build();

  private final Path path;

  /** A config file at {@code path} (it need not exist yet). */
  public ConfigFile(Path path) {
    this.path = path;
  }

  /** Where the file is. */
  public Path path() {
    return path;
  }

  /**
   * Reads the file; a missing file is an empty config.
   *
   * @throws CtlException when the file exists but cannot be read or parsed
   */
  public CtlConfig load() {
    if (!Files.exists(path)) {
      return CtlConfig.EMPTY;
    }
    try {
      CtlConfig config = YAML.readValue(Files.readString(path), CtlConfig.class);
      return config == null ? CtlConfig.EMPTY : config;
    } catch (IOException | JacksonException e) {
      throw new CtlException("cannot read the config file " + path + ": " + e.getMessage(), e);
    }
  }

  /**
   * Writes {@code config}, readable and writable by the owner only.
   *
   * @throws CtlException when the file cannot be written
   */
  public void save(CtlConfig config) {
    try {
      Path dir = path.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      Path temporary = dir.resolve("." + path.getFileName() + ".tmp");
      Files.deleteIfExists(temporary);
      try {
        Files.createFile(
            temporary,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } catch (FileAlreadyExistsException e) {
        throw new CtlException("another forgectl is writing " + path + "; try again", e);
      }
      Files.writeString(temporary, YAML.writeValueAsString(config));
      Files.move(
          temporary, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException | JacksonException e) {
      throw new CtlException("cannot write the config file " + path + ": " + e.getMessage(), e);
    }
  }
}
