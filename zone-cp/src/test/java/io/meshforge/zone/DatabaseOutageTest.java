package io.meshforge.zone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.envoyproxy.controlplane.cache.Resources.V3;
import io.grpc.Status;
import io.meshforge.global.GlobalCpApplication;
import io.meshforge.global.kds.KdsStreamTracker;
import io.meshforge.global.token.ZoneTokenIssuer;
import io.meshforge.local.FreePorts;
import io.meshforge.model.Resource;
import io.meshforge.model.ResourceType;
import io.meshforge.model.ResourceTypes;
import io.meshforge.model.WellKnownLabels;
import io.meshforge.model.store.ResourceQuery;
import io.meshforge.model.store.ResourceStore;
import io.meshforge.rest.auth.AdminBearer;
import io.meshforge.zone.kds.KdsClientRunner;
import io.meshforge.zone.kds.ZoneKdsLifecycle;
import io.meshforge.zone.token.DataplaneTokenClaims;
import io.meshforge.zone.token.DataplaneTokenIssuer;
import io.meshforge.zone.xds.XdsComponents;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * PostgreSQL down under running control plane (F4, F5): global and one zone, real CPs in one JVM,
 * each on its own external PostgreSQL that the test stops and starts again on the same port. While
 * a database is down its CP answers REST reads and writes with 503 and {@code /ready} with 503
 * {@code database unavailable}; KDS and xDS keep serving the in-memory view and send no deletions;
 * after the database returns, writes work again, sync resumes and nothing stored was lost.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class DatabaseOutageTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final Duration AWAIT = Duration.ofSeconds(30);

  /**
   * How long an outage is watched for deletions: several zone heartbeats (500 ms), global heartbeat
   * and insight flushes (200 ms), zone token re-checks (200 ms) and change-feed polls (200 ms).
   */
  private static final Duration WATCH = Duration.ofSeconds(4);

  private static final String LDS = V3.LISTENER_TYPE_URL;
  private static final String CDS = V3.CLUSTER_TYPE_URL;

  @TempDir Path dir;
  private final List<AutoCloseable> toClose = new ArrayList<>();

  @AfterEach
  void stop() throws Exception {
    // contexts before their databases: a context closing on a stopped database waits it out
    for (AutoCloseable closeable : toClose.reversed()) {
      closeable.close();
    }
  }

  @Test
  void globalDatabaseDown_restAnswers503_zoneKeepsItsCopiesAcrossAReconnect_thenRecovers()
      throws Exception {
    StoppableDatabase globalDb = closeLater(new StoppableDatabase(dir.resolve("global-pg")));
    StoppableDatabase zoneDb = closeLater(new StoppableDatabase(dir.resolve("zone-pg")));
    int kdsPort = FreePorts.next();
    ConfigurableApplicationContext global = closeLater(startGlobal(kdsPort, globalDb));
    assertThat(put(global, "/meshes/default", "type: Mesh\nname: default\n").statusCode())
        .isEqualTo(201);
    assertThat(put(global, timeoutPath("slow"), timeout("slow")).statusCode()).isEqualTo(201);
    ConfigurableApplicationContext zone = closeLater(startZone(global, kdsPort, zoneDb));
    ResourceStore zoneStore = zone.getBean(ResourceStore.class);
    await()
        .atMost(AWAIT)
        .until(() -> copy(zoneStore, ResourceTypes.MESH_TIMEOUT, "slow").isPresent());
    Instant created =
        copy(zoneStore, ResourceTypes.MESH_TIMEOUT, "slow").orElseThrow().creationTime();

    globalDb.stop();

    assertUnavailable(get(global, timeoutPath("slow")));
    assertUnavailable(put(global, timeoutPath("during"), timeout("during")));
    assertReady(global, 503, "database unavailable");
    // a zone reconnecting while global's database is down: global admits it from memory and its
    // complete state is the one it had, so the zone deletes nothing
    KdsClientRunner runner = zone.getBean(ZoneKdsLifecycle.class).runner().orElseThrow();
    int attempts = runner.attempts();
    runner.resync("test: reconnect while global's database is down");
    await()
        .atMost(AWAIT)
        .until(() ->
            runner.attempts() > attempts
                && global.getBean(KdsStreamTracker.class).connectedZones().contains("east"));
    await()
        .during(WATCH)
        .atMost(WATCH.plus(AWAIT))
        .until(() -> copy(zoneStore, ResourceTypes.MESH_TIMEOUT, "slow").isPresent());

    globalDb.start();

    await().atMost(AWAIT).until(() -> ready(global).statusCode() == 200);
    assertThat(get(global, timeoutPath("slow")).statusCode()).isEqualTo(200);
    assertThat(put(global, timeoutPath("after"), timeout("after")).statusCode()).isEqualTo(201);
    await()
        .atMost(AWAIT)
        .until(() -> copy(zoneStore, ResourceTypes.MESH_TIMEOUT, "after").isPresent());
    assertThat(copy(zoneStore, ResourceTypes.MESH_TIMEOUT, "slow").orElseThrow().creationTime())
        .as("the zone's copy was never deleted and re-created")
        .isEqualTo(created);
  }

  @Test
  void zoneDatabaseDown_restAnswers503_proxiesKeepTheirConfig_noDeletesGoUp_thenRecovers()
      throws Exception {
    StoppableDatabase globalDb = closeLater(new StoppableDatabase(dir.resolve("global-pg")));
    StoppableDatabase zoneDb = closeLater(new StoppableDatabase(dir.resolve("zone-pg")));
    int kdsPort = FreePorts.next();
    ConfigurableApplicationContext global = closeLater(startGlobal(kdsPort, globalDb));
    assertThat(put(global, "/meshes/default", "type: Mesh\nname: default\n").statusCode())
        .isEqualTo(201);
    ConfigurableApplicationContext zone = closeLater(startZone(global, kdsPort, zoneDb));
    ResourceStore globalStore = global.getBean(ResourceStore.class);
    await()
        .atMost(AWAIT)
        .until(() -> put(zone, dataplanePath("web-1"), dataplane("web-1")).statusCode() == 201);
    assertThat(put(zone, dataplanePath("web-2"), dataplane("web-2")).statusCode()).isEqualTo(201);
    await()
        .atMost(AWAIT)
        .until(() -> copy(globalStore, ResourceTypes.DATAPLANE, "web-1").isPresent());
    // both tokens now: the zone reads its signing key from the store
    String newcomerToken = token(zone, "web-2");
    DeltaAdsClient proxy = closeLater(openProxy(zone, "web-1", token(zone, "web-1")));
    await().atMost(AWAIT).until(() -> !proxy.held(LDS).isEmpty() && !proxy.held(CDS).isEmpty());
    Set<String> listeners = proxy.held(LDS);
    Set<String> clusters = proxy.held(CDS);

    zoneDb.stop();

    assertUnavailable(get(zone, dataplanePath("web-1")));
    assertUnavailable(put(zone, dataplanePath("web-3"), dataplane("web-3")));
    assertReady(zone, 503, "database unavailable");
    // a new proxy cannot be admitted (its Dataplane cannot be read) and is told to retry
    DeltaAdsClient newcomer = closeLater(openProxy(zone, "web-2", newcomerToken));
    await().atMost(AWAIT).until(() -> newcomer.error.get() != null);
    assertThat(Status.fromThrowable(newcomer.error.get()).getCode())
        .isEqualTo(Status.Code.UNAVAILABLE);
    await()
        .during(WATCH)
        .atMost(WATCH.plus(AWAIT))
        .until(() ->
            proxy.error.get() == null
                && proxy.removals.isEmpty()
                && proxy.held(LDS).containsAll(listeners)
                && proxy.held(CDS).containsAll(clusters)
                && copy(globalStore, ResourceTypes.DATAPLANE, "web-1").isPresent());

    zoneDb.start();

    await().atMost(AWAIT).until(() -> ready(zone).statusCode() == 200);
    assertThat(get(zone, dataplanePath("web-1")).statusCode()).isEqualTo(200);
    assertThat(put(zone, dataplanePath("web-3"), dataplane("web-3")).statusCode()).isEqualTo(201);
    await()
        .atMost(AWAIT)
        .until(() -> copy(globalStore, ResourceTypes.DATAPLANE, "web-3").isPresent());
    assertThat(put(global, timeoutPath("after"), timeout("after")).statusCode()).isEqualTo(201);
    await()
        .atMost(AWAIT)
        .until(() ->
            copy(zone.getBean(ResourceStore.class), ResourceTypes.MESH_TIMEOUT, "after")
                .isPresent());
    assertThat(proxy.removals).as("removals sent to the proxy").isEmpty();
    assertThat(proxy.error.get()).as("the proxy's stream ended").isNull();
    assertThat(copy(globalStore, ResourceTypes.DATAPLANE, "web-1")).isPresent();
  }

  private static void assertUnavailable(HttpResponse<String> answer) {
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(503);
    assertThat(answer.body())
        .contains("Store unavailable")
        .contains("the database cannot be reached; nothing was written, retry later");
  }

  private static void assertReady(ConfigurableApplicationContext cp, int status, String text) {
    HttpResponse<String> answer = ready(cp);
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
    assertThat(answer.body()).contains(text);
  }

  /** A synced copy (on the other side of KDS) found by its display name. */
  private static Optional<Resource> copy(ResourceStore store, ResourceType type, String name) {
    return store.list(ResourceQuery.inMesh(type, "default")).items().stream()
        .filter(r -> name.equals(r.labels().get(WellKnownLabels.DISPLAY_NAME)))
        .findFirst();
  }

  /** A dataplane token for {@code default.<name>}, signed by the zone. */
  private static String token(ConfigurableApplicationContext zone, String name) {
    return zone.getBean(DataplaneTokenIssuer.class)
        .issue(new DataplaneTokenClaims(null, name, "default", Map.of(), null), Duration.ofHours(1))
        .token();
  }

  private static DeltaAdsClient openProxy(
      ConfigurableApplicationContext zone, String name, String token) {
    return new DeltaAdsClient(
        zone.getBean(XdsComponents.class).port(), "default." + name, token, List.of(LDS, CDS));
  }

  private ConfigurableApplicationContext startGlobal(int kdsPort, StoppableDatabase database) {
    return GlobalCpApplication.start(
        Stream.concat(
                Stream.of(
                    "--state-dir",
                    dir.resolve("global").toString(),
                    "--api.http.port=0",
                    "--diagnostics.port=0",
                    "--kds.grpc.port=" + kdsPort,
                    "--kds.tls.enabled=false",
                    "--mesh.defaults.policies=false",
                    "--kds.heartbeat.interval=200ms",
                    "--kds.heartbeat.timeout=3s",
                    "--kds.zone.timeout=2s",
                    "--kds.insight.flush=200ms",
                    "--kds.feed.debounce=10ms",
                    "--store.postgres.poll=200ms"),
                Stream.of(database.cpArguments()))
            .toArray(String[]::new));
  }

  private ConfigurableApplicationContext startZone(
      ConfigurableApplicationContext global, int kdsPort, StoppableDatabase database)
      throws IOException {
    Path token = dir.resolve("zone-token");
    Files.writeString(
        token, global.getBean(ZoneTokenIssuer.class).issue("east", Duration.ofHours(1)).token());
    return ZoneCpApplication.start(
        Stream.concat(
                Stream.of(
                    "--state-dir",
                    dir.resolve("zone").toString(),
                    "--zone.name=east",
                    "--api.http.port=0",
                    "--diagnostics.port=0",
                    "--xds.grpc.port=0",
                    "--zone.global.address=grpc://localhost:" + kdsPort,
                    "--zone.token=" + token,
                    "--zone.kds.backoff=100ms",
                    "--zone.kds.retry=1s",
                    "--zone.kds.heartbeat=500ms",
                    "--tokens.dataplane.check=200ms",
                    // the lease a zone could not release during the outage expires sooner
                    "--zone.leader.lease=3s",
                    "--store.postgres.poll=200ms"),
                Stream.of(database.cpArguments()))
            .toArray(String[]::new));
  }

  private <T extends AutoCloseable> T closeLater(T closeable) {
    toClose.add(closeable);
    return closeable;
  }

  private static String timeoutPath(String name) {
    return "/meshes/default/meshtimeouts/" + name;
  }

  private static String timeout(String name) {
    return """
    type: MeshTimeout
    name: %s
    mesh: default
    spec:
      targetRef: {kind: Mesh}
      to:
      - targetRef: {kind: Mesh}
        default: {connectionTimeout: 3s}
    """
        .formatted(name);
  }

  private static String dataplanePath(String name) {
    return "/meshes/default/dataplanes/" + name;
  }

  private static String dataplane(String name) {
    return """
    type: Dataplane
    name: %s
    mesh: default
    networking:
      address: 10.0.0.1
      inbound:
      - port: 8080
        tags: {kuma.io/service: web}
    """
        .formatted(name);
  }

  private static URI uri(int port, String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  private static int apiPort(ConfigurableApplicationContext context) {
    return ((WebServerApplicationContext) context).getWebServer().getPort();
  }

  private static HttpResponse<String> ready(ConfigurableApplicationContext context) {
    int port =
        Integer.parseInt(context.getEnvironment().getRequiredProperty("local.management.port"));
    return send(HttpRequest.newBuilder(uri(port, "/ready")));
  }

  private static HttpResponse<String> get(ConfigurableApplicationContext context, String path) {
    return send(
        HttpRequest.newBuilder(uri(apiPort(context), path))
            .header("Authorization", AdminBearer.header(context)));
  }

  private static HttpResponse<String> put(
      ConfigurableApplicationContext context, String path, String yaml) {
    return send(
        HttpRequest.newBuilder(uri(apiPort(context), path))
            .header("Authorization", AdminBearer.header(context))
            .header("Content-Type", "application/yaml")
            .PUT(HttpRequest.BodyPublishers.ofString(yaml)));
  }

  private static HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return HTTP.send(
          request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
