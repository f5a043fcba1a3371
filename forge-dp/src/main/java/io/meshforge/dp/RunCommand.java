package io.meshforge.dp;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code forge-dp run}: renders the Dataplane, reads the token, finds Envoy, asks the zone CP for
 * the bootstrap, writes it to the work directory and supervises Envoy until SIGTERM.
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = "Register the Dataplane with the zone CP and run Envoy.")
final class RunCommand implements Callable<Integer> {

  @Option(
      names = "--cp-address",
      required = true,
      description = "the zone control plane's API, e.g. http://zone-cp:5681")
  URI cpAddress;

  @Option(
      names = "--dataplane-file",
      required = true,
      description =
          "the Dataplane (YAML/JSON); a ZoneIngress (ZoneEgress) with --proxy-type ingress (egress)")
  Path dataplaneFile;

  @Option(
      names = "--proxy-type",
      defaultValue = "dataplane",
      converter = ProxyType.Converter.class,
      description =
          "dataplane (a sidecar, default), ingress (a zone ingress) or egress (a zone egress)")
  ProxyType proxyType;

  @Option(
      names = "--dataplane-var",
      description = "a value for a {{ name }} placeholder of the Dataplane file: name=value")
  Map<String, String> vars = new LinkedHashMap<>();

  @Option(
      names = "--dataplane-token-file",
      required = true,
      description = "a file holding the dataplane token")
  Path tokenFile;

  @Option(names = "--envoy-binary", description = "the Envoy executable (default: envoy on PATH)")
  Path envoyBinary;

  @Option(
      names = "--admin-port",
      description = "Envoy's admin port (default: the Dataplane's networking.admin.port or 9901)")
  Integer adminPort;

  @Option(
      names = "--work-dir",
      description = "where the bootstrap is written (default: a new temporary directory)")
  Path workDir;

  @Option(names = "--restart-backoff-ms", hidden = true, defaultValue = "1000")
  long restartBackoffMs;

  @Option(names = "--max-restart-backoff-ms", hidden = true, defaultValue = "30000")
  long maxRestartBackoffMs;

  @Override
  public Integer call() throws InterruptedException {
    String dataplane = DataplaneTemplate.render(read(dataplaneFile, "--dataplane-file"), vars);
    String token = read(tokenFile, "--dataplane-token-file").strip();
    if (token.isEmpty()) {
      throw new AgentFailure(
          ExitCodes.BAD_INPUT, "--dataplane-token-file " + tokenFile + " is empty");
    }
    if (adminPort != null && (adminPort < 1 || adminPort > 65535)) {
      throw new AgentFailure(ExitCodes.BAD_INPUT, "--admin-port must be from 1 to 65535");
    }
    EnvoyBinary envoy = EnvoyBinary.locate(envoyBinary, System.getenv("PATH"));
    String bootstrap =
        new ControlPlaneClient(cpAddress)
            .bootstrap(proxyType, dataplane, token, adminPort, envoy.version());
    Path bootstrapFile = writeBootstrap(bootstrap);
    AgentLog.info("bootstrap from " + cpAddress + " written to " + bootstrapFile);
    int admin = BootstrapAdmin.port(bootstrap);
    EnvoyReadiness readiness = new EnvoyReadiness(admin);
    EnvoySupervisor[] holder = new EnvoySupervisor[1];
    EnvoySupervisor supervisor =
        new EnvoySupervisor(
            envoy,
            bootstrapFile,
            Duration.ofMillis(restartBackoffMs),
            Duration.ofMillis(maxRestartBackoffMs),
            () -> {
              var handle = holder[0].current();
              readiness.watch(() -> handle.isPresent() && handle.get().isAlive());
            });
    holder[0] = supervisor;
    Runtime.getRuntime()
        .addShutdownHook(Thread.ofPlatform().name("forge-dp-stop").unstarted(supervisor::stop));
    supervisor.run();
    return ExitCodes.OK;
  }

  private static String read(Path file, String option) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new AgentFailure(
          ExitCodes.BAD_INPUT,
          option + " " + file + " cannot be read (" + e.getClass().getSimpleName() + ")");
    }
  }

  /** Writes the bootstrap (it holds the token: owner-only permissions). */
  private Path writeBootstrap(String bootstrap) {
    try {
      Path dir =
          workDir != null
              ? Files.createDirectories(workDir)
              : Files.createTempDirectory("forge-dp-");
      Path file = dir.resolve("bootstrap.json");
      Files.deleteIfExists(file);
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(file, bootstrap, StandardCharsets.UTF_8);
      return file;
    } catch (IOException e) {
      throw new AgentFailure(ExitCodes.BAD_INPUT, "cannot write the bootstrap: " + e.getMessage());
    }
  }
}
