package io.meshforge.local;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds a control plane's or agent's {@code -exec} jar named by a system property, the way the
 * build hands them to the e2e tests and the benchmark harness.
 */
public final class ExecJars {

  private ExecJars() {}

  /**
   * Returns the jar the system property names.
   *
   * @param property the system property holding the jar's path
   * @param howToRun how the caller is meant to be started (e.g. "through Maven"), for the message
   * @param howToBuild what builds the jar, for the message when it is missing
   * @throws IllegalStateException when the property is not set or the file does not exist
   */
  public static Path fromProperty(String property, String howToRun, String howToBuild) {
    String value = System.getProperty(property);
    if (value == null) {
      throw new IllegalStateException(
          "system property " + property + " is not set (run " + howToRun + ")");
    }
    Path jar = Path.of(value).toAbsolutePath().normalize();
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " does not exist: " + howToBuild);
    }
    return jar;
  }
}
