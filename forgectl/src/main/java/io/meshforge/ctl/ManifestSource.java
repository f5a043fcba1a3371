package io.meshforge.ctl;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * {@code ManifestSource} is one input of {@code apply -f}: a file, standard input ({@code -}), or
 * every {@code *.yaml}, {@code *.yml} and {@code *.json} file of a directory (not its
 * subdirectories), in name order so that a numbered layout ({@code 00-mesh.yaml}, ...) applies in
 * the order it reads.
 *
 * @param name what it is called in messages (a path, or {@code <stdin>})
 * @param json whether it is JSON rather than YAML (by extension)
 * @param content its bytes
 */
record ManifestSource(String name, boolean json, byte[] content) {

  /**
   * Reads the sources {@code argument} names.
   *
   * @throws CtlException when it does not exist, cannot be read, or a directory holds no manifest
   */
  static List<ManifestSource> read(String argument, InputStream stdin) {
    try {
      if (argument.equals("-")) {
        return List.of(new ManifestSource("<stdin>", false, stdin.readAllBytes()));
      }
      Path path = Path.of(argument);
      if (Files.isDirectory(path)) {
        List<ManifestSource> sources = new ArrayList<>();
        for (Path file : manifestsIn(path)) {
          sources.add(ofFile(file));
        }
        if (sources.isEmpty()) {
          throw new CtlException("directory " + path + " holds no *.yaml, *.yml or *.json file");
        }
        return sources;
      }
      if (!Files.exists(path)) {
        throw new CtlException("no such file or directory: " + path);
      }
      return List.of(ofFile(path));
    } catch (IOException e) {
      throw new CtlException("cannot read " + argument + ": " + e.getMessage(), e);
    }
  }

  private static List<Path> manifestsIn(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(Files::isRegularFile)
          .filter(f -> {
            String n = f.getFileName().toString().toLowerCase(Locale.ROOT);
            return n.endsWith(".yaml") || n.endsWith(".yml") || n.endsWith(".json");
          })
          .sorted()
          .toList();
    }
  }

  private static ManifestSource ofFile(Path file) throws IOException {
    boolean json = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json");
    return new ManifestSource(file.toString(), json, Files.readAllBytes(file));
  }
}
