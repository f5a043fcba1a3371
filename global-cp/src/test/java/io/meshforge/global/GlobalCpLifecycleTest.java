package io.meshforge.global;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshforge.global.store.StoreEpoch;
import io.meshforge.rest.auth.AdminBearer;
import io.meshforge.rest.auth.AdminToken;
import io.meshforge.store.postgres.DatabaseMigrator;
import io.meshforge.store.postgres.EmbeddedDatabase;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts, stops and restarts the global CP the way its launcher does: data survives a restart on
 * the embedded database; an external database is migrated only when asked.
 */
class GlobalCpLifecycleTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir Path stateDir;

  @Test
  void restart_onTheEmbeddedDatabase_keepsWhatWasWritten() throws Exception {
    try (ConfigurableApplicationContext first = start("--state-dir", stateDir.toString())) {
      assertThat(put(first, "/meshes/kept", "type: Mesh\nname: kept\n")).isEqualTo(201);
      assertThat(
              put(
                  first,
                  "/meshes/kept/meshtimeouts/t",
                  """
                  type: MeshTimeout
                  name: t
                  mesh: kept
                  spec:
                    targetRef: {kind: Mesh}
                    to:
                    - targetRef: {kind: Mesh}
                      default: {connectionTimeout: 3s}
                  """))
          .isEqualTo(201);
    }
    try (ConfigurableApplicationContext second = start("--state-dir", stateDir.toString())) {
      HttpResponse<String> answer = get(second, "/meshes/kept/meshtimeouts/t");
      assertThat(answer.statusCode()).isEqualTo(200);
      assertThat(answer.body()).contains("\"connectionTimeout\" : \"3s\"");
    }
  }

  @Test
  void externalDatabase_isRefusedUntilMigrated_andTheMessageNamesTheCommand() throws Exception {
    try (EmbeddedDatabase external = new EmbeddedDatabase(stateDir.resolve("external-pg"), 4)) {
      String url = external.jdbcUrl();
      String[] common = {
        "--state-dir",
        stateDir.resolve("cp").toString(),
        "--store.postgres.url=" + url,
        "--store.postgres.username=postgres",
        "--store.postgres.password=postgres"
      };
      assertThatThrownBy(() -> start(common).close())
          .hasStackTraceContaining("migrate")
          .hasStackTraceContaining("not migrated");
      assertThat(new DatabaseMigrator(external.dataSource()).isMigrated()).isFalse();

      String[] migrate = new String[common.length + 1];
      migrate[0] = "migrate";
      System.arraycopy(common, 0, migrate, 1, common.length);
      GlobalCpApplication.start(migrate);
      assertThat(new DatabaseMigrator(external.dataSource()).isMigrated()).isTrue();

      try (ConfigurableApplicationContext cp = start(common)) {
        assertThat(get(cp, "/meshes").statusCode()).isEqualTo(200);
      }
    }
  }

  @Test
  void restart_withStoreEpochRotate_rotatesOnceEvenIfTheValueStaysConfigured() {
    String[] common = {"--state-dir", stateDir.toString(), "--kds.grpc.port=0"};
    UUID restored;
    try (ConfigurableApplicationContext first = start(common)) {
      restored = first.getBean(StoreEpoch.class).current();
    }
    String[] rotate = Arrays.copyOf(common, common.length + 1);
    rotate[common.length] = "--store.epoch.rotate=" + restored;
    UUID rotated;
    try (ConfigurableApplicationContext second = start(rotate)) {
      rotated = second.getBean(StoreEpoch.class).current();
    }
    try (ConfigurableApplicationContext third = start(rotate)) {
      assertThat(rotated).isNotEqualTo(restored);
      assertThat(third.getBean(StoreEpoch.class).current()).isEqualTo(rotated);
    }
  }

  private static ConfigurableApplicationContext start(String... args) {
    String[] all = new String[args.length + 2];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--api.http.port=0";
    all[args.length + 1] = "--diagnostics.port=0";
    return GlobalCpApplication.start(all);
  }

  private static int port(ConfigurableApplicationContext context) {
    return ((WebServerApplicationContext) context).getWebServer().getPort();
  }

  /** The admin token's header, from the state directory the CP wrote it to. */
  private static String admin(ConfigurableApplicationContext context) {
    return AdminBearer.header(context.getBean(AdminToken.class).file().getParent());
  }

  private static int put(ConfigurableApplicationContext context, String path, String yaml)
      throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port(context) + path))
            .header("Content-Type", "application/yaml")
            .header("Authorization", admin(context))
            .PUT(HttpRequest.BodyPublishers.ofString(yaml))
            .build();
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
  }

  private static HttpResponse<String> get(ConfigurableApplicationContext context, String path)
      throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port(context) + path))
            .header("Authorization", admin(context))
            .GET()
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
