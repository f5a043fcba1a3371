package io.meshforge.global.kds;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.TlsChannelCredentials;
import io.meshforge.kds.transport.KdsHeaders;
import io.meshforge.model.Resource;
import io.meshforge.model.codec.DocumentFormat;
import io.meshforge.model.codec.ResourceCodec;
import io.meshforge.model.store.ResourceStore;
import io.meshforge.rest.auth.AdminBearer;
import io.meshforge.rest.auth.AdminToken;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Runs global with KDS on a random port, TLS on (the default, self-signed under a temporary state
 * dir) and fast timers; zones are {@link TestZone}s in the same JVM. Test classes share the
 * context, so every test uses its own zone and mesh names.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "diagnostics.port=0",
      "kds.grpc.port=0",
      "kds.heartbeat.interval=200ms",
      "kds.heartbeat.timeout=3s",
      "kds.zone.timeout=2s",
      "kds.insight.flush=200ms",
      "kds.revocation.check=200ms",
      "kds.feed.debounce=10ms",
      "store.postgres.poll=200ms"
    })
abstract class FederationTestBase {
  static final Path STATE_DIR = tempStateDir();
  static final HttpClient HTTP = HttpClient.newHttpClient();
  static final ResourceCodec CODEC = new ResourceCodec();

  @LocalServerPort int port;
  @Autowired KdsServer kdsServer;
  @Autowired ResourceStore store;

  private final List<AutoCloseable> toClose = new ArrayList<>();

  @DynamicPropertySource
  static void stateDir(DynamicPropertyRegistry registry) {
    registry.add("state.dir", STATE_DIR::toString);
  }

  private static Path tempStateDir() {
    try {
      return Files.createTempDirectory("forge-global-kds-test");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @AfterEach
  void closeAll() throws Exception {
    for (AutoCloseable c : toClose.reversed()) {
      c.close();
    }
    toClose.clear();
  }

  <T extends AutoCloseable> T closeLater(T closeable) {
    toClose.add(closeable);
    return closeable;
  }

  /** A TLS channel to global's KDS port trusting the generated CA file. */
  ManagedChannel tlsChannel() throws IOException {
    var credentials =
        TlsChannelCredentials.newBuilder()
            .trustManager(STATE_DIR.resolve("kds-tls/ca.pem").toFile())
            .build();
    ManagedChannel channel =
        Grpc.newChannelBuilderForAddress("localhost", kdsServer.port(), credentials).build();
    closeLater(channel::shutdownNow);
    return channel;
  }

  /** Connects a zone with a fresh token for it. */
  TestZone connect(String zone) throws IOException {
    return connect(zone, zone, issueToken(zone).body());
  }

  TestZone connect(String claimed, String tokenZone, String token) throws IOException {
    return closeLater(
            new TestZone(tlsChannel(), claimed, KdsHeaders.zoneCredentials(claimed, token)))
        .start();
  }

  String adminToken() throws IOException {
    return Files.readString(STATE_DIR.resolve(AdminToken.FILE_NAME)).trim();
  }

  HttpResponse<String> issueToken(String zone) throws IOException {
    HttpResponse<String> answer =
        post("/tokens/zone", "{\"zone\":\"" + zone + "\",\"validFor\":\"1h\"}", adminToken());
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    return answer;
  }

  HttpResponse<String> post(String path, String json, String bearer) {
    HttpRequest.Builder req =
        HttpRequest.newBuilder(uri(path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json));
    if (bearer != null) {
      req.header("Authorization", "Bearer " + bearer);
    }
    return send(req.build());
  }

  HttpResponse<String> get(String path) {
    return send(AdminBearer.authorize(HttpRequest.newBuilder(uri(path)).GET().build(), STATE_DIR));
  }

  HttpResponse<String> delete(String path) {
    return send(
        AdminBearer.authorize(HttpRequest.newBuilder(uri(path)).DELETE().build(), STATE_DIR));
  }

  HttpResponse<String> putYaml(String path, String yaml) {
    HttpResponse<String> answer =
        send(
            HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/yaml")
                .header("Authorization", AdminBearer.header(STATE_DIR))
                .PUT(HttpRequest.BodyPublishers.ofString(yaml))
                .build());
    assertThat(answer.statusCode()).as(answer.body()).isIn(200, 201);
    return answer;
  }

  void createMesh(String mesh) {
    putYaml("/meshes/" + mesh, "type: Mesh\nname: " + mesh + "\n");
  }

  static Resource yaml(String text) {
    return CODEC.decode(text.getBytes(StandardCharsets.UTF_8), DocumentFormat.YAML);
  }

  static Resource dataplane(String mesh, String name, String extraLabels) {
    return yaml(
        """
        type: Dataplane
        mesh: %s
        name: %s
        labels: {%s}
        networking:
          address: 10.0.0.5
          inbound:
          - port: 8080
            tags: {kuma.io/service: web}
        """
            .formatted(mesh, name, extraLabels));
  }

  private HttpResponse<String> send(HttpRequest request) {
    try {
      return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }
}
