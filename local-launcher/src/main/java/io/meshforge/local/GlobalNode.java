package io.meshforge.local;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code GlobalNode} is a global control plane run as a separate JVM, with fixed ports and a state
 * directory that survive its restarts: start, kill (SIGKILL), stop and start again.
 */
public final class GlobalNode extends ControlPlaneNode {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /**
   * Where and how to run it.
   *
   * @param jar the global-cp {@code -exec} jar
   * @param stateDir its state directory (embedded PostgreSQL, admin token, KDS TLS material)
   * @param apiPort REST API port
   * @param kdsPort KDS gRPC port
   * @param diagnosticsPort diagnostics port
   * @param extraArgs more command-line arguments ({@code --key=value})
   */
  public record Spec(
      Path jar,
      Path stateDir,
      int apiPort,
      int kdsPort,
      int diagnosticsPort,
      List<String> extraArgs) {}

  private final Spec spec;
  private List<String> jvmOptions = List.of("-Xmx512m");

  public GlobalNode(Spec spec) {
    this.spec = spec;
  }

  /** Replaces the JVM options of the next starts (default {@code -Xmx512m}). */
  public GlobalNode withJvmOptions(List<String> options) {
    this.jvmOptions = List.copyOf(options);
    return this;
  }

  /** Starts the process and waits until {@code /ready} answers. */
  public GlobalNode start(Duration timeout) {
    List<String> args = new ArrayList<>();
    args.add("--state-dir");
    args.add(spec.stateDir().toAbsolutePath().toString());
    args.add("--api.http.port=" + spec.apiPort());
    args.add("--kds.grpc.port=" + spec.kdsPort());
    args.add("--diagnostics.port=" + spec.diagnosticsPort());
    args.addAll(spec.extraArgs());
    launch(
        "global",
        spec.jar(),
        jvmOptions,
        args,
        spec.stateDir().resolve("global.log"),
        spec.diagnosticsPort(),
        timeout);
    return this;
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

  /** The KDS address zones dial. */
  public String kdsAddress() {
    return "grpcs://127.0.0.1:" + spec.kdsPort();
  }

  /** The CA certificate zones trust for KDS TLS. */
  public Path kdsCa() {
    return spec.stateDir().resolve("kds-tls").resolve("ca.pem");
  }

  /** The secrets key file global creates at first start; zones need a copy (ADR 0016). */
  public Path secretsKey() {
    return spec.stateDir().resolve("secrets.key");
  }

  /** Issues a zone token through {@code POST /tokens/zone}. */
  public String issueZoneToken(String zone) {
    HttpResponse<String> answer =
        send(
            apiRequest("/tokens/zone")
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"zone\":\"" + zone + "\",\"validFor\":\"8760h\"}"))
                .build());
    if (answer.statusCode() != 200) {
      throw new IllegalStateException(
          "issuing a token for zone "
              + zone
              + " failed: "
              + answer.statusCode()
              + " "
              + answer.body());
    }
    return answer.body().trim();
  }

  /**
   * Revokes a zone token through {@code POST /tokens/zone/revoke}; returns the status code.
   *
   * @param token the token as issued
   */
  public int revokeZoneToken(String token) {
    return send(apiRequest("/tokens/zone/revoke")
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"token\":\"" + token + "\"}"))
            .build())
        .statusCode();
  }

  /** The diagnostics base URL ({@code /ready}, {@code /metrics}). */
  public String diagnosticsUrl() {
    return "http://127.0.0.1:" + spec.diagnosticsPort();
  }

  /** Returns the state (Online/Offline) of every zone from {@code /zones/_overview}. */
  public java.util.Map<String, String> zoneStates() {
    HttpResponse<String> answer = send(apiRequest("/zones/_overview").GET().build());
    java.util.Map<String, String> states = new java.util.TreeMap<>();
    if (answer.statusCode() != 200) {
      return states;
    }
    JsonNode items = JSON.readTree(answer.body()).path("items");
    for (JsonNode item : items) {
      states.put(item.path("name").asString(), item.path("state").asString());
    }
    return states;
  }
}
