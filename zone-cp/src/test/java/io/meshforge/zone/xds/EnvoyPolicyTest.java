package io.meshforge.zone.xds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.meshforge.local.FreePorts;
import io.meshforge.model.store.DebounceSettings;
import io.meshforge.model.store.InMemoryResourceStore;
import io.meshforge.zone.Resources;
import io.meshforge.zone.xds.generator.InboundSecurity;
import io.meshforge.zone.xds.generator.OutboundSecurity;
import io.meshforge.zone.xds.generator.SidecarGenerator;
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
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * One real Envoy (proxy A) configured by the zone's xDS server, with one policy of each kind
 * (MeshTimeout to[] and from[], MeshRetry, MeshCircuitBreaker, MeshHealthCheck) applied while it
 * runs: Envoy accepts every update (no rejected CDS/LDS/RDS update), its {@code /config_dump} shows
 * each setting, and the settings act: the health check polls the destination's {@code /health}, and
 * a failing request is retried as many times as MeshRetry says. A's outbound to service b reaches
 * b's application directly (b's inbound port is the application's), so no second Envoy is needed.
 */
class EnvoyPolicyTest {

  private static final Duration DEADLINE = Duration.ofSeconds(60);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final InMemoryResourceStore store = new InMemoryResourceStore();
  private static final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private static final AtomicInteger healthChecks = new AtomicInteger();
  private static final AtomicInteger flakyCalls = new AtomicInteger();

  private static Path dir;
  private static XdsComponents xds;
  private static HttpServer appB;
  private static EnvoyProcess envoyA;
  private static int httpOutbound;
  private static int tcpOutbound;
  private static int adminA;
  private static int inboundA;

  @BeforeAll
  static void start() throws Exception {
    dir = Files.createTempDirectory("envoy-policies");
    appB = appB();
    httpOutbound = FreePorts.next();
    tcpOutbound = FreePorts.next();
    adminA = FreePorts.next();
    inboundA = FreePorts.next();
    store.create(Resources.mesh("default"));
    store.create(dataplaneA());
    store.create(service("b", appB.getAddress().getPort(), "http"));
    store.create(service("c", FreePorts.next(), "tcp"));
    xds =
        XdsComponents.start(
            new XdsComponents.Settings(
                "127.0.0.1", 0, new DebounceSettings(Duration.ofMillis(5), Duration.ofMillis(50))),
            store.view(),
            SidecarGenerator.standard(InboundSecurity.NONE, OutboundSecurity.NONE),
            new OpenAuthenticator(),
            XdsMetrics.standalone());
    xds.startReconciler();
    envoyA = EnvoyProcess.start(dir, "default.a", adminA, xds.port());
  }

  @AfterAll
  static void stop() throws Exception {
    if (envoyA != null) {
      envoyA.close();
    }
    if (xds != null) {
      xds.close();
    }
    appB.stop(0);
  }

  @Test
  void policies_appliedToARunningEnvoy_areAcceptedShownAndActedOn() throws Exception {
    await()
        .atMost(DEADLINE)
        .pollInterval(Duration.ofMillis(200))
        .failFast("Envoy exited; its log is under " + dir, () -> !envoyA.alive())
        .untilAsserted(() -> assertThat(get("/hello")).isEqualTo("200 app-b"));

    for (String policy : POLICIES) {
      store.create(Resources.yaml(policy));
    }

    await()
        .atMost(DEADLINE)
        .pollInterval(Duration.ofMillis(300))
        .failFast("Envoy exited; its log is under " + dir, () -> !envoyA.alive())
        .untilAsserted(() -> {
          JsonNode dump = configDump();
          JsonNode cluster = dynamic(dump, "dynamic_active_clusters", "cluster", "b");
          assertThat(cluster.path("connect_timeout").asString()).isEqualTo("2s");
          assertThat(
                  cluster
                      .path("health_checks")
                      .path(0)
                      .path("http_health_check")
                      .path("path")
                      .asString())
              .as("cluster b: %s", cluster)
              .isEqualTo("/health");
          assertThat(
                  cluster
                      .path("circuit_breakers")
                      .path("thresholds")
                      .path(0)
                      .path("max_connections")
                      .asInt())
              .isEqualTo(100);
          assertThat(cluster.path("outlier_detection").path("max_ejection_percent").asInt())
              .isEqualTo(100);
          JsonNode route =
              dynamic(dump, "dynamic_route_configs", "route_config", "outbound:b")
                  .path("virtual_hosts")
                  .path(0)
                  .path("routes")
                  .path(0)
                  .path("route");
          assertThat(route.path("timeout").asString()).isEqualTo("3s");
          assertThat(route.path("retry_policy").path("num_retries").asInt()).isEqualTo(2);
          JsonNode tcpListener =
              dynamic(
                  dump, "dynamic_listeners", "active_state", "outbound:127.0.0.1:" + tcpOutbound);
          assertThat(
                  tcpListener
                      .path("listener")
                      .path("filter_chains")
                      .path(0)
                      .path("filters")
                      .path(0)
                      .path("typed_config")
                      .path("max_connect_attempts")
                      .asInt())
              .isEqualTo(3);
          JsonNode tcpCheck =
              dynamic(dump, "dynamic_active_clusters", "cluster", "c")
                  .path("health_checks")
                  .path(0)
                  .path("tcp_health_check");
          assertThat(tcpCheck.path("send").path("binary").asString()).isEqualTo("cGluZw==");
          JsonNode inboundRoute =
              dynamic(dump, "dynamic_listeners", "active_state", "inbound:127.0.0.1:" + inboundA)
                  .path("listener")
                  .path("filter_chains")
                  .path(0)
                  .path("filters")
                  .path(0)
                  .path("typed_config")
                  .path("route_config")
                  .path("virtual_hosts")
                  .path(0)
                  .path("routes")
                  .path(0)
                  .path("route");
          assertThat(inboundRoute.path("timeout").asString()).isEqualTo("7s");
        });

    assertThat(rejectedUpdates()).as("Envoy rejected (NACKed) no update").isZero();
    // The active health check polls b's /health (interval 1s).
    await()
        .atMost(DEADLINE)
        .pollInterval(Duration.ofMillis(200))
        .until(() -> healthChecks.get() > 0);
    // One request that always fails reaches the application 1 + numRetries times.
    int before = flakyCalls.get();
    assertThat(get("/flaky")).startsWith("503");
    assertThat(flakyCalls.get() - before).isEqualTo(3);
  }

