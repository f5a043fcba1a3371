package io.meshforge.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launchers' shell library ({@code bin/lib/jar.sh}) under the shell options the launchers use
 * ({@code set -euo pipefail}), on a tree where nothing is built yet: a fresh clone must get to the
 * build, not end silently.
 */
class LauncherScriptsTest {

  @Test
  void findJar_onAFreshClone_printsNothingAndGoesOn(@TempDir Path freshClone) throws Exception {
    Files.createDirectories(freshClone.resolve("global-cp/target"));

    Result result =
        bash(
            "set -euo pipefail; . \"$LIB\"; FORGE_ROOT=\"$ROOT\"; "
                + "jar=$(forge_find_jar global-cp); echo \"jar=[$jar]\"; "
                + "jar=$(forge_find_jar not-even-a-module); echo \"jar=[$jar]\"",
            freshClone);

    assertThat(result.exit()).as(result.output()).isZero();
    assertThat(result.output()).isEqualTo("jar=[]\njar=[]\n");
  }

  @Test
  void findJar_whenBuilt_printsTheExecJar(@TempDir Path clone) throws Exception {
    Path target = Files.createDirectories(clone.resolve("zone-cp/target"));
    Files.writeString(target.resolve("zone-cp-0.1.0-SNAPSHOT.jar"), "plain");
    Path exec = Files.writeString(target.resolve("zone-cp-0.1.0-SNAPSHOT-exec.jar"), "exec");

    Result result =
        bash(
            "set -euo pipefail; . \"$LIB\"; FORGE_ROOT=\"$ROOT\"; "
                + "echo \"$(forge_find_jar zone-cp)\"",
            clone);

    assertThat(result.exit()).as(result.output()).isZero();
    assertThat(result.output()).isEqualTo(exec + "\n");
  }

  private record Result(int exit, String output) {}

  private static Result bash(String script, Path root) throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder("bash", "-c", script).redirectErrorStream(true);
    builder.environment().put("LIB", library().toString());
    builder.environment().put("ROOT", root.toString());
    Process process = builder.start();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("bash did not finish within 30 s");
    }
    return new Result(
        process.exitValue(),
        new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
  }

  /** {@code bin/lib/jar.sh} of this checkout (tests run in the module's directory). */
  private static Path library() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path lib = dir.resolve("bin/lib/jar.sh");
      if (Files.isRegularFile(lib)) {
        return lib;
      }
    }
    throw new AssertionError("no bin/lib/jar.sh above " + Path.of("").toAbsolutePath());
  }
}
