package io.meshforge.zone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshforge.model.WellKnownLabels;
import io.meshforge.model.store.ResourceStore;
import io.meshforge.rest.auth.AdminBearer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts the zone CP the way its launcher does, on the default store (embedded PostgreSQL): the
 * zone's own resources survive a restart, and a missing zone name stops the start with a message
 * naming the key.
 */
class ZoneCpLifecycleTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir Path stateDir;

  @Test
  void restart_onTheEmbeddedDatabase_keepsTheZonesOwnResources() throws Exception {
    String dataplane =
        """
        type: Dataplane
        name: web-1
        mesh: default
        networking:
          address: 10.0.0.1
          inbound:
          - port: 8080
            tags: {kuma.io/service: web}
        """;
    try (ConfigurableApplicationContext first = start()) {
      // a zone cannot create meshes; seed the one global would have synced
      first
          .getBean(ResourceStore.class)
          .create(Resources.labelled(Resources.mesh("default"), WellKnownLabels.ORIGIN, "global"));
      assertThat(put(first, "/meshes/default/dataplanes/web-1", dataplane)).isEqualTo(201);
    }
    try (ConfigurableApplicationContext second = start()) {
      HttpResponse<String> answer = get(second, "/meshes/default/dataplanes/web-1");
      assertThat(answer.statusCode()).isEqualTo(200);
      assertThat(answer.body()).contains("\"kuma.io/zone\" : \"east\"");
    }
  }

  @Test
  void start_withoutZoneName_failsNamingTheKey() {
    assertThatThrownBy(() ->
            ZoneCpApplication.start(
                "--state-dir",
                stateDir.toString(),
                "--store.type=memory",
                "--api.http.port=0",
                "--diagnostics.port=0",
                "--xds.grpc.port=0"))
        .hasRootCauseMessage(
            "zone.name is required: set FORGE_ZONE_NAME or zone.name in the --config file");
  }

  private ConfigurableApplicationContext start() {
    return ZoneCpApplication.start(
        "run",
        "--state-dir",
        stateDir.toString(),
        "--zone.name=east",
        "--api.http.port=0",
        "--diagnostics.port=0",
        "--xds.grpc.port=0");
  }

  private static int port(ConfigurableApplicationContext context) {
    return ((WebServerApplicationContext) context).getWebServer().getPort();
  }

  private static int put(ConfigurableApplicationContext context, String path, String yaml)
      throws Exception {
    return HTTP.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port(context) + path))
                .header("Authorization", AdminBearer.header(context))
                .header("Content-Type", "application/yaml")
                .PUT(HttpRequest.BodyPublishers.ofString(yaml))
                .build(),
            HttpResponse.BodyHandlers.ofString())
        .statusCode();
  }

  private static HttpResponse<String> get(ConfigurableApplicationContext context, String path)
      throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port(context) + path))
            .header("Authorization", AdminBearer.header(context))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
