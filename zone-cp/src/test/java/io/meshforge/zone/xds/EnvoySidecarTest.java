package io.meshforge.zone.xds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.meshforge.local.FreePorts;
import io.meshforge.model.Resource;
import io.meshforge.model.ResourceKey;
import io.meshforge.model.ResourceTypes;
import io.meshforge.model.store.DebounceSettings;
import io.meshforge.model.store.InMemoryResourceStore;
import io.meshforge.zone.Resources;
import io.meshforge.zone.xds.generator.InboundSecurity;
import io.meshforge.zone.xds.generator.OutboundSecurity;
import io.meshforge.zone.xds.generator.SidecarGenerator;
import io.meshforge.zone.xds.insight.DataplaneInsightRecorder;
import io.meshforge.zone.xds.server.OpenAuthenticator;
import io.meshforge.zone.xds.server.XdsMetrics;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Two real Envoys configured by the zone's xDS server: app A calls B through A's outbound listener,
 * B's inbound listener and B's app. Removing B's Dataplane empties A's endpoints for B.
 */
class EnvoySidecarTest {

  private static final Duration DEADLINE = Duration.ofSeconds(60);
  private static final InMemoryResourceStore store = new InMemoryResourceStore();
  private static final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private static Path dir;
  private static XdsComponents xds;
  private static final DataplaneInsightRecorder insights =
      new DataplaneInsightRecorder(store, "cp-1", Clock.systemUTC());
  private static HttpServer appA;
  private static HttpServer appB;
  private static EnvoyProcess envoyA;
  private static EnvoyProcess envoyB;
  private static int outboundPort;
  private static int inboundB;
  private static int adminB;

  @BeforeAll
  static void start() throws Exception {
    dir = Files.createTempDirectory("envoy-sidecar");
    appA = app("app-a");
    appB = app("app-b");
    int inboundA = FreePorts.next();
    inboundB = FreePorts.next();
    outboundPort = FreePorts.next();
    int adminA = FreePorts.next();
    adminB = FreePorts.next();
    store.create(Resources.mesh("default"));
    store.create(
        dataplane("a", inboundA, appA.getAddress().getPort(), adminA, "Ready", outboundPort));
    store.create(dataplaneB("Ready"));
    xds =
        XdsComponents.start(
            new XdsComponents.Settings(
                "127.0.0.1", 0, new DebounceSettings(Duration.ofMillis(5), Duration.ofMillis(50))),
            store.view(),
            SidecarGenerator.standard(InboundSecurity.NONE, OutboundSecurity.NONE),
            new OpenAuthenticator(),
            XdsMetrics.standalone(),
            insights);
    xds.startReconciler();
    envoyA = EnvoyProcess.start(dir, "default.a", adminA, xds.port());
    envoyB = EnvoyProcess.start(dir, "default.b", adminB, xds.port());
  }

  @AfterAll
  static void stop() throws Exception {
    for (EnvoyProcess envoy : new EnvoyProcess[] {envoyA, envoyB}) {
      if (envoy != null) {
        envoy.close();
      }
    }
    if (xds != null) {
      xds.close();
    }
    insights.close();
    appA.stop(0);
    appB.stop(0);
  }

  @Test
  void request_toAsOutbound_reachesBsAppUntilBIsNotReadyOrRemoved() throws Exception {
    await()
        .atMost(DEADLINE)
        .pollInterval(Duration.ofMillis(200))
        .failFast(
            "an Envoy exited; its log is under " + dir, () -> !envoyA.alive() || !envoyB.alive())
        .untilAsserted(() -> assertThat(get()).isEqualTo("200 app-b"));

    Resource b = store.get(dataplaneB("Ready").key()).orElseThrow();
    store.update(dataplaneB("NotReady").withVersion(b.version()));
    // B's only endpoint is not ready: A's cluster for B is empty, Envoy answers 503.
    await()
        .atMost(DEADLINE)
        .pollInterval(Duration.ofMillis(200))
        .untilAsserted(() -> assertThat(get()).startsWith("503"));

    store.delete(b.key());
    await()
        .atMost(DEADLINE)
        .pollInterval(Duration.ofMillis(200))
        .untilAsserted(() -> assertThat(get()).doesNotStartWith("200"));
  }

  @Test
  void insight_ofARealEnvoy_recordsItsVersionAndBuildLine() {
    ResourceKey insight = ResourceKey.inMesh(ResourceTypes.DATAPLANE_INSIGHT, "default", "a");

    await()
        .atMost(DEADLINE)
        .until(() -> store.get(insight).map(r -> r.spec().has("subscriptions")).orElse(false));

    JsonNode envoy = store.get(insight).orElseThrow().spec().at("/subscriptions/0/version/envoy");
    String version = envoy.path("version").asString("");
    assertThat(version).matches("\\d+\\.\\d+\\.\\d+");
    // Envoy's own version line: revision/version/status/build type/ssl
    assertThat(envoy.path("build").asString(""))
        .matches("[0-9a-f]{40}/" + java.util.regex.Pattern.quote(version) + "/\\w+/\\w+/.+");
  }

  /** Returns {@code "<status> <body>"}, or {@code "failed: <error>"} when no answer came. */
  private static String get() throws InterruptedException {
    try {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + outboundPort + "/hello"))
                  .timeout(Duration.ofSeconds(2))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      return response.statusCode() + " " + response.body();
    } catch (IOException e) {
      return "failed: " + e;
    }
  }

  private static HttpServer app(String name) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          byte[] body = name.getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
    return server;
  }

  private static Resource dataplaneB(String state) {
    return dataplane("b", inboundB, appB.getAddress().getPort(), adminB, state, 0);
  }

  private static Resource dataplane(
      String name, int inbound, int app, int admin, String state, int outbound) {
    String outbounds =
        outbound == 0
            ? ""
            : """
              outbound:
              - port: %d
                tags: {kuma.io/service: b}
            """
                .formatted(outbound);
    return Resources.yaml(
        """
        type: Dataplane
        mesh: default
        name: %s
        networking:
          address: 127.0.0.1
          admin: {port: %d}
          inbound:
          - port: %d
            servicePort: %d
            state: %s
            tags: {kuma.io/service: %s, kuma.io/protocol: http}
        %s\
        """
            .formatted(name, admin, inbound, app, state, name, outbounds));
  }
}
