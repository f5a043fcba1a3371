package io.meshforge.zone.xds;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden files under {@code src/test/resources/golden/}: compared byte for byte, rewritten instead
 * when the build runs with {@code -Dgolden.update=true}.
 */
public final class GoldenFiles {

  /** The source directory of the golden files (tests run from the module directory). */
  public static final Path ROOT = Path.of("src", "test", "resources", "golden");

  private GoldenFiles() {}

  /** Returns whether this run rewrites golden files. */
  public static boolean updating() {
    return Boolean.getBoolean("golden.update");
  }

  /** Reads a file under the golden root. */
  public static String read(String relative) throws IOException {
    return Files.readString(ROOT.resolve(relative), StandardCharsets.UTF_8);
  }

  /** Checks {@code actual} against the golden file, or rewrites it when updating. */
  public static void assertMatches(String relative, String actual) throws IOException {
    Path file = ROOT.resolve(relative);
    if (updating()) {
      Files.createDirectories(file.getParent());
      Files.writeString(file, actual, StandardCharsets.UTF_8);
      return;
    }
    assertThat(file)
        .as("golden file %s is missing: run with -Dgolden.update=true to create it", file)
        .exists();
    assertThat(actual)
        .as("%s differs; if the change is intended, rerun with -Dgolden.update=true", file)
        .isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
  }
}
