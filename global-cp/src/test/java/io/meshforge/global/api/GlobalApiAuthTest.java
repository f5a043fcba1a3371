package io.meshforge.global.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshforge.rest.auth.ApiAuthContract;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** RELIABILITY S7 on global: the shared contract plus what only global serves. */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"diagnostics.port=0", "kds.grpc.port=0"})
class GlobalApiAuthTest extends ApiAuthContract {
  private static final Path STATE_DIR = newStateDir("forge-global-auth-test");
  private static final String MESH = "auth";

  @LocalServerPort int port;
  @LocalManagementPort int diagnosticsPort;

  @DynamicPropertySource
  static void stateDir(DynamicPropertyRegistry registry) {
    registry.add("state.dir", STATE_DIR::toString);
  }

  @Override
  protected String apiUrl() {
    return "http://127.0.0.1:" + port;
  }

  @Override
  protected Path stateDir() {
    return STATE_DIR;
  }

  @Override
  protected String mesh() {
    if (call(admin(), "GET", "/meshes/" + MESH, null).status() == 404) {
      Answer created = call(admin(), "PUT", "/meshes/" + MESH, "type: Mesh\nname: auth\n");
      assertThat(created.status()).as(created.body()).isEqualTo(201);
    }
    return MESH;
  }

  @Test
  void gui_isServedAnonymously_butItsApiCallsAreNot() {
    assertThat(call(null, "GET", "/gui", null).status()).isEqualTo(200);
    assertThat(call(null, "GET", "/gui/js/api.js", null).status()).isEqualTo(200);
    assertThat(call(null, "GET", "/zones/_overview", null).status()).isEqualTo(401);
  }

  @Test
  void userToken_readsZones_butCannotIssueZoneTokens() {
    String user = issueUserToken("zoe", "ops", "1h");
    assertThat(call(user, "GET", "/zones/_overview", null).status()).isEqualTo(200);
    Answer issue = call(user, "POST", "/tokens/zone", "{\"zone\":\"east\"}");
    assertThat(issue.status()).as(issue.body()).isEqualTo(403);
    assertThat(call(null, "POST", "/tokens/zone", "{\"zone\":\"east\"}").status()).isEqualTo(401);
    assertThat(call(admin(), "POST", "/tokens/zone", "{\"zone\":\"east\"}").status())
        .isEqualTo(200);
  }

  @Test
  void diagnosticsPort_staysAnonymous() {
    String diagnostics = "http://127.0.0.1:" + diagnosticsPort;
    assertThat(anonymousGet(diagnostics + "/ready")).isEqualTo(200);
    assertThat(anonymousGet(diagnostics + "/metrics")).isEqualTo(200);
  }
}
