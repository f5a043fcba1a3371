package io.meshforge.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.meshforge.local.FreePorts;
import io.meshforge.local.ZoneNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 5 end to end, every piece a separate process: global, zones {@code east} and {@code west},
 * a zone ingress (forge-dp {@code --proxy-type ingress} with a real Envoy) in each, service {@code
 * backend} in both zones (apps answering {@code backend-east} / {@code backend-west}) and a client
 * {@code web-1} in east. Mesh {@code default} has builtin mTLS, so west's instance is reached
 * through west's ingress on the server name, mTLS end to end.
 *
 * <ul>
 *   <li>while east's backend is healthy, at least 99 % of web's requests are served in east;
 *   <li>when east's backend stops taking traffic (its inbound {@code NotReady}) west serves within
 *       5 s with under 1 % errors; back to ready, east serves again;
 *   <li>when east's backend process is killed (its Dataplane still Ready) west serves within 5 s
 *       with under 1 % errors: retries skip the priority already tried and outlier detection ejects
 *       east's endpoint; restarted, east serves again once the ejection ends;
 *   <li>evacuation drill: east disabled on global ({@code Zone.enabled: false}) sends east's own
 *       client to west within 5 s; enabled again, east serves again (ADR 0023);
 *   <li>global SIGKILLed while east's client is served in west: cross-zone traffic through the
 *       ingresses keeps flowing (under 1 % errors) while global is dead and while it restarts.
 * </ul>
 */
