package io.meshforge.global.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalManagementPort;

/**
 * The diagnostics port answers {@code /ready}, {@code /healthy} and {@code /metrics}; the API port
 * publishes {@code /openapi.yaml}.
 */
class DiagnosticsTest extends ApiTestBase {
  @LocalManagementPort int managementPort;

  @Test
  void diagnostics_answerReadyHealthyAndPrometheusMetrics() {
    // http_server_requests exists once a request was served; do not rely on another test's.
    assertThat(get("/").status()).isEqualTo(200);
    assertThat(diag("/ready").status()).isEqualTo(200);
    assertThat(diag("/healthy").status()).isEqualTo(200);
    Answer metrics = diag("/metrics");
    assertThat(metrics.status()).isEqualTo(200);
    assertThat(metrics.body()).contains("jvm_memory_used_bytes").contains("http_server_requests");
  }

  @Test
  void openapi_isServedOnTheApiPort_notTakenForAResourceList() {
    Answer document = get("/openapi.yaml");

    assertThat(document.status()).isEqualTo(200);
    assertThat(document.contentType()).startsWith("application/yaml");
    assertThat(document.body()).contains("openapi: 3.1").contains("/meshes/{mesh}/meshtimeouts:");
  }

  private Answer diag(String path) {
    return send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + path))
            .GET()
            .build());
  }
}
