package io.meshforge.rest.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.meshforge.model.store.InMemoryResourceStore;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code ApiAuthContract} is RELIABILITY S7 over real HTTP, the same on both control planes: each
 * control-plane module runs it against its running application (a subclass says where it listens,
 * where its state directory is, and makes the mesh the requests use). Shared through this module's
 * test-jar.
 */
public abstract class ApiAuthContract {

  /**
   * A fresh state directory for the control plane under test (its admin token is written there).
   */
  protected static Path newStateDir(String prefix) {
    try {
      return java.nio.file.Files.createTempDirectory(prefix);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final Duration BOUND = Duration.ofSeconds(20);

  /** The REST API's base URL, e.g. {@code http://127.0.0.1:5681}. */
  protected abstract String apiUrl();

  /** The control plane's state directory (where {@code admin-token} is). */
  protected abstract Path stateDir();

  /** The name of a mesh that exists, creating it on first use. */
  protected abstract String mesh();

  /** An answer. */
  protected record Answer(int status, String body, String authenticate) {}

  @Test
  void anonymous_bannerAndOpenApi_areServed() {
    assertThat(call(null, "GET", "/", null).status()).isEqualTo(200);
    assertThat(call(null, "GET", "/openapi.yaml", null).status()).isEqualTo(200);
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
    "GET, /meshes/{mesh}/meshtimeouts",
    "GET, /meshes/{mesh}/meshtimeouts/anything",
    "PUT, /meshes/{mesh}/meshtimeouts/anonymous",
    "DELETE, /meshes/{mesh}/meshtimeouts/anything",
    "GET, /meshes/{mesh}/secrets",
    "GET, /meshes/{mesh}/secrets/anything",
    "PUT, /meshes/{mesh}/secrets/anonymous",
    "GET, /secrets",
    "GET, /global-secrets",
    "POST, /tokens/user",
    "POST, /tokens/user/revoke",
    "GET, /meshes/{mesh}/dataplanes/anything/xds",
    "GET, /meshes/{mesh}/dataplanes/anything/stats",
    "GET, /config",
    "GET, /_resources",
    "GET, /meshes",
  })
  void anonymousRequest_toAnythingButTheBanner_is401WithBearerChallenge(
      String method, String path) {
    Answer answer = call(null, method, path.replace("{mesh}", mesh()), bodyFor(method, path));
    assertThat(answer.status()).as(answer.body()).isEqualTo(401);
    assertThat(answer.authenticate()).isEqualTo("Bearer");
    assertThat(answer.body()).contains("\"title\":\"Unauthorized\"").contains("admin-token");
  }

  @Test
  void userToken_readsAndWritesPolicies() {
    String user = issueUserToken("alice", "team-a", "1h");
    String path = "/meshes/" + mesh() + "/meshtimeouts/by-alice";
    Answer written = call(user, "PUT", path, timeoutYaml("by-alice"));
    assertThat(written.status()).as(written.body()).isIn(200, 201);
    assertThat(call(user, "GET", path, null).status()).isEqualTo(200);
    assertThat(call(user, "GET", "/meshes/" + mesh() + "/meshtimeouts", null).status())
        .isEqualTo(200);
    assertThat(call(user, "DELETE", path, null).status()).isEqualTo(200);
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
    "GET, /meshes/{mesh}/secrets",
    "GET, /meshes/{mesh}/secrets/anything",
    "PUT, /meshes/{mesh}/secrets/by-user",
    "DELETE, /meshes/{mesh}/secrets/anything",
    "GET, /secrets",
    "GET, /global-secrets",
    "GET, /global-secrets/anything",
    "POST, /tokens/user",
    "POST, /tokens/user/revoke",
    "GET, /meshes/{mesh}/dataplanes/anything/xds",
    "GET, /meshes/{mesh}/dataplanes/anything/clusters",
  })
  void userToken_onSecretsTokensOrEnvoyAdminData_is403WithAClearMessage(
      String method, String path) {
    String user = issueUserToken("bob", "team-b", "1h");
    Answer answer = call(user, method, path.replace("{mesh}", mesh()), bodyFor(method, path));
    assertThat(answer.status()).as(answer.body()).isEqualTo(403);
    assertThat(answer.body())
        .contains("\"title\":\"Forbidden\"")
        .contains("user bob may not")
        .contains(ApiCaller.ADMIN_GROUP);
  }

  @Test
  void adminToken_andAdminGroupUser_readAndWriteSecrets() {
    String secrets = "/meshes/" + mesh() + "/secrets";
    Answer written = call(admin(), "PUT", secrets + "/by-admin", secretYaml("by-admin"));
    assertThat(written.status()).as(written.body()).isIn(200, 201);
    assertThat(call(admin(), "GET", secrets + "/by-admin", null).status()).isEqualTo(200);

    String adminUser = issueUserToken("carol", ApiCaller.ADMIN_GROUP, "1h");
    assertThat(call(adminUser, "GET", secrets + "/by-admin", null).status()).isEqualTo(200);
    Answer issued = call(adminUser, "POST", "/tokens/user", "{\"name\":\"dave\"}");
    assertThat(issued.status()).as(issued.body()).isEqualTo(200);
  }

