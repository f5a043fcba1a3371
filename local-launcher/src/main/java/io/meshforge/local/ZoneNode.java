package io.meshforge.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ZoneNode} is a zone control plane run as a separate JVM, with fixed ports and a state
 * directory that survive its restarts.
 */
public final class ZoneNode extends ControlPlaneNode {

  /**
   * Where and how to run it.
   *
   * @param name the zone name
   * @param jar the zone-cp {@code -exec} jar
   * @param stateDir its state directory
   * @param apiPort REST API port
   * @param xdsPort xDS port (for proxies)
   * @param diagnosticsPort diagnostics port
   * @param globalAddress global's KDS address, e.g. {@code grpcs://127.0.0.1:5685}
   * @param globalCa the CA certificate to trust for global's TLS
   * @param extraArgs more command-line arguments ({@code --key=value})
   */
  public record Spec(
      String name,
      Path jar,
      Path stateDir,
      int apiPort,
      int xdsPort,
      int diagnosticsPort,
      String globalAddress,
      Path globalCa,
      List<String> extraArgs) {}

  private final Spec spec;
  private List<String> jvmOptions = List.of("-Xmx384m");

  public ZoneNode(Spec spec) {
    this.spec = spec;
  }

  /** Writes the zone token file (mode 0600) the zone reads at start. */
  public ZoneNode withToken(String token) {
    try {
      Files.createDirectories(spec.stateDir());
      Path file = tokenFile();
      Files.writeString(file, token);
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Removes the token file: the zone then starts without {@code zone.token} (S1). */
  public ZoneNode withoutToken() {
    try {
      Files.deleteIfExists(tokenFile());
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Replaces the JVM options of the next starts (default {@code -Xmx384m}). */
  public ZoneNode withJvmOptions(List<String> options) {
    this.jvmOptions = List.copyOf(options);
    return this;
  }

  /** Starts the process and waits until {@code /ready} answers. */
  public ZoneNode start(Duration timeout) {
    List<String> args = new ArrayList<>();
    args.add("--state-dir");
    args.add(spec.stateDir().toAbsolutePath().toString());
    args.add("--zone.name=" + spec.name());
    args.add("--zone.global.address=" + spec.globalAddress());
    args.add("--zone.global.ca=" + spec.globalCa().toAbsolutePath());
    if (Files.exists(tokenFile())) {
      args.add("--zone.token=" + tokenFile().toAbsolutePath());
    }
    args.add("--api.http.port=" + spec.apiPort());
    args.add("--xds.grpc.port=" + spec.xdsPort());
    args.add("--diagnostics.port=" + spec.diagnosticsPort());
    args.addAll(spec.extraArgs());
    launch(
        "zone " + spec.name(),
        spec.jar(),
        jvmOptions,
        args,
        spec.stateDir().resolve("zone.log"),
        spec.diagnosticsPort(),
        timeout);
    return this;
  }

  public String name() {
    return spec.name();
  }

  public Spec spec() {
    return spec;
  }

  @Override
  protected Path stateDir() {
    return spec.stateDir();
  }

  /** The REST API's base URL. */
  @Override
  public String apiUrl() {
    return "http://127.0.0.1:" + spec.apiPort();
  }

  /**
   * Issues a dataplane token for Dataplane {@code name} of {@code mesh} ({@code
   * /tokens/dataplane}).
   */
  public String issueDataplaneToken(String name, String mesh) {
    return issueToken("/tokens/dataplane", "{\"name\":\"" + name + "\",\"mesh\":\"" + mesh + "\"}");
  }

  /** Issues a zone ingress token for ZoneIngress {@code name} ({@code /tokens/zone-proxy}). */
  public String issueIngressToken(String name) {
    return issueToken(
        "/tokens/zone-proxy", "{\"proxyType\":\"ingress\",\"name\":\"" + name + "\"}");
  }

  private String issueToken(String path, String request) {
    HttpResponse<String> answer =
        send(
            apiRequest(path)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(request))
                .build());
    if (answer.statusCode() != 200) {
      throw new IllegalStateException(
          "zone "
              + name()
              + ": "
              + path
              + " answered "
              + answer.statusCode()
              + " "
              + answer.body());
    }
    return answer.body().trim();
  }

  /** The zone token file the zone reads at start (written by {@link #withToken}). */
  public boolean hasToken() {
    return Files.isRegularFile(tokenFile());
  }

  private Path tokenFile() {
    return spec.stateDir().resolve("zone-token");
  }
}
