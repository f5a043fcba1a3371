package io.meshforge.dp;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Asks the zone CP for an Envoy bootstrap ({@code POST <cp>/bootstrap}, ADR 0015) and turns its
 * refusals into {@link AgentFailure}s: 400 names the Dataplane field, 401/403 the token, a
 * connection failure or 5xx the unreachable CP.
 */
public final class ControlPlaneClient {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final URI cpAddress;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /**
   * @param cpAddress the zone CP's API, e.g. {@code http://cp:5681}
   */
  public ControlPlaneClient(URI cpAddress) {
    this.cpAddress = cpAddress;
  }

  /**
   * Registers the Dataplane and returns the Envoy bootstrap (JSON text).
   *
   * @param dataplane the rendered Dataplane (YAML or JSON)
   * @param token the dataplane token
   * @param adminPort the Envoy admin port, or {@code null} for the Dataplane's (or 9901)
   * @param envoyVersion the Envoy version
   */
  public String bootstrap(String dataplane, String token, Integer adminPort, String envoyVersion) {
    return bootstrap(ProxyType.DATAPLANE, dataplane, token, adminPort, envoyVersion);
  }

  /**
   * Registers the proxy's resource (a Dataplane, or a ZoneIngress / ZoneEgress for {@link
   * ProxyType#INGRESS} / {@link ProxyType#EGRESS}) and returns the Envoy bootstrap (JSON text).
   *
   * @param proxyType the kind of proxy
   * @param resource the rendered resource (YAML or JSON)
   * @param token the dataplane token (a zone ingress or egress token for those)
   * @param adminPort the Envoy admin port, or {@code null} for the resource's (or 9901)
   * @param envoyVersion the Envoy version
   */
  public String bootstrap(
      ProxyType proxyType, String resource, String token, Integer adminPort, String envoyVersion) {
    ObjectNode body = JSON.createObjectNode();
    body.put("dataplaneResource", resource);
    body.put("dataplaneToken", token);
    body.put("proxyType", proxyType.wireName());
    if (adminPort != null) {
      body.put("adminPort", adminPort);
    }
    ObjectNode version = body.putObject("version");
    version.putObject("envoy").put("version", envoyVersion);
    version.putObject("kumaDp").put("version", AgentVersion.version()); // Kuma's field name
    HttpRequest request =
        HttpRequest.newBuilder(cpAddress.resolve("/bootstrap"))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .header("Accept", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
            .build();
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new AgentFailure(
          ExitCodes.CP_UNREACHABLE,
          "cannot reach the control plane at " + cpAddress + ": " + describe(e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AgentFailure(ExitCodes.FAILED, "interrupted while asking for the bootstrap");
    }
    return answer(response);
  }

  private String answer(HttpResponse<String> response) {
    int status = response.statusCode();
    if (status == 200) {
      return response.body();
    }
    String reason = reason(response.body());
    int exitCode =
        switch (status) {
          case 400, 413 -> ExitCodes.BAD_INPUT;
          case 401, 403 -> ExitCodes.TOKEN_REJECTED;
          default -> status >= 500 ? ExitCodes.CP_UNREACHABLE : ExitCodes.FAILED;
        };
    String what =
        switch (exitCode) {
          case ExitCodes.BAD_INPUT -> "the control plane refused the Dataplane: ";
          case ExitCodes.TOKEN_REJECTED -> "the control plane rejected the dataplane token: ";
          default -> "the control plane answered " + status + " to /bootstrap: ";
        };
    throw new AgentFailure(exitCode, what + reason);
  }

  /** The CP's error body as one line: each cause as {@code field: message}, else the details. */
  static String reason(String body) {
    try {
      JsonNode problem = JSON.readTree(body);
      StringBuilder out = new StringBuilder();
      for (JsonNode cause : problem.path("causes")) {
        if (!out.isEmpty()) {
          out.append("; ");
        }
        out.append(cause.path("field").asString(""))
            .append(": ")
            .append(cause.path("message").asString(""));
      }
      if (out.isEmpty()) {
        out.append(problem.path("details").asString(problem.path("title").asString(body)));
      }
      return out.toString();
    } catch (JacksonException e) {
      return body.isBlank() ? "(no details)" : body.strip().lines().findFirst().orElse("");
    }
  }

  private static String describe(IOException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.net.ConnectException) {
        return "connection refused";
      }
      if (t.getMessage() != null && !t.getMessage().isBlank()) {
        return t.getMessage();
      }
    }
    return e.getClass().getSimpleName();
  }
}
