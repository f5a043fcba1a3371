package io.meshforge.rest.launch;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code CommandLine} is the parsed command line of a control plane: a subcommand ({@code run}, the
 * default, or {@code migrate}), a few flags, and the rest passed to Spring unchanged.
 *
 * @param help the usage was asked for
 * @param migrateOnly the {@code migrate} subcommand: migrate the database and exit
 * @param properties default properties the flags set ({@code forge.command}, {@code store.migrate})
 * @param springArgs the arguments for Spring ({@code --config} and {@code --state-dir} rewritten)
 */
public record CommandLine(
    boolean help, boolean migrateOnly, Map<String, Object> properties, String[] springArgs) {

  /**
   * Parses {@code args}.
   *
   * @throws IllegalArgumentException when a flag lacks its value
   */
  public static CommandLine parse(String... args) {
    Map<String, Object> props = new HashMap<>();
    List<String> rest = new ArrayList<>();
    boolean migrateOnly = false;
    boolean help = false;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      switch (arg) {
        case "run" -> {}
        case "migrate" -> {
          migrateOnly = true;
          props.put("forge.command", "migrate");
        }
        case "--migrate" -> props.put("store.migrate", "true");
        case "-h", "--help", "help" -> help = true;
        case "--config" -> rest.add("--spring.config.import=file:" + value(args, ++i, arg));
        case "--state-dir" -> rest.add("--state.dir=" + value(args, ++i, arg));
        default -> rest.add(arg);
      }
    }
    return new CommandLine(help, migrateOnly, props, rest.toArray(String[]::new));
  }

  private static String value(String[] args, int i, String flag) {
    if (i >= args.length) {
      throw new IllegalArgumentException(flag + " needs a value");
    }
    return args[i];
  }
}
