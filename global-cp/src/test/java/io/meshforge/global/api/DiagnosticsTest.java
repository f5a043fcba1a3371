package io.meshforge.global.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshforge.rest.OpenApiCoverage;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * The diagnostics port answers {@code /ready}, {@code /healthy} and {@code /metrics}; the API port
 * publishes {@code /openapi.yaml}.
 */
class DiagnosticsTest extends ApiTestBase {
  @LocalManagementPort int managementPort;
  @Autowired ApplicationContext context;

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

  @Test
  void openapi_documentsEveryPathGlobalServes_andNoPathOnlyZonesServe() {
    JsonNode document = OpenApiCoverage.parse(get("/openapi.yaml").body());

    assertThat(OpenApiCoverage.undocumented(context, document)).isEmpty();
    for (String path :
        List.of(
            "/zones/_overview", "/zones/{name}/_overview", "/tokens/zone", "/tokens/zone/revoke")) {
      assertThat(document.path("paths").has(path)).as(path).isTrue();
    }
    assertThat(document.path("paths").has("/zone/status")).isFalse();
    assertThat(document.path("paths").has("/zone/epoch/confirm")).isFalse();
  }

  private Answer diag(String path) {
    return send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + path))
            .GET()
            .build());
  }
}
