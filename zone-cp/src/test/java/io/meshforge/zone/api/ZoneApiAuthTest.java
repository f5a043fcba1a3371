package io.meshforge.zone.api;

import static io.meshforge.zone.Resources.labelled;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshforge.model.ResourceKey;
import io.meshforge.model.ResourceTypes;
import io.meshforge.model.WellKnownLabels;
import io.meshforge.model.store.ResourceStore;
import io.meshforge.rest.auth.ApiAuthContract;
import io.meshforge.zone.Resources;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** RELIABILITY S7 on a zone: the shared contract plus what only a zone serves. */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "diagnostics.port=0",
      "xds.grpc.port=0",
      "store.type=memory",
      "zone.name=east",
      "zone.global.address=grpc://127.0.0.1:1",
      "zone.kds.backoff=1s"
    })
class ZoneApiAuthTest extends ApiAuthContract {
  private static final Path STATE_DIR = newStateDir("forge-zone-auth-test");
  private static final String MESH = "default";

  @LocalServerPort int port;
  @LocalManagementPort int diagnosticsPort;
  @Autowired ResourceStore store;

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

  /** Meshes come from global: this one is written as if global synced it. */
  @Override
  protected String mesh() {
    if (store.get(new ResourceKey(ResourceTypes.MESH, "", MESH)).isEmpty()) {
      store.create(labelled(Resources.mesh(MESH), WellKnownLabels.ORIGIN, "global"));
    }
    return MESH;
  }

  @Test
  void bootstrap_isAnonymous_itsDataplaneTokenBeingTheCredential() {
    Answer answer = call(null, "POST", "/bootstrap", "{\"dataplaneToken\":\"forged\"}");
    assertThat(answer.status()).as(answer.body()).isNotIn(401, 403).isBetween(400, 499);
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
    "POST, /tokens/dataplane, '{\"mesh\":\"default\"}'",
    "POST, /tokens/zone-proxy, '{\"proxyType\":\"ingress\"}'",
    "POST, /tokens/dataplane/revoke, '{\"id\":\"x\"}'",
    "POST, /zone/epoch/confirm, ",
    "GET, /meshes/default/dataplanes/web-1/traffic, ",
  })
  void zoneAdminPaths_areAdminOnly(String method, String path, String body) {
    mesh();
    String user = issueUserToken("olga", "ops", "1h");
    assertThat(call(null, method, path, body).status()).isEqualTo(401);
    Answer answer = call(user, method, path, body);
    assertThat(answer.status()).as(answer.body()).isEqualTo(403);
    assertThat(call(admin(), method, path, body).status()).isNotIn(401, 403);
  }

  @Test
  void userToken_readsZoneStatus() {
    String user = issueUserToken("olga", "ops", "1h");
    assertThat(call(user, "GET", "/zone/status", null).status()).isEqualTo(200);
  }

  @Test
  void diagnosticsPort_staysAnonymous() {
    String diagnostics = "http://127.0.0.1:" + diagnosticsPort;
    assertThat(anonymousGet(diagnostics + "/ready")).isEqualTo(200);
    assertThat(anonymousGet(diagnostics + "/metrics")).isEqualTo(200);
  }
}
