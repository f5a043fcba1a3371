package io.meshforge.ctl;

import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * {@code Invocation} is what one run of forgectl talks to: its output streams, standard input, the
 * environment and the user's home directory. Passed in rather than read from {@link System} so that
 * tests run commands in-process without touching the real terminal or home directory.
 *
 * @param out where results go
 * @param err where errors go
 * @param in standard input ({@code apply -f -})
 * @param environment the environment variables ({@code FORGECTL_CONFIG})
 * @param home the user's home directory (default config under {@code ~/.forgectl/config})
 */
public record Invocation(
    PrintWriter out, PrintWriter err, InputStream in, Map<String, String> environment, Path home) {

  /** The environment variable naming the config file when {@code --config} is not given. */
  public static final String CONFIG_VARIABLE = "FORGECTL_CONFIG";

  public Invocation {
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(err, "err");
    Objects.requireNonNull(in, "in");
    environment = Map.copyOf(environment);
    Objects.requireNonNull(home, "home");
  }

  /** The invocation of a real run: the process's streams, environment and home. */
  public static Invocation ofSystem() {
    return new Invocation(
        new PrintWriter(System.out, true),
        new PrintWriter(System.err, true),
        System.in,
        System.getenv(),
        Path.of(System.getProperty("user.home")));
  }

  /** The config file to use: {@code --config}, else {@code FORGECTL_CONFIG}, else the default. */
  public Path configFile(Path option) {
    if (option != null) {
      return option;
    }
    String variable = environment.get(CONFIG_VARIABLE);
    if (variable != null && !variable.isBlank()) {
      return Path.of(variable);
    }
    return home.resolve(".forgectl").resolve("config");
  }
}
