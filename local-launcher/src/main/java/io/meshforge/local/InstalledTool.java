package io.meshforge.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** {@code InstalledTool} asks whether a program is on PATH by running its version command. */
public final class InstalledTool {
  private InstalledTool() {}

  /**
   * Runs {@code command} (e.g. {@code envoy --version}); returns the first line it printed when it
   * exits 0 within 30 s, empty when it is missing or fails.
   */
  public static Optional<String> version(List<String> command) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return Optional.empty();
      }
      if (process.exitValue() != 0) {
        return Optional.empty();
      }
      return out.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst();
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }
}
