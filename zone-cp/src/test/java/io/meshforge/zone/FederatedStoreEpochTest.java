package io.meshforge.zone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.meshforge.global.GlobalCpApplication;
import io.meshforge.global.store.StoreEpoch;
import io.meshforge.global.token.ZoneTokenIssuer;
import io.meshforge.local.FreePorts;
import io.meshforge.model.Resource;
import io.meshforge.model.ResourceTypes;
import io.meshforge.model.WellKnownLabels;
import io.meshforge.model.store.ResourceQuery;
import io.meshforge.model.store.ResourceStore;
import io.meshforge.rest.auth.AdminBearer;
import io.meshforge.zone.kds.EpochGuard;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * F12 end to end, with the real global and zone control planes in one JVM: global advertises its
 * store epoch; after a restore (simulated by restarting global with {@code store.epoch.rotate} and
 * deleting a policy the "backup" lacked) the zone keeps the policy until an operator confirms the
 * new epoch on the zone, then applies the deletion.
 */
class FederatedStoreEpochTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final Duration AWAIT = Duration.ofSeconds(30);

  @TempDir Path dir;
  private ConfigurableApplicationContext global;
  private ConfigurableApplicationContext zone;

  @AfterEach
  void stop() {
    if (zone != null) {
      zone.close();
    }
    if (global != null) {
      global.close();
    }
  }

  @Test
  void rotatedGlobalEpoch_zoneHoldsDeletionsUntilConfirmed() throws Exception {
    int kdsPort = FreePorts.next();
    global = startGlobal(kdsPort);
    UUID first = global.getBean(StoreEpoch.class).current();
    Path token = dir.resolve("zone-token");
    Files.writeString(
        token, global.getBean(ZoneTokenIssuer.class).issue("east", Duration.ofHours(1)).token());
    assertThat(put(global, "/meshes/default", "type: Mesh\nname: default\n")).isEqualTo(201);
    assertThat(put(global, "/meshes/default/meshtimeouts/slow", timeout())).isEqualTo(201);

    zone = startZone(kdsPort, token);
    EpochGuard guard = zone.getBean(EpochGuard.class);
    ResourceStore zoneStore = zone.getBean(ResourceStore.class);
    await().atMost(AWAIT).until(() -> syncedTimeout(zoneStore).isPresent());
    assertThat(guard.trusted()).contains(first.toString());

    // "Restore": global restarts on data whose epoch the operator rotates, and which lacks the
    // policy the zone has a copy of.
    global.close();
    global = startGlobal(kdsPort, "--store.epoch.rotate=" + first);
    UUID second = global.getBean(StoreEpoch.class).current();
    assertThat(second).isNotEqualTo(first);
    assertThat(delete(global, "/meshes/default/meshtimeouts/slow")).isEqualTo(200);

    await().atMost(AWAIT).until(() -> guard.status().heldDeletions() > 0);
    assertThat(guard.status().state()).isEqualTo(EpochGuard.State.CHANGED);
    assertThat(guard.status().advertised()).isEqualTo(second.toString());
    assertThat(syncedTimeout(zoneStore)).isPresent();

    assertThat(post(zone, "/zone/epoch/confirm?epoch=" + second)).isEqualTo(200);
    await().atMost(AWAIT).until(() -> syncedTimeout(zoneStore).isEmpty());
    assertThat(guard.trusted()).contains(second.toString());
  }

  private static Optional<Resource> syncedTimeout(ResourceStore store) {
    return store.list(ResourceQuery.inMesh(ResourceTypes.MESH_TIMEOUT, "default")).items().stream()
        .filter(r -> "slow".equals(r.labels().get(WellKnownLabels.DISPLAY_NAME)))
        .findFirst();
  }

  private ConfigurableApplicationContext startGlobal(int kdsPort, String... extra) {
    String[] base = {
      "--state-dir",
      dir.resolve("global").toString(),
      "--api.http.port=0",
      "--diagnostics.port=0",
      "--kds.grpc.port=" + kdsPort,
      "--kds.tls.enabled=false",
      "--mesh.defaults.policies=false"
    };
    String[] args = new String[base.length + extra.length];
    System.arraycopy(base, 0, args, 0, base.length);
    System.arraycopy(extra, 0, args, base.length, extra.length);
    return GlobalCpApplication.start(args);
  }

  private ConfigurableApplicationContext startZone(int kdsPort, Path token) {
    return ZoneCpApplication.start(
        "--state-dir",
        dir.resolve("zone").toString(),
        "--zone.name=east",
        "--store.type=memory",
        "--api.http.port=0",
        "--diagnostics.port=0",
        "--xds.grpc.port=0",
        "--zone.global.address=grpc://localhost:" + kdsPort,
        "--zone.token=" + token,
        "--zone.kds.backoff=100ms",
        "--zone.kds.heartbeat=500ms");
  }

  private static String timeout() {
    return """
    type: MeshTimeout
    name: slow
    mesh: default
    spec:
      targetRef: {kind: Mesh}
      to:
      - targetRef: {kind: Mesh}
        default: {connectionTimeout: 3s}
    """;
  }

  private static int port(ConfigurableApplicationContext context) {
    return ((WebServerApplicationContext) context).getWebServer().getPort();
  }

  private static int put(ConfigurableApplicationContext context, String path, String yaml)
      throws Exception {
    return send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port(context) + path))
            .header("Authorization", AdminBearer.header(context))
            .header("Content-Type", "application/yaml")
            .PUT(HttpRequest.BodyPublishers.ofString(yaml)));
  }

  private static int delete(ConfigurableApplicationContext context, String path) throws Exception {
    return send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port(context) + path))
            .header("Authorization", AdminBearer.header(context))
            .DELETE());
  }

  private static int post(ConfigurableApplicationContext context, String path) throws Exception {
    return send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port(context) + path))
            .header("Authorization", AdminBearer.header(context))
            .POST(HttpRequest.BodyPublishers.noBody()));
  }

  private static int send(HttpRequest.Builder request) throws Exception {
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }
}
