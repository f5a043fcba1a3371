package io.meshforge.zone.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.meshforge.global.GlobalCpApplication;
import io.meshforge.global.token.ZoneTokenIssuer;
import io.meshforge.local.FreePorts;
import io.meshforge.model.Resource;
import io.meshforge.model.ResourceKey;
import io.meshforge.model.ResourceTypes;
import io.meshforge.model.WellKnownLabels;
import io.meshforge.model.store.ResourceQuery;
import io.meshforge.model.store.ResourceStore;
import io.meshforge.rest.auth.AdminBearer;
import io.meshforge.zone.ZoneCpApplication;
import io.meshforge.zone.xds.context.ZoneStates;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A ZoneIngress registered in one zone, with the available services that zone computes from its
 * Dataplanes, reaches global (attributed to its zone) and the other zone, and follows the zone's
 * Dataplanes: global and two zones, real control planes in one JVM.
 */
class FederatedIngressTest {

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final Duration AWAIT = Duration.ofSeconds(30);

  @TempDir Path dir;
  private final List<ConfigurableApplicationContext> started = new java.util.ArrayList<>();

  @AfterEach
  void stop() {
    java.util.Collections.reverse(started);
    started.forEach(ConfigurableApplicationContext::close);
  }

  @Test
  void zoneIngress_withAvailableServices_reachesGlobalAndTheOtherZone() throws Exception {
    int kdsPort = FreePorts.next();
    ConfigurableApplicationContext global = startGlobal(kdsPort);
    assertThat(put(global, "/meshes/default", "type: Mesh\nname: default\n")).isEqualTo(201);
    ConfigurableApplicationContext west = startZone(global, kdsPort, "west");
    ConfigurableApplicationContext east = startZone(global, kdsPort, "east");
    await()
        .atMost(AWAIT)
        .until(() ->
            west.getBean(ResourceStore.class)
                .get(ResourceKey.global(ResourceTypes.MESH, "default"))
                .isPresent());

    assertThat(put(west, "/zoneingresses/ingress-west", ingress())).isEqualTo(201);
    assertThat(put(west, "/meshes/default/dataplanes/backend-1", backend("backend-1", "10.0.0.1")))
        .isEqualTo(201);
    assertThat(put(west, "/meshes/default/dataplanes/backend-2", backend("backend-2", "10.0.0.2")))
        .isEqualTo(201);

    await()
        .atMost(AWAIT)
        .untilAsserted(() -> {
          Resource copy = onlyIngress(east.getBean(ResourceStore.class));
          assertThat(copy.labels())
              .containsEntry(WellKnownLabels.ORIGIN, WellKnownLabels.ORIGIN_ZONE)
              .containsEntry(WellKnownLabels.ZONE, "west");
          assertThat(copy.spec().path("zone").asString()).isEqualTo("west");
          assertThat(copy.spec().path("networking").path("advertisedAddress").asString())
              .isEqualTo("192.0.2.10");
          assertThat(copy.spec().path("availableServices"))
              .singleElement()
              .satisfies(s -> {
                assertThat(s.path("instances").asInt()).isEqualTo(2);
                assertThat(s.path("mesh").asString()).isEqualTo("default");
                assertThat(s.path("tags").path("kuma.io/service").asString()).isEqualTo("backend");
              });
        });
    Resource onGlobal = onlyIngress(global.getBean(ResourceStore.class));
    assertThat(onGlobal.labels()).containsEntry(WellKnownLabels.ZONE, "west");

    delete(west, "/meshes/default/dataplanes/backend-2");
    await()
        .atMost(AWAIT)
        .untilAsserted(() ->
            assertThat(
                    onlyIngress(east.getBean(ResourceStore.class))
                        .spec()
                        .path("availableServices")
                        .path(0)
                        .path("instances")
                        .asInt())
                .isEqualTo(1));
  }

