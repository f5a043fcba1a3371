package io.meshforge.global.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalManagementPort;

/** The diagnostics port answers {@code /ready}, {@code /healthy} and {@code /metrics}. */
class DiagnosticsTest extends ApiTestBase {
  @LocalManagementPort int managementPort;

  @Test
  void diagnostics_answerReadyHealthyAndPrometheusMetrics() {
    assertThat(diag("/ready").status()).isEqualTo(200);
    assertThat(diag("/healthy").status()).isEqualTo(200);
    Answer metrics = diag("/metrics");
    assertThat(metrics.status()).isEqualTo(200);
    assertThat(metrics.body()).contains("jvm_memory_used_bytes").contains("http_server_requests");
  }

  private Answer diag(String path) {
    return send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + path))
            .GET()
            .build());
  }
}
