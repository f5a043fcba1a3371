package io.meshforge.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * The launcher's parsed command line.
 *
 * @param zones the zone names (the demo client runs in the first, its backend in the last)
 * @param stateDir where databases, tokens, logs and the demo's files live (reused across runs)
 * @param jars a directory holding every {@code -exec} jar, or {@code null} for {@code
 *     <module>/target} under the working directory
 * @param portOffset added to every port ({@link LocalPorts})
 * @param demo whether to run the demo workloads (ingresses, apps, sidecars) when Envoy is there
 */
public record LauncherOptions(
    List<String> zones, Path stateDir, Path jars, int portOffset, boolean demo) {

  /** How to call the launcher. */
  public static final String USAGE =
      "usage: meshforge-local [--zones east,west] [--state-dir .forge/local] [--port-offset N]"
          + " [--no-demo] [--jars DIR]";

  /**
   * Parses the command line.
   *
   * @throws IllegalArgumentException naming what is wrong
   */
  public static LauncherOptions parse(String[] args) {
    List<String> zones = List.of("east", "west");
    Path stateDir = Path.of(".forge", "local");
    Path jars = null;
    int offset = 0;
    boolean demo = true;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--zones" -> zones = Arrays.asList(value(args, ++i).split(","));
        case "--state-dir" -> stateDir = Path.of(value(args, ++i));
        case "--jars" -> jars = Path.of(value(args, ++i));
        case "--port-offset" -> offset = offset(value(args, ++i));
        case "--no-demo" -> demo = false;
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    for (String zone : zones) {
      if (!zone.matches("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?")) {
        throw new IllegalArgumentException("zone name \"" + zone + "\" is not an RFC 1123 label");
      }
    }
    if (zones.isEmpty() || zones.size() > 5) {
      throw new IllegalArgumentException("--zones takes one to five zones");
    }
    if (offset > LocalPorts.maxOffset(zones.size())) {
      throw new IllegalArgumentException(
          "--port-offset must be at most " + LocalPorts.maxOffset(zones.size()));
    }
    return new LauncherOptions(List.copyOf(zones), stateDir, jars, offset, demo);
  }

  /** The port layout. */
  public LocalPorts ports() {
    return new LocalPorts(portOffset);
  }

  /** The {@code -exec} jar of a module: in {@code --jars DIR}, else in {@code MODULE/target}. */
  public Path jar(String module) {
    Path dir = jars != null ? jars : Path.of(module, "target");
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(f -> f.getFileName().toString().startsWith(module + "-"))
          .filter(f -> f.getFileName().toString().endsWith("-exec.jar"))
          .findFirst()
          .map(Path::toAbsolutePath)
          .orElseThrow(() -> new IllegalStateException("no " + module + " -exec jar in " + dir));
    } catch (IOException e) {
      throw new UncheckedIOException("no " + module + " -exec jar in " + dir, e);
    }
  }

  private static String value(String[] args, int i) {
    if (i >= args.length) {
      throw new IllegalArgumentException(args[i - 1] + " needs a value");
    }
    return args[i];
  }

  private static int offset(String value) {
    try {
      int offset = Integer.parseInt(value);
      if (offset < 0) {
        throw new IllegalArgumentException("--port-offset must not be negative");
      }
      return offset;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--port-offset takes a number, not " + value);
    }
  }
}