  @Test
  void zoneDisabledOnGlobal_everyZoneLearnsItsEnabledFlag() throws Exception {
    int kdsPort = FreePorts.next();
    ConfigurableApplicationContext global = startGlobal(kdsPort);
    ConfigurableApplicationContext west = startZone(global, kdsPort, "west");
    ConfigurableApplicationContext east = startZone(global, kdsPort, "east");
    await()
        .atMost(AWAIT)
        .until(() ->
            global
                .getBean(ResourceStore.class)
                .get(ResourceKey.global(ResourceTypes.ZONE, "east"))
                .isPresent());

    assertThat(put(global, "/zones/east", "type: Zone\nname: east\nenabled: false\n"))
        .isEqualTo(200);

    for (ConfigurableApplicationContext zone : List.of(east, west)) {
      await()
          .atMost(AWAIT)
          .untilAsserted(() ->
              assertThat(
                      ZoneStates.of(
                              "east",
                              zone.getBean(ResourceStore.class)
                                  .list(
                                      new ResourceQuery(
                                          ResourceTypes.ZONE, null, Map.of(), null, null, 10))
                                  .items())
                          .disabled())
                  .containsExactly("east"));
    }
  }

  private static Resource onlyIngress(ResourceStore store) {
    List<Resource> ingresses =
        store
            .list(new ResourceQuery(ResourceTypes.ZONE_INGRESS, null, Map.of(), null, null, 10))
            .items();
    assertThat(ingresses).hasSize(1);
    return ingresses.get(0);
  }

  private static String ingress() {
    return """
    type: ZoneIngress
    name: ingress-west
    networking:
      address: 127.0.0.1
      port: 10001
      advertisedAddress: 192.0.2.10
      advertisedPort: 10001
    """;
  }

  private static String backend(String name, String address) {
    return """
    type: Dataplane
    mesh: default
    name: %s
    networking:
      address: %s
      inbound:
      - port: 8080
        tags: {kuma.io/service: backend, kuma.io/protocol: http}
    """
        .formatted(name, address);
  }

  private ConfigurableApplicationContext startGlobal(int kdsPort) {
    ConfigurableApplicationContext context =
        GlobalCpApplication.start(
            "--state-dir",
            dir.resolve("global").toString(),
            "--api.http.port=0",
            "--diagnostics.port=0",
            "--kds.grpc.port=" + kdsPort,
            "--kds.tls.enabled=false",
            "--mesh.defaults.policies=false");
    started.add(context);
    return context;
  }

  private ConfigurableApplicationContext startZone(
      ConfigurableApplicationContext global, int kdsPort, String name) throws IOException {
    Path token = dir.resolve(name + "-token");
    Files.writeString(
        token, global.getBean(ZoneTokenIssuer.class).issue(name, Duration.ofHours(1)).token());
    ConfigurableApplicationContext context =
        ZoneCpApplication.start(
            "--state-dir",
            dir.resolve(name).toString(),
            "--zone.name=" + name,
            "--store.type=memory",
            "--api.http.port=0",
            "--diagnostics.port=0",
            "--xds.grpc.port=0",
            "--zone.global.address=grpc://localhost:" + kdsPort,
            "--zone.token=" + token,
            "--zone.kds.backoff=100ms",
            "--zone.kds.heartbeat=500ms");
    started.add(context);
    return context;
  }

  private static int port(ConfigurableApplicationContext context) {
    return ((WebServerApplicationContext) context).getWebServer().getPort();
  }

  private static int put(ConfigurableApplicationContext context, String path, String yaml)
      throws Exception {
    return HTTP.send(
            HttpRequest.newBuilder(URI.create("http://localhost:" + port(context) + path))
                .header("Authorization", AdminBearer.header(context))
                .header("Content-Type", "application/yaml")
                .PUT(HttpRequest.BodyPublishers.ofString(yaml))
                .build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  private static void delete(ConfigurableApplicationContext context, String path) throws Exception {
    HTTP.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port(context) + path))
            .header("Authorization", AdminBearer.header(context))
            .DELETE()
            .build(),
        HttpResponse.BodyHandlers.discarding());
  }
}