  private static final String[] POLICIES = {
    """
    type: MeshTimeout
    mesh: default
    name: b-timeouts
    spec:
      targetRef: {kind: Mesh}
      to:
      - targetRef: {kind: MeshService, name: b}
        default: {connectionTimeout: 2s, http: {requestTimeout: 3s}}
      from:
      - targetRef: {kind: Mesh}
        default: {http: {requestTimeout: 7s}}
    """,
    """
    type: MeshRetry
    mesh: default
    name: retries
    spec:
      targetRef: {kind: Mesh}
      to:
      - targetRef: {kind: Mesh}
        default:
          tcp: {maxConnectAttempt: 3}
          http: {numRetries: 2, retryOn: ["503"], backOff: {baseInterval: 10ms, maxInterval: 20ms}}
    """,
    """
    type: MeshCircuitBreaker
    mesh: default
    name: b-limits
    spec:
      targetRef: {kind: Mesh}
      to:
      - targetRef: {kind: MeshService, name: b}
        default: {connectionLimits: {maxConnections: 100}}
    """,
    """
    type: MeshHealthCheck
    mesh: default
    name: b-health
    spec:
      targetRef: {kind: Mesh}
      to:
      - targetRef: {kind: Mesh}
        default:
          interval: 1s
          timeout: 1s
          unhealthyThreshold: 3
          healthyThreshold: 1
          tcp: {send: cGluZw==, receive: [cG9uZw==]}
      - targetRef: {kind: MeshService, name: b}
        default:
          http: {path: /health}
    """
  };

  /** The resource named {@code name} in one dynamic section of the config dump. */
  private static JsonNode dynamic(JsonNode dump, String section, String field, String name) {
    for (JsonNode config : dump.path("configs")) {
      for (JsonNode item : config.path(section)) {
        JsonNode resource = item.path(field);
        String itemName =
            resource.has("name")
                ? resource.path("name").asString()
                : resource.path("listener").path("name").asString();
        if (itemName.equals(name)) {
          return resource;
        }
      }
    }
    throw new AssertionError(section + " has no " + name + " (yet)");
  }

  private static JsonNode configDump() throws Exception {
    return JSON.readTree(admin("/config_dump"));
  }

  /** The sum of Envoy's {@code *.update_rejected} counters (CDS, LDS, RDS). */
  private static long rejectedUpdates() throws Exception {
    long sum = 0;
    for (String line : admin("/stats?filter=update_rejected").split("\n")) {
      int colon = line.lastIndexOf(": ");
      if (colon > 0) {
        sum += Long.parseLong(line.substring(colon + 2).trim());
      }
    }
    return sum;
  }

  private static String admin(String path) throws Exception {
    return http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminA + path))
                .timeout(Duration.ofSeconds(5))
                .build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  /** Returns {@code "<status> <body>"}, or {@code "failed: <error>"} when no answer came. */
  private static String get(String path) throws InterruptedException {
    try {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpOutbound + path))
                  .timeout(Duration.ofSeconds(5))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      return response.statusCode() + " " + response.body();
    } catch (IOException e) {
      return "failed: " + e;
    }
  }

  private static HttpServer appB() throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> respond(exchange, 200, "app-b"));
    server.createContext(
        "/health",
        exchange -> {
          healthChecks.incrementAndGet();
          respond(exchange, 200, "ok");
        });
    server.createContext(
        "/flaky",
        exchange -> {
          flakyCalls.incrementAndGet();
          respond(exchange, 503, "down");
        });
    server.start();
    return server;
  }

  private static void respond(com.sun.net.httpserver.HttpExchange exchange, int status, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  private static io.meshforge.model.Resource dataplaneA() throws IOException {
    return Resources.yaml(
        """
        type: Dataplane
        mesh: default
        name: a
        networking:
          address: 127.0.0.1
          admin: {port: %d}
          inbound:
          - port: %d
            servicePort: %d
            tags: {kuma.io/service: a, kuma.io/protocol: http}
          outbound:
          - port: %d
            tags: {kuma.io/service: b}
          - port: %d
            tags: {kuma.io/service: c}
        """
            .formatted(adminA, inboundA, FreePorts.next(), httpOutbound, tcpOutbound));
  }

  /** A Dataplane whose inbound is the application itself (no Envoy in front of it). */
  private static io.meshforge.model.Resource service(String name, int port, String protocol) {
    return Resources.yaml(
        """
        type: Dataplane
        mesh: default
        name: %s
        networking:
          address: 127.0.0.1
          inbound:
          - port: %d
            tags: {kuma.io/service: %s, kuma.io/protocol: %s}
        """
            .formatted(name, port, name, protocol));
  }
}
