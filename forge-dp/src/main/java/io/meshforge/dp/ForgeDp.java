package io.meshforge.dp;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code forge-dp}, the dataplane agent.
 *
 * <pre>
 * forge-dp run --cp-address http://cp:5681 --dataplane-file dp.yaml [--dataplane-var k=v ...]
 *              --dataplane-token-file token [--envoy-binary PATH] [--admin-port N] [--work-dir DIR]
 * </pre>
 *
 * Exit codes: {@link ExitCodes}.
 */
@Command(
    name = "forge-dp",
    mixinStandardHelpOptions = true,
    versionProvider = AgentVersion.class,
    description = "Runs Envoy for a workload, configured by a MeshForge zone control plane.",
    subcommands = {RunCommand.class})
public final class ForgeDp {

  /** Runs the agent and exits with its exit code. */
  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs the agent and returns its exit code. */
  public static int execute(String... args) {
    return new CommandLine(new ForgeDp())
        .setExecutionExceptionHandler((e, commandLine, parseResult) -> {
          if (e instanceof AgentFailure failure) {
            AgentLog.error(failure.getMessage());
            return failure.exitCode();
          }
          AgentLog.error(e.toString());
          return ExitCodes.FAILED;
        })
        .execute(args);
  }
}