@ExtendWith(ChildLogsOnFailure.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CrossZoneE2eTest {
  private static final Duration UP = Duration.ofSeconds(180);
  private static final Duration FAILOVER_BOUND = Duration.ofSeconds(5);
  private static final int REQUESTS = 200;
  private static final Duration SWITCH_WINDOW = Duration.ofSeconds(8);
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private static Deployment deployment;
  private static Workloads workloads;
  private static ZoneNode east;
  private static ZoneNode west;
  private static int webOutbound;
  private static int eastBackendInbound;
  private static int eastBackendApp;
  private static io.meshforge.local.ManagedProcess eastBackendProcess;
  private static Api global;

  @BeforeAll
  static void twoZonesWithIngresses() {
    Workloads.requireEnvoy();
    deployment = Deployment.start("cross-zone", "east", "west");
    east = deployment.zone("east");
    west = deployment.zone("west");
    workloads = new Workloads(deployment.dir().resolve("workloads"));
    global = Api.of(deployment.global());
    assertThat(global.putYaml("/meshes/default", MESH_WITH_MTLS)).isIn(200, 201);
    assertThat(global.putYaml("/meshes/default/meshtrafficpermissions/allow-all", ALLOW_ALL))
        .isIn(200, 201);
    for (ZoneNode zone : new ZoneNode[] {east, west}) {
      await("mesh default with its CA on zone " + zone.name())
          .atMost(UP)
          .pollInterval(Duration.ofMillis(250))
          .until(() -> {
            String secrets = zone.get("/meshes/default/secrets");
            return secrets != null && secrets.contains("ca-builtin");
          });
      workloads.ingress(zone, "ingress-" + zone.name(), FreePorts.next(), FreePorts.next());
    }
    eastBackendApp = FreePorts.next();
    int westBackendApp = FreePorts.next();
    eastBackendInbound = FreePorts.next();
    webOutbound = FreePorts.next();
    eastBackendProcess = workloads.app("backend-east", eastBackendApp);
    workloads.app("backend-west", westBackendApp);
    workloads.app("web", FreePorts.next());
    workloads.sidecar(
        east,
        "backend-east",
        backend("backend-east", eastBackendInbound, eastBackendApp, "Ready"),
        FreePorts.next());
    workloads.sidecar(
        west,
        "backend-west",
        backend("backend-west", FreePorts.next(), westBackendApp, "Ready"),
        FreePorts.next());
    workloads.sidecar(east, "web-1", web(webOutbound), FreePorts.next());
    await("west's ingress offers backend to east")
        .atMost(UP)
        .pollInterval(Duration.ofMillis(250))
        .until(() -> {
          String ingresses = east.get("/zoneingresses");
          if (ingresses == null) {
            return false;
          }
          for (JsonNode ingress : JSON.readTree(ingresses).path("items")) {
            if ("west".equals(ingress.path("zone").asString(""))
                && ingress.path("availableServices").toString().contains("backend")) {
              return true;
            }
          }
          return false;
        });
    await("web-1's outbound reaches backend")
        .atMost(UP)
        .pollInterval(Duration.ofMillis(250))
        .until(() -> Workloads.get(webOutbound, "/").status() == 200);
  }

  @AfterAll
  static void stopEverything() {
    if (workloads != null) {
      workloads.close();
    }
    if (deployment != null) {
      deployment.close();
    }
  }

  @Test
  @Order(1)
  void healthyLocalBackend_servesAtLeast99PercentInTheClientsZone() {
    Map<String, Integer> served = serve(REQUESTS);
    System.out.println("[e2e] cross-zone: healthy: " + served);
    assertThat(served.getOrDefault("backend-east", 0)).isGreaterThanOrEqualTo(REQUESTS * 99 / 100);
  }

  @Test
  @Order(2)
  void localBackendNotReady_westServesWithin5sWithUnder1PercentErrors_andEastAgainWhenReady() {
    assertThat(
            Api.of(east)
                .putYaml(
                    "/meshes/default/dataplanes/backend-east",
                    backend("backend-east", eastBackendInbound, eastBackendApp, "NotReady")))
        .isEqualTo(200);
    long drained = System.nanoTime();
    Duration switched = pollUntil("backend-west", Duration.ofSeconds(30));
    long switchedAt = System.nanoTime();
    System.out.println("[e2e] cross-zone: east drained -> first answer from west: " + switched);
    assertThat(Duration.ofNanos(switchedAt - drained)).isLessThan(FAILOVER_BOUND);
    Map<String, Integer> served = serve(REQUESTS);
    System.out.println("[e2e] cross-zone: east drained: " + served);
    assertThat(served.getOrDefault("backend-west", 0)).isGreaterThanOrEqualTo(REQUESTS * 99 / 100);

    assertThat(
            Api.of(east)
                .putYaml(
                    "/meshes/default/dataplanes/backend-east",
                    backend("backend-east", eastBackendInbound, eastBackendApp, "Ready")))
        .isEqualTo(200);
    Duration back = pollUntil("backend-east", Duration.ofSeconds(30));
    System.out.println("[e2e] cross-zone: east ready again -> first answer from east: " + back);
    assertThat(serve(REQUESTS).getOrDefault("backend-east", 0))
        .isGreaterThanOrEqualTo(REQUESTS * 99 / 100);
  }

  @Test
  @Order(3)
  void localBackendKilled_westServesWithin5sWithUnder1PercentErrors_andEastAgainWhenRestarted() {
    eastBackendProcess.kill(); // the process dies; its Dataplane still says Ready
    Switch killed = watchSwitch("backend-west", SWITCH_WINDOW);
    System.out.println("[e2e] cross-zone: east killed -> " + killed);
    assertThat(killed.firstAnswer()).isLessThan(FAILOVER_BOUND);
    assertThat(killed.errors()).isLessThan(Math.max(1, killed.requests() / 100));

    eastBackendProcess = workloads.app("backend-east", eastBackendApp);
    // The client's outlier detection ejected east's endpoint for baseEjectionTime (30 s), checked
    // every 5 s: east is used again once the ejection ends.
    Duration back = pollUntil("backend-east", Duration.ofSeconds(60));
    System.out.println("[e2e] cross-zone: east restarted -> first answer from east: " + back);
    assertThat(serve(REQUESTS).getOrDefault("backend-east", 0))
        .isGreaterThanOrEqualTo(REQUESTS * 99 / 100);
  }

  @Test
  @Order(4)
  void zoneDisabledOnGlobal_eastsOwnClientIsServedByWestWithin5s_andEastAgainWhenEnabled() {
    assertThat(east.get(TRAFFIC)).as("the drill is watched from now on").isNotNull();
    await("a first traffic sample of web-1")
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> {
          serve(5);
          return !servedBy(east.get(TRAFFIC)).isEmpty();
        });
    assertThat(global.putYaml("/zones/east", zone("east", false))).isIn(200, 201);
    Switch evacuated = watchSwitch("backend-west", SWITCH_WINDOW);
    System.out.println("[e2e] cross-zone: east disabled on global -> " + evacuated);
    assertThat(evacuated.firstAnswer()).isLessThan(FAILOVER_BOUND);
    assertThat(evacuated.errors()).isLessThan(Math.max(1, evacuated.requests() / 100));
    assertThat(serve(REQUESTS).getOrDefault("backend-west", 0))
        .isGreaterThanOrEqualTo(REQUESTS * 99 / 100);

    assertThat(global.putYaml("/zones/east", zone("east", true))).isIn(200, 201);
    Switch restored = watchSwitch("backend-east", SWITCH_WINDOW);
    System.out.println("[e2e] cross-zone: east enabled again -> " + restored);
    assertThat(restored.firstAnswer()).isLessThan(FAILOVER_BOUND);
    assertThat(serve(REQUESTS).getOrDefault("backend-east", 0))
        .isGreaterThanOrEqualTo(REQUESTS * 99 / 100);

    // The drill data (the zone CP's samples of web-1's Envoy) shows both switches.
    await("the drill data shows east, then west, then east again")
        .atMost(Duration.ofSeconds(5))
        .pollInterval(Duration.ofMillis(250))
        .untilAsserted(() -> {
          List<String> series = servedBy(east.get(TRAFFIC));
          System.out.println("[e2e] cross-zone: drill samples (zone serving backend): " + series);
          String joined = String.join(",", series);
          assertThat(joined).matches("(.*,)?east(,east)*,(.*,)?west(,west)*,(.*,)?east(,.*)?");
        });
  }

  /**
   * Global is SIGKILLed while east's client is served in west (east's backend drained, so every
   * request crosses through west's ingress): for {@link #GLOBAL_DOWN} with global dead, and on
   * through global's restart until both zones are Online again and {@link #GLOBAL_DOWN} after,
   * under 1 % of requests fail and at least 99 % are answered by west. The xDS path (zone CP →
   * Envoy, ingress → ingress) does not involve global; the zones keep the ingress copies they had.
   */
  @Test
  @Order(5)
  void globalKilled_crossZoneTrafficThroughTheIngressesKeepsFlowing_andAfterGlobalRestarts() {
    assertThat(
            Api.of(east)
                .putYaml(
                    "/meshes/default/dataplanes/backend-east",
                    backend("backend-east", eastBackendInbound, eastBackendApp, "NotReady")))
        .isEqualTo(200);
    pollUntil("backend-west", Duration.ofSeconds(30));
    try (TrafficLoop traffic = TrafficLoop.start(webOutbound, Duration.ofMinutes(6))) {
      long killed = System.nanoTime();
      deployment.global().kill();
      assertThat(deployment.global().isAlive()).isFalse();
      awaitRequestsFor(traffic, killed);
      long restarting = System.nanoTime();
      TrafficLoop.Seen down = traffic.between(killed, restarting);
      System.out.println("[e2e] cross-zone: global dead: " + down);

      deployment.global().start(Deployment.START);
      deployment.awaitOnline("east", "west");
      long online = System.nanoTime();
      awaitRequestsFor(traffic, online);
      TrafficLoop.Seen back = traffic.between(restarting, System.nanoTime());
      System.out.println("[e2e] cross-zone: global restarting and back online: " + back);

      for (TrafficLoop.Seen phase : List.of(down, back)) {
        assertThat(phase.errors()).isLessThan(Math.max(1, phase.requests() / 100));
        assertThat(phase.servedBy("backend-west"))
            .isGreaterThanOrEqualTo(phase.requests() * 99 / 100);
      }
    } finally {
      if (!deployment.global().isAlive()) {
        deployment.global().start(Deployment.START);
      }
      assertThat(
              Api.of(east)
                  .putYaml(
                      "/meshes/default/dataplanes/backend-east",
                      backend("backend-east", eastBackendInbound, eastBackendApp, "Ready")))
          .isEqualTo(200);
    }
    pollUntil("backend-east", Duration.ofSeconds(30));
  }

  private static final Duration GLOBAL_DOWN = Duration.ofSeconds(5);

  /** Waits (bounded) until the loop has been sending for {@link #GLOBAL_DOWN} since {@code t0}. */
  private static void awaitRequestsFor(TrafficLoop traffic, long t0) {
    await("traffic for " + GLOBAL_DOWN)
        .atMost(GLOBAL_DOWN.plusSeconds(10))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> {
          assertThat(traffic.isRunning()).as("the traffic loop is running").isTrue();
          return System.nanoTime() - t0 >= GLOBAL_DOWN.toNanos() && traffic.requestsSince(t0) > 0;
        });
  }

  /** What a client saw while traffic moved: when the target first answered, and every error. */
  private record Switch(
      Duration firstAnswer, int requests, int errors, Map<String, Integer> seen) {}

  /**
   * Sends requests back to back for {@code window} (honest counting: every non-200, refused or
   * timed-out request is an error) and records when {@code target} first answered.
   */
  private static Switch watchSwitch(String target, Duration window) {
    long start = System.nanoTime();
    long end = start + window.toNanos();
    Duration first = null;
    int requests = 0;
    int errors = 0;
    Map<String, Integer> seen = new TreeMap<>();
    while (System.nanoTime() < end) {
      Workloads.Answer answer = Workloads.get(webOutbound, "/");
      requests++;
      String key = answer.status() == 200 ? answer.body().strip() : "error " + answer.status();
      seen.merge(key, 1, Integer::sum);
      if (answer.status() != 200) {
        errors++;
      } else if (first == null && key.equals(target)) {
        first = Duration.ofNanos(System.nanoTime() - start);
      }
    }
    if (first == null) {
      throw new AssertionError("no answer from " + target + " within " + window + ": " + seen);
    }
    return new Switch(first, requests, errors, seen);
  }

  private static final String TRAFFIC = "/meshes/default/dataplanes/web-1/traffic";

  /**
   * Reads the traffic samples: per sample interval with requests to backend, the zone that served
   * most of them (intervals without requests are left out).
   */
  private static List<String> servedBy(String traffic) {
    List<String> series = new java.util.ArrayList<>();
    if (traffic == null) {
      return series;
    }
    for (JsonNode sample : JSON.readTree(traffic).path("samples")) {
      String top = null;
      long most = 0;
      for (var zone : sample.path("clusters").path("backend").properties()) {
        long served = zone.getValue().path("served").asLong(0);
        if (served > most) {
          most = served;
          top = zone.getKey();
        }
      }
      if (top != null) {
        series.add(top);
      }
    }
    return series;
  }

  private static String zone(String name, boolean enabled) {
    return "type: Zone\nname: " + name + "\nenabled: " + enabled + "\n";
  }

  /** Sends {@code count} requests through web's outbound; counts answers by body (errors too). */
  private static Map<String, Integer> serve(int count) {
    Map<String, Integer> served = new TreeMap<>();
    for (int i = 0; i < count; i++) {
      Workloads.Answer answer = Workloads.get(webOutbound, "/");
      String key = answer.status() == 200 ? answer.body().strip() : "error " + answer.status();
      served.merge(key, 1, Integer::sum);
    }
    return served;
  }

  /** Polls web's outbound every 20 ms until {@code body} answers; returns how long it took. */
  private static Duration pollUntil(String body, Duration bound) {
    long start = System.nanoTime();
    long deadline = start + bound.toNanos();
    String last = "";
    while (System.nanoTime() < deadline) {
      Workloads.Answer answer = Workloads.get(webOutbound, "/");
      last = answer.status() + " " + answer.body().strip();
      if (answer.status() == 200 && answer.body().strip().equals(body)) {
        return Duration.ofNanos(System.nanoTime() - start);
      }
      LockSupport.parkNanos(Duration.ofMillis(20).toNanos()); // the polling cadence
    }
    throw new AssertionError(
        "no answer from " + body + " within " + bound + " (last " + last + ")");
  }

  static String backend(String name, int inbound, int app, String state) {
    return String.join(
        "\n",
        "type: Dataplane",
        "mesh: default",
        "name: " + name,
        "networking:",
        "  address: 127.0.0.1",
        "  inbound:",
        "  - port: " + inbound,
        "    servicePort: " + app,
        "    state: " + state,
        "    tags: {kuma.io/service: backend, kuma.io/protocol: http}",
        "");
  }

  static String web(int outbound) {
    return web("web-1", outbound);
  }

  /** A client Dataplane {@code name} of service web with one outbound to backend. */
  static String web(String name, int outbound) {
    return String.join(
        "\n",
        "type: Dataplane",
        "mesh: default",
        "name: " + name,
        "networking:",
        "  address: 127.0.0.1",
        "  inbound:",
        "  - port: " + FreePorts.next(),
        "    servicePort: " + FreePorts.next(),
        "    tags: {kuma.io/service: web, kuma.io/protocol: http}",
        "  outbound:",
        "  - port: " + outbound,
        "    tags: {kuma.io/service: backend}",
        "");
  }

  static final String MESH_WITH_MTLS =
      String.join(
          "\n",
          "type: Mesh",
          "name: default",
          "mtls:",
          "  enabledBackend: ca-1",
          "  backends:",
          "  - name: ca-1",
          "    type: builtin",
          "");

  static final String ALLOW_ALL =
      String.join(
          "\n",
          "type: MeshTrafficPermission",
          "mesh: default",
          "name: allow-all",
          "spec:",
          "  targetRef: {kind: Mesh}",
          "  from:",
          "  - targetRef: {kind: Mesh}",
          "    default: {action: Allow}",
          "");
}
