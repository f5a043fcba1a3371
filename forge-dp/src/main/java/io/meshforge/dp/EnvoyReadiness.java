package io.meshforge.dp;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Polls Envoy's admin {@code /ready} (on 127.0.0.1) until it answers 200 {@code LIVE}, then logs
 * {@code ready}; gives up quietly when the Envoy it watches is gone.
 */
final class EnvoyReadiness {
  private static final Duration POLL = Duration.ofMillis(200);

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
  private final URI ready;

  EnvoyReadiness(int adminPort) {
    this.ready = URI.create("http://127.0.0.1:" + adminPort + "/ready");
  }

  /** Starts a virtual thread that polls while {@code alive} says the Envoy runs. */
  void watch(BooleanSupplier alive) {
    Thread.ofVirtual()
        .name("envoy-readiness")
        .start(() -> {
          while (alive.getAsBoolean()) {
            if (live()) {
              AgentLog.info("ready (Envoy admin " + ready + " is LIVE)");
              return;
            }
            try {
              Thread.sleep(POLL); // polling interval of a probe, not a wait for a result
            } catch (InterruptedException e) {
              return;
            }
          }
        });
  }

  private boolean live() {
    try {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(1)).GET().build(),
              HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200 && response.body().strip().equals("LIVE");
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
