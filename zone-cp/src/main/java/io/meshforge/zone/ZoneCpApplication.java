package io.meshforge.zone;

import io.meshforge.zone.config.ForgeZoneProperties;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The zone control plane.
 *
 * <pre>
 * meshforge-zone [run] [--config FILE] [--migrate] [--state-dir DIR]
 * meshforge-zone migrate [--config FILE]
 * </pre>
 */
@SpringBootApplication(scanBasePackages = {"io.meshforge.zone", "io.meshforge.rest"})
@EnableConfigurationProperties(ForgeZoneProperties.class)
public class ZoneCpApplication {

  public static void main(String[] args) {
    start(args);
  }

  /**
   * Starts the control plane as {@code main} does and returns its context ({@code null} when only
   * the usage was printed). The {@code migrate} command returns a closed context.
   */
  public static ConfigurableApplicationContext start(String... args) {
    CommandLine command = CommandLine.parse(args);
    if (command.help()) {
      System.out.println(CommandLine.USAGE);
      return null;
    }
    SpringApplication app = new SpringApplication(ZoneCpApplication.class);
    // FORGE_ZONE_GLOBAL_ADDRESS -> zone.global.address, and so on for every key (ADR 0002).
    app.setEnvironmentPrefix("forge");
    app.setDefaultProperties(command.properties());
    if (command.migrateOnly()) {
      app.setWebApplicationType(WebApplicationType.NONE);
    }
    return app.run(command.springArgs());
  }

  /** The parsed command line: a subcommand, a few flags, the rest passed to Spring. */
  record CommandLine(
      boolean help, boolean migrateOnly, Map<String, Object> properties, String[] springArgs) {

    static final String USAGE =
        """
        Usage: meshforge-zone [run] [--config FILE] [--migrate] [--state-dir DIR]
               meshforge-zone migrate [--config FILE]

          run          start the zone control plane (the default)
          migrate      apply the database migrations to the configured PostgreSQL and exit
          --config     a YAML configuration file; environment variables FORGE_<KEY> override it
          --migrate    apply migrations to an external PostgreSQL before starting
          --state-dir  where the embedded PostgreSQL and other state live
                       (default .forge/zone-<zone.name>)

        Required: zone.name (FORGE_ZONE_NAME). To federate: zone.global.address
        (FORGE_ZONE_GLOBAL_ADDRESS, e.g. grpcs://global.example:5685), zone.global.ca and
        zone.token (files).
        """;

    static CommandLine parse(String[] args) {
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
}
