package io.meshforge.rest.launch;

import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code ControlPlaneLauncher} starts a control plane application from its command line (see {@link
 * CommandLine}): the same subcommands, flags and {@code FORGE_*} environment mapping for global and
 * zone, only the name, the state-directory default and a closing note differ.
 *
 * @param app the command name, e.g. {@code meshforge-global}; also published as {@code forge.app}
 *     so messages can name the command
 * @param role what {@code run} starts, e.g. {@code the global control plane}
 * @param stateDirDefault the default of {@code --state-dir}, as shown in the usage
 * @param notes text printed after the options (empty for none)
 */
public record ControlPlaneLauncher(String app, String role, String stateDirDefault, String notes) {

  /** The property naming the command ({@link #app()}). */
  public static final String APP_PROPERTY = "forge.app";

  /** Returns the usage text. */
  public String usage() {
    String usage =
        """
        Usage: %1$s [run] [--config FILE] [--migrate] [--state-dir DIR]
               %1$s migrate [--config FILE]

          run          start %2$s (the default)
          migrate      apply the database migrations to the configured PostgreSQL and exit
          --config     a YAML configuration file; environment variables FORGE_<KEY> override it
          --migrate    apply migrations to an external PostgreSQL before starting
          --state-dir  where the embedded PostgreSQL and other state live
                       (default %3$s)
        """
            .formatted(app, role, stateDirDefault);
    return notes.isBlank() ? usage : usage + "\n" + notes.strip() + "\n";
  }

  /**
   * Starts the application as its {@code main} does and returns its context ({@code null} when only
   * the usage was printed). The {@code migrate} command returns a closed context.
   *
   * @param source the {@code @SpringBootApplication} class
   */
  public ConfigurableApplicationContext start(Class<?> source, String... args) {
    CommandLine command = CommandLine.parse(args);
    if (command.help()) {
      System.out.println(usage());
      return null;
    }
    SpringApplication application = new SpringApplication(source);
    // FORGE_STORE_POSTGRES_URL -> store.postgres.url, and so on for every key (ADR 0002).
    application.setEnvironmentPrefix("forge");
    Map<String, Object> defaults = new HashMap<>(command.properties());
    defaults.put(APP_PROPERTY, app);
    application.setDefaultProperties(defaults);
    if (command.migrateOnly()) {
      application.setWebApplicationType(WebApplicationType.NONE);
    }
    return application.run(command.springArgs());
  }
}