  @Test
  void revokedUserToken_is401() {
    String user = issueUserToken("erin", "team-a", "1h");
    String path = "/meshes/" + mesh() + "/meshtimeouts";
    assertThat(call(user, "GET", path, null).status()).isEqualTo(200);

    Answer revoked = call(admin(), "POST", "/tokens/user/revoke", "{\"token\":\"" + user + "\"}");
    assertThat(revoked.status()).as(revoked.body()).isEqualTo(200);

    // The revocation reaches the verifier through the store's change feed.
    await().atMost(BOUND).until(() -> call(user, "GET", path, null).status() == 401);
    assertThat(call(user, "GET", path, null).body()).contains("revoked");
  }

  @Test
  void expiredUserToken_is401() {
    String user = issueUserToken("frank", "team-a", "1s");
    String path = "/meshes/" + mesh() + "/meshtimeouts";
    await()
        .atMost(BOUND)
        .pollInterval(Duration.ofMillis(200))
        .until(() -> call(user, "GET", path, null).status() == 401);
    assertThat(call(user, "GET", path, null).body()).contains("expired");
  }

  @Test
  void tamperedOrForeignToken_is401() {
    String user = issueUserToken("grace", "team-a", "1h");
    String path = "/meshes/" + mesh() + "/meshtimeouts";
    int dot = user.lastIndexOf('.');
    char last = user.charAt(dot + 1);
    String tampered =
        user.substring(0, dot + 1) + (last == 'A' ? 'B' : 'A') + user.substring(dot + 2);
    assertThat(call(tampered, "GET", path, null).status()).isEqualTo(401);

    // Signed by another control plane's user-token key (same kid, different key).
    InMemoryResourceStore elsewhere = new InMemoryResourceStore();
    String foreign =
        new UserTokens(elsewhere, elsewhere.view(), Clock.systemUTC())
            .issue("grace", Set.of(ApiCaller.ADMIN_GROUP), Duration.ofHours(1))
            .token();
    Answer answer = call(foreign, "GET", path, null);
    assertThat(answer.status()).isEqualTo(401);
    assertThat(answer.body()).contains("signature");

    assertThat(call("not-the-admin-token", "GET", path, null).status()).isEqualTo(401);
  }

  @Test
  void nonBearerAuthorization_is401() {
    Answer answer =
        send(
            HttpRequest.newBuilder(URI.create(apiUrl() + "/meshes"))
                .header("Authorization", "Basic YWRtaW46YWRtaW4=")
                .GET()
                .build());
    assertThat(answer.status()).isEqualTo(401);
    assertThat(answer.body()).contains("bearer");
  }

  /** The status of an anonymous GET of an absolute URL (e.g. on the diagnostics port). */
  protected static int anonymousGet(String url) {
    return send(HttpRequest.newBuilder(URI.create(url)).GET().build()).status();
  }

  /** Issues a user token with the admin token. */
  protected String issueUserToken(String name, String group, String validFor) {
    Answer answer =
        call(
            admin(),
            "POST",
            "/tokens/user",
            "{\"name\":\"%s\",\"groups\":[\"%s\"],\"validFor\":\"%s\"}"
                .formatted(name, group, validFor));
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    return answer.body().trim();
  }

  /** The admin token. */
  protected String admin() {
    return AdminBearer.header(stateDir()).substring("Bearer ".length());
  }

  /** Sends a request with {@code token} as the bearer ({@code null}: anonymous). */
  protected Answer call(String token, String method, String path, String body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(apiUrl() + path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      request.header(
          "Content-Type", body.startsWith("{") ? "application/json" : "application/yaml");
    }
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return send(request.build());
  }

  private static Answer send(HttpRequest request) {
    try {
      HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
      return new Answer(
          response.statusCode(),
          response.body(),
          response.headers().firstValue("WWW-Authenticate").orElse(""));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private String bodyFor(String method, String path) {
    if (method.equals("POST")) {
      return path.endsWith("/revoke") ? "{\"id\":\"x\"}" : "{\"name\":\"mallory\"}";
    }
    if (!method.equals("PUT")) {
      return null;
    }
    String name = path.substring(path.lastIndexOf('/') + 1);
    return path.contains("/secrets/") ? secretYaml(name) : timeoutYaml(name);
  }

  private String timeoutYaml(String name) {
    return String.join(
        "\n",
        "type: MeshTimeout",
        "name: " + name,
        "mesh: " + mesh(),
        "spec:",
        "  targetRef: {kind: Mesh}",
        "  to:",
        "  - targetRef: {kind: Mesh}",
        "    default: {connectionTimeout: 2s}",
        "");
  }

  private String secretYaml(String name) {
    return "type: Secret\nname: " + name + "\nmesh: " + mesh() + "\ndata: c2VjcmV0\n";
  }
}
