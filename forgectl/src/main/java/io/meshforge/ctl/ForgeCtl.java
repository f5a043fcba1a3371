package io.meshforge.ctl;

import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * {@code forgectl}, the command-line client of MeshForge control planes (the way kumactl users
 * drive Kuma).
 *
 * <pre>
 * forgectl config control-planes add --name global --address http://localhost:5681 \
 *     [--auth-type tokens --auth-conf token=...] [--overwrite] [--skip-verify]
 * forgectl get meshtimeouts --mesh default [-o table|yaml|json] [--size N --offset X]
 * forgectl apply -f policies/ [-v name=value] [--dry-run]
 * forgectl delete meshtimeout NAME --mesh default
 * forgectl inspect zones | dataplanes | meshes | dataplane NAME --type policies
 * forgectl generate zone-token --zone east | dataplane-token --mesh default --name web-1
 * forgectl version
 * </pre>
 *
 * Exit codes: {@link ExitCodes}.
 */
@Command(
    name = "forgectl",
    mixinStandardHelpOptions = true,
    versionProvider = CtlVersion.class,
    description = "Manages MeshForge control planes over their REST API.",
    subcommands = {
      ConfigCommand.class,
      GetCommand.class,
      ApplyCommand.class,
      DeleteCommand.class,
      InspectCommand.class,
      GenerateCommand.class,
      VersionCommand.class
    })
public final class ForgeCtl {

  @Option(
      names = "--config",
      scope = ScopeType.INHERIT,
      description = "Config file (default: $FORGECTL_CONFIG, else ~/.forgectl/config).")
  Path config;

  @Option(
      names = "--api-timeout",
      scope = ScopeType.INHERIT,
      defaultValue = "60",
      description = "Seconds to wait for an answer of the control plane (default: 60).")
  long apiTimeoutSeconds;

  private final Invocation invocation;

  private ForgeCtl(Invocation invocation) {
    this.invocation = invocation;
  }

  /** Runs forgectl and exits with its exit code. */
  public static void main(String[] args) {
    System.exit(execute(Invocation.ofSystem(), args));
  }

  /** Runs forgectl in {@code invocation} and returns its exit code (see {@link ExitCodes}). */
  public static int execute(Invocation invocation, String... args) {
    CommandLine commandLine =
        new CommandLine(new ForgeCtl(invocation))
            .setOut(invocation.out())
            .setErr(invocation.err())
            .setCaseInsensitiveEnumValuesAllowed(true)
            .setExecutionExceptionHandler((e, line, parseResult) -> {
              invocation.err().println("Error: " + describe(e));
              invocation.err().flush();
              return ExitCodes.FAILED;
            });
    int code = commandLine.execute(args);
    invocation.out().flush();
    invocation.err().flush();
    return code;
  }

  /** What every command runs in. */
  Invocation invocation() {
    return invocation;
  }

  /** The config file of this run. */
  ConfigFile configFile() {
    return new ConfigFile(invocation.configFile(config));
  }

  /** A client of the current context. */
  ApiClient client() {
    return new ApiClient(configFile().load().current(), Duration.ofSeconds(apiTimeoutSeconds));
  }

  private static String describe(Exception e) {
    if (e instanceof CtlException) {
      return e.getMessage();
    }
    // A bug, not a user error: say what broke rather than hide it.
    return "unexpected " + e;
  }
}
