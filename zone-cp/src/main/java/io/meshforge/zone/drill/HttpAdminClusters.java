package io.meshforge.zone.drill;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Reads {@code /clusters?format=json} over plain HTTP from the proxy's address and admin port:
 * works where the control plane can reach the admin interface (same host, or an admin bound to a
 * reachable address).
 */
final class HttpAdminClusters implements AdminClusters {

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
  private final Duration timeout;

  HttpAdminClusters(Duration timeout) {
    this.timeout = timeout;
  }

  @Override
  public String fetch(String address, int adminPort) throws IOException {
    String host = address.contains(":") ? "[" + address + "]" : address;
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create("http://" + host + ":" + adminPort + "/clusters?format=json"))
            .timeout(timeout)
            .build();
    try {
      HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (answer.statusCode() != 200) {
        throw new IOException("admin answered " + answer.statusCode());
      }
      return answer.body();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }
}
