package io.meshforge.zone.inspect;

import io.meshforge.rest.inspect.EnvoyAdminKind;
import io.meshforge.rest.inspect.ProxyAdminException;
import io.meshforge.rest.inspect.ProxyAdminException.Reason;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code EnvoyAdminClient} reads one of the fixed {@link EnvoyAdminKind} paths from an Envoy admin
 * interface on this host ({@code 127.0.0.1}, where forge-dp's bootstrap binds it), with a deadline
 * for the whole exchange and a bound on the answer's size.
 *
 * <p>Only the port comes from outside (the Dataplane's {@code networking.admin.port}); host, path
 * and method are fixed here, so no request, from global or anyone, can aim it at another URL.
 */
public final class EnvoyAdminClient {
  private static final String HOST = "127.0.0.1";

  private final HttpClient http;
  private final Duration timeout;
  private final int limit;

  /**
   * Creates the client.
   *
   * @param timeout the longest a whole exchange (connect, headers, body) may take
   * @param limit the largest answer accepted, in bytes
   */
  public EnvoyAdminClient(Duration timeout, int limit) {
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("inspect.timeout must be positive, got " + timeout);
    }
    if (limit < 1) {
      throw new IllegalArgumentException("inspect.limit must be positive, got " + limit);
    }
    this.timeout = timeout;
    this.limit = limit;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .version(HttpClient.Version.HTTP_1_1)
            .build();
  }

  /**
   * Reads {@code kind} from the Envoy admin on {@code 127.0.0.1:port}.
   *
   * @param proxy names the proxy in error messages
   * @param port the admin port
   * @param kind what to read
   * @param includeEds for a config dump: include the endpoints
   * @return the body Envoy answered with 200
   * @throws ProxyAdminException {@code ADMIN_UNREACHABLE} (refused, or not a 200), {@code
   *     ADMIN_TIMEOUT}, or {@code TOO_LARGE}
   */
  public byte[] fetch(String proxy, int port, EnvoyAdminKind kind, boolean includeEds) {
    if (port < 1 || port > 65535) {
      throw new ProxyAdminException(
          Reason.ADMIN_UNREACHABLE, proxy + " has no valid Envoy admin port (" + port + ")");
    }
    String where = HOST + ":" + port;
    String query = kind == EnvoyAdminKind.CONFIG_DUMP && includeEds ? "?include_eds" : "";
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://" + where + kind.adminPath() + query))
            .timeout(timeout)
            .GET()
            .build();
    CompletableFuture<HttpResponse<byte[]>> exchange =
        http.sendAsync(request, info -> new LimitedBody(limit));
    try {
      HttpResponse<byte[]> response = exchange.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (response.statusCode() != 200) {
        throw new ProxyAdminException(
            Reason.ADMIN_UNREACHABLE,
            "Envoy admin of " + proxy + " at " + where + " answered HTTP " + response.statusCode());
      }
      return response.body();
    } catch (TimeoutException e) {
      exchange.cancel(true); // aborts the exchange: nothing keeps reading after the deadline
      throw timedOut(proxy, where);
    } catch (InterruptedException e) {
      exchange.cancel(true);
      Thread.currentThread().interrupt();
      throw new ProxyAdminException(Reason.ADMIN_TIMEOUT, "interrupted while asking " + proxy);
    } catch (ExecutionException e) {
      throw failed(proxy, where, e.getCause());
    }
  }

  private ProxyAdminException failed(String proxy, String where, Throwable cause) {
    if (cause instanceof HttpTimeoutException) {
      return timedOut(proxy, where);
    }
    if (cause instanceof LimitedBody.BodyTooLargeException
        || cause.getCause() instanceof LimitedBody.BodyTooLargeException) {
      return new ProxyAdminException(
          Reason.TOO_LARGE,
          "Envoy admin of " + proxy + " answered more than " + limit + " bytes (inspect.limit)");
    }
    String detail = cause instanceof ConnectException ? "refused the connection" : describe(cause);
    return new ProxyAdminException(
        Reason.ADMIN_UNREACHABLE, "Envoy admin of " + proxy + " at " + where + " " + detail);
  }

  private ProxyAdminException timedOut(String proxy, String where) {
    return new ProxyAdminException(
        Reason.ADMIN_TIMEOUT,
        "Envoy admin of " + proxy + " at " + where + " did not answer within " + timeout);
  }

  private static String describe(Throwable cause) {
    String message = cause.getMessage();
    return "failed: " + cause.getClass().getSimpleName() + (message == null ? "" : " " + message);
  }
}
