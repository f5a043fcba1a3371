package io.meshforge.ctl;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import tools.jackson.databind.JsonNode;

/**
 * {@code ApiClient} sends requests to the REST API of one control plane context, with its bearer
 * token, and turns transport failures into a {@link CtlException} that names the address and the
 * context. Error statuses are returned as answers; {@link #require} turns them into failures.
 */
public final class ApiClient {
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

  private final ControlPlaneContext context;
  private final Duration timeout;
  private final HttpClient http;

  /** A client of {@code context} whose requests time out after {@code timeout}. */
  public ApiClient(ControlPlaneContext context, Duration timeout) {
    this.context = context;
    this.timeout = timeout;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(CONNECT_TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /** The context this client talks to. */
  public ControlPlaneContext context() {
    return context;
  }

  /** {@code GET path} ({@code path} may carry a query). */
  public ApiAnswer get(String path) {
    return send(request(path).GET());
  }

  /** {@code PUT path} with a JSON body. */
  public ApiAnswer put(String path, JsonNode body) {
    return send(
        request(path)
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(body.toString())));
  }

  /**
   * {@code POST path} with a JSON body; the answer may be text (an issued token) or JSON (an
   * error), so both are accepted.
   */
  public ApiAnswer post(String path, JsonNode body) {
    return send(
        request(path)
            .setHeader("Accept", "text/plain, application/json")
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
  }

  /** {@code DELETE path}. */
  public ApiAnswer delete(String path) {
    return send(request(path).DELETE());
  }

  /**
   * Returns {@code answer} when it is a 2xx, else fails with the server's error described.
   *
   * @param what what was being done, for the message ({@code "listing meshtimeouts"})
   * @throws CtlException for any other status
   */
  public ApiAnswer require(ApiAnswer answer, String what) {
    if (answer.ok()) {
      return answer;
    }
    throw new CtlException(ServerErrors.describe(what, answer));
  }

  private HttpRequest.Builder request(String path) {
    URI uri;
    try {
      uri = URI.create(context.address() + path);
    } catch (IllegalArgumentException e) {
      throw new CtlException(
          "the address \""
              + context.address()
              + "\" of context \""
              + context.name()
              + "\" is not"
              + " a URL: "
              + e.getMessage(),
          e);
    }
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json");
    if (context.authToken() != null && !context.authToken().isBlank()) {
      builder.header("Authorization", "Bearer " + context.authToken());
    }
    return builder;
  }

  private ApiAnswer send(HttpRequest.Builder builder) {
    HttpRequest request = builder.build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      ApiAnswer answer =
          new ApiAnswer(response.statusCode(), response.body() == null ? "" : response.body());
      if (answer.status() == 401 || answer.status() == 403) {
        throw refused(request, answer);
      }
      return answer;
    } catch (HttpConnectTimeoutException e) {
      throw unreachable("the connection timed out", e);
    } catch (HttpTimeoutException e) {
      throw unreachable("no answer within " + timeout.toSeconds() + "s", e);
    } catch (ConnectException e) {
      throw unreachable("connection refused", e);
    } catch (IOException e) {
      throw unreachable(String.valueOf(e.getMessage()), e);
    } catch (IllegalArgumentException e) {
      throw unreachable("the address cannot be resolved", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CtlException("interrupted", e);
    }
  }

  /**
   * A 401 or 403 fails every command the same way, saying what the control plane said and how to
   * give the context a token (the API denies by default, ADR 0024).
   */
  private CtlException refused(HttpRequest request, ApiAnswer answer) {
    String what = request.method() + " " + request.uri().getRawPath();
    boolean hasToken = context.authToken() != null && !context.authToken().isBlank();
    String reason =
        answer.status() == 401
            ? (hasToken
                ? "the control plane refused the token of context \"" + context.name() + "\""
                : "context \"" + context.name() + "\" has no token and the control plane wants one")
            : "the token of context \""
                + context.name()
                + "\" may not do this (secrets, tokens and Envoy admin data need the admin token"
                + " or a user token with group mesh-system:admin)";
    return new CtlException(
        reason
            + System.lineSeparator()
            + "  "
            + ServerErrors.describe(what, answer)
            + System.lineSeparator()
            + "  use `forgectl config control-planes add --name "
            + context.name()
            + " --address "
            + context.address()
            + " --overwrite --auth-type tokens --auth-conf token=<token>`"
            + " (the admin token is the file admin-token in the control plane's state directory)");
  }

  private CtlException unreachable(String reason, Exception cause) {
    return new CtlException(
        "cannot reach the control plane at "
            + context.address()
            + " (context \""
            + context.name()
            + "\"): "
            + reason,
        cause);
  }
}
