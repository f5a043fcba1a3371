package io.meshforge.global.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshforge.rest.auth.AdminBearer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs the global CP on random ports with an embedded PostgreSQL in a temporary state directory.
 * Every test class extending this shares one application context (and one database), so tests use
 * their own mesh names.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"diagnostics.port=0", "api.body.limit=65536"})
abstract class ApiTestBase {
  private static final Path STATE_DIR = tempStateDir();
  static final JsonMapper JSON = JsonMapper.builder().build();
  static final HttpClient HTTP = HttpClient.newHttpClient();

  @LocalServerPort int port;

  @DynamicPropertySource
  static void stateDir(DynamicPropertyRegistry registry) {
    registry.add("state.dir", STATE_DIR::toString);
  }

  private static Path tempStateDir() {
    try {
      return Files.createTempDirectory("forge-global-test");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** An answer: status, content type and body. */
  record Answer(int status, String contentType, String body) {
    JsonNode json() {
      return JSON.readTree(body);
    }
  }

  Answer get(String path) {
    return send(HttpRequest.newBuilder(uri(path)).GET().build());
  }

  Answer get(String path, String accept) {
    return send(HttpRequest.newBuilder(uri(path)).header("Accept", accept).GET().build());
  }

  Answer put(String path, String body, String contentType) {
    return put(path, body.getBytes(StandardCharsets.UTF_8), contentType);
  }

  Answer put(String path, byte[] body, String contentType) {
    HttpRequest.Builder req =
        HttpRequest.newBuilder(uri(path)).PUT(HttpRequest.BodyPublishers.ofByteArray(body));
    if (contentType != null) {
      req.header("Content-Type", contentType);
    }
    return send(req.build());
  }

  Answer putYaml(String path, String yaml) {
    return put(path, yaml, "application/yaml");
  }

  Answer delete(String path) {
    return send(HttpRequest.newBuilder(uri(path)).DELETE().build());
  }

  Answer send(HttpRequest request) {
    try {
      HttpResponse<String> response =
          HTTP.send(
              AdminBearer.authorize(request, STATE_DIR), HttpResponse.BodyHandlers.ofString());
      return new Answer(
          response.statusCode(),
          response.headers().firstValue("Content-Type").orElse(""),
          response.body());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  /** Creates a mesh (and asserts it worked). */
  void createMesh(String name) {
    Answer answer = putYaml("/meshes/" + name, "type: Mesh\nname: " + name + "\n");
    assertThat(answer.status()).as(answer.body()).isIn(200, 201);
  }
}
