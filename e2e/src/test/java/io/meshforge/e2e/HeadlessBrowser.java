package io.meshforge.e2e;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the Node scripts of {@code src/test/gui} that drive headless Chromium through
 * playwright-core. Chromium is Debian's package ({@code /usr/bin/chromium}, or the {@code CHROMIUM}
 * environment variable); playwright-core is installed with {@code npm ci} from the committed lock
 * file the first time it is missing, so a fresh clone needs only Node, npm and Chromium.
 */
final class HeadlessBrowser {
  static final Path SCRIPTS = Path.of("src", "test", "gui");
  private static final Duration NPM_CI = Duration.ofMinutes(5);

  private HeadlessBrowser() {}

  /** A finished script: exit code and everything it printed. */
  record Run(int exitCode, String output) {}

  /** The Chromium binary the scripts launch. */
  static Path chromium() {
    String configured = System.getenv("CHROMIUM");
    return Path.of(configured != null && !configured.isBlank() ? configured : "/usr/bin/chromium");
  }

  /**
   * Fails (never skips) unless Chromium, Node and playwright-core are there; installs
   * playwright-core with {@code npm ci} when only it is missing.
   */
  static void requireInstalled() {
    if (!Files.isExecutable(chromium())) {
      fail(
          "the GUI test needs Chromium at %s: install Debian's package (apt-get install -y"
              + " chromium) or set CHROMIUM to a Chromium binary",
          chromium());
    }
    Run node = run(List.of("node", "--version"), Path.of("."), Duration.ofSeconds(30));
    if (node.exitCode() != 0) {
      fail("the GUI test needs Node.js 20 or newer with npm on PATH: %s", node.output());
    }
    if (!Files.isDirectory(SCRIPTS.resolve("node_modules").resolve("playwright-core"))) {
      Run npm = run(List.of("npm", "ci", "--no-audit", "--no-fund"), SCRIPTS, NPM_CI);
      if (npm.exitCode() != 0) {
        fail("npm ci in %s failed (exit %d):%n%s", SCRIPTS, npm.exitCode(), npm.output());
      }
    }
  }

  /** Runs {@code node <script> <args>} in the scripts folder, bounded by {@code limit}. */
  static Run runScript(String script, List<String> args, Duration limit) {
    List<String> command = new ArrayList<>(List.of("node", script));
    command.addAll(args);
    Run run = run(command, SCRIPTS, limit);
    System.out.println("[e2e] " + script + ":\n" + run.output());
    return run;
  }

  private static Run run(List<String> command, Path dir, Duration limit) {
    Path log = null;
    try {
      log = Files.createTempFile("headless-browser", ".log");
      Process process =
          new ProcessBuilder(command)
              .directory(dir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      process.getOutputStream().close();
      if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor();
        return new Run(-1, read(log) + "\n(stopped after " + limit + ")");
      }
      return new Run(process.exitValue(), read(log));
    } catch (IOException e) {
      return new Run(-1, command.get(0) + " could not be started: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Run(-1, "interrupted");
    } finally {
      if (log != null) {
        try {
          Files.deleteIfExists(log);
        } catch (IOException ignored) {
          // a temporary file left behind is harmless
        }
      }
    }
  }

  private static String read(Path log) throws IOException {
    return Files.readString(log, StandardCharsets.UTF_8);
  }
}
