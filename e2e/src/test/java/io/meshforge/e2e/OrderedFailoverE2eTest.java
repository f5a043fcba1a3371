package io.meshforge.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.meshforge.local.FreePorts;
import io.meshforge.local.ManagedProcess;
import io.meshforge.local.ZoneNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
 * Issue 5, ordered cross-zone failover end to end: global and zones {@code east}, {@code west} and
 * {@code north} as separate processes, an ingress (real Envoy) and a {@code backend} in each, a
 * client in east, and a MeshLoadBalancingStrategy on global whose {@code crossZone.failover} rules
 * say north first, then west. Draining east's backend sends traffic to north (not west, although
 * both are healthy); draining north's too sends it to west; east ready again takes it back.
 *
 * <p>A client {@code web-north} in north checks that a zone whose ingress is down still serves its
 * own clients: killing north's ingress (agent and Envoy, SIGKILL) while east's client crosses to
 * north sends that traffic to west, the next zone of the rule.
 */
@ExtendWith(ChildLogsOnFailure.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OrderedFailoverE2eTest {
  private static final Duration UP = Duration.ofSeconds(180);
  private static final Duration SWITCH_BOUND = Duration.ofSeconds(30);
  private static final Duration FAILOVER_BOUND = Duration.ofSeconds(5);
  private static final Duration SWITCH_WINDOW = Duration.ofSeconds(5);
  private static final int REQUESTS = 100;
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final List<String> ZONES = List.of("east", "west", "north");

  private static Deployment deployment;
  private static Workloads workloads;
  private static int webOutbound;
  private static final Map<String, int[]> BACKENDS = new TreeMap<>(); // zone -> {inbound, app}
  private static final Map<String, Ingress> INGRESSES = new TreeMap<>();
  private static int northWebOutbound;

  /** A zone's ingress agent and the port it listens and is advertised on. */
  private record Ingress(ManagedProcess agent, int port) {}

  @BeforeAll
  static void threeZonesWithIngresses() {
    Workloads.requireEnvoy();
    deployment = Deployment.start("ordered-failover", ZONES.toArray(String[]::new));
    workloads = new Workloads(deployment.dir().resolve("workloads"));
    Api global = Api.of(deployment.global());
    assertThat(global.putYaml("/meshes/default", CrossZoneE2eTest.MESH_WITH_MTLS)).isIn(200, 201);
    assertThat(
            global.putYaml(
                "/meshes/default/meshtrafficpermissions/allow-all", CrossZoneE2eTest.ALLOW_ALL))
        .isIn(200, 201);
    assertThat(
            global.putYaml(
                "/meshes/default/meshloadbalancingstrategies/north-then-west", NORTH_THEN_WEST))
        .isIn(200, 201);
    for (String name : ZONES) {
      ZoneNode zone = deployment.zone(name);
      await("mesh default with its CA on zone " + name)
          .atMost(UP)
          .pollInterval(Duration.ofMillis(250))
          .until(() -> {
            String secrets = zone.get("/meshes/default/secrets");
            return secrets != null && secrets.contains("ca-builtin");
          });
      int ingressPort = FreePorts.next();
      INGRESSES.put(
          name,
          new Ingress(
              workloads.ingress(zone, "ingress-" + name, ingressPort, FreePorts.next()),
              ingressPort));
      int app = FreePorts.next();
      int inbound = FreePorts.next();
      BACKENDS.put(name, new int[] {inbound, app});
      workloads.app("backend-" + name, app);
      workloads.sidecar(
          zone,
          "backend-" + name,
          CrossZoneE2eTest.backend("backend-" + name, inbound, app, "Ready"),
          FreePorts.next());
    }
    webOutbound = FreePorts.next();
    workloads.app("web", FreePorts.next());
    ZoneNode east = deployment.zone("east");
    workloads.sidecar(east, "web-1", CrossZoneE2eTest.web(webOutbound), FreePorts.next());
    northWebOutbound = FreePorts.next();
    workloads.sidecar(
        deployment.zone("north"),
        "web-north",
        CrossZoneE2eTest.web("web-north", northWebOutbound),
        FreePorts.next());
    await("west's and north's ingresses offer backend to east")
        .atMost(UP)
        .pollInterval(Duration.ofMillis(250))
        .until(() -> offering(east).containsAll(List.of("west", "north")));
    await("web-1's outbound reaches backend")
        .atMost(UP)
        .pollInterval(Duration.ofMillis(250))
        .until(() -> Workloads.get(webOutbound, "/").status() == 200);
    await("web-north's outbound reaches backend")
        .atMost(UP)
        .pollInterval(Duration.ofMillis(250))
        .until(() -> Workloads.get(northWebOutbound, "/").status() == 200);
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
  void drainingZones_trafficFollowsTheFailoverRuleOrder() {
    assertThat(serve().getOrDefault("backend-east", 0)).isGreaterThanOrEqualTo(REQUESTS * 99 / 100);

    setState("east", "NotReady");
    awaitServedBy("backend-north");
    Map<String, Integer> eastDrained = serve();
    System.out.println("[e2e] ordered: east drained: " + eastDrained);
    assertThat(eastDrained.getOrDefault("backend-north", 0))
        .as("north is the first rule, west the second")
        .isGreaterThanOrEqualTo(REQUESTS * 99 / 100);

    setState("north", "NotReady");
    awaitServedBy("backend-west");
    Map<String, Integer> northDrained = serve();
    System.out.println("[e2e] ordered: east and north drained: " + northDrained);
    assertThat(northDrained.getOrDefault("backend-west", 0))
        .isGreaterThanOrEqualTo(REQUESTS * 99 / 100);

    setState("east", "Ready");
    awaitServedBy("backend-east");
    assertThat(serve().getOrDefault("backend-east", 0)).isGreaterThanOrEqualTo(REQUESTS * 99 / 100);
  }

  /**
   * North's ingress is killed while east's client is served in north (east drained): that traffic
   * fails over to west, the next zone of the rule; north's own client and east's (once east is
   * ready) are still served locally while north's ingress is down; with the ingress back (same name
   * and port), east's client is served in north again once east is drained.
   */
  @Test
  @Order(2)
  void ingressKilled_crossingTrafficFailsOverToTheNextZone_localTrafficUnaffected() {
    setState("north", "Ready");
    setState("west", "Ready");
    setState("east", "NotReady");
    awaitServedBy("backend-north");

    Ingress north = INGRESSES.get("north");
    try (TrafficLoop traffic = TrafficLoop.start(webOutbound, Duration.ofMinutes(2))) {
      long killed = System.nanoTime();
      Workloads.crash(north.agent());
      await("west answers east's client")
          .atMost(SWITCH_BOUND)
          .pollInterval(Duration.ofMillis(100))
          .until(() -> traffic.firstAnswer("backend-west", killed) != null);
      Duration first = traffic.firstAnswer("backend-west", killed);
      long switched = System.nanoTime();
      await("a window of traffic after the switch")
          .atMost(SWITCH_WINDOW.plusSeconds(10))
          .pollInterval(Duration.ofMillis(100))
          .until(() -> System.nanoTime() - switched >= SWITCH_WINDOW.toNanos());
      TrafficLoop.Seen during = traffic.between(killed, switched);
      TrafficLoop.Seen after = traffic.between(switched, System.nanoTime());
      System.out.println(
          "[e2e] ordered: north's ingress killed -> west first answered after "
              + first
              + "; until then "
              + during
              + "; then "
              + after);
      assertThat(first).isLessThan(FAILOVER_BOUND);
      assertThat(during.errors() + after.errors())
          .isLessThan(Math.max(1, (during.requests() + after.requests()) / 100));
      assertThat(after.servedBy("backend-west"))
          .isGreaterThanOrEqualTo(after.requests() * 99 / 100);
    }

    Map<String, Integer> northLocal = serve(northWebOutbound);
    System.out.println("[e2e] ordered: north's own client, its ingress down: " + northLocal);
    assertThat(northLocal.getOrDefault("backend-north", 0)).isEqualTo(REQUESTS);
    setState("east", "Ready");
    awaitServedBy("backend-east");
    Map<String, Integer> eastLocal = serve(webOutbound);
    System.out.println("[e2e] ordered: east's own client, north's ingress down: " + eastLocal);
    assertThat(eastLocal.getOrDefault("backend-east", 0)).isEqualTo(REQUESTS);

    INGRESSES.put(
        "north",
        new Ingress(
            workloads.ingress(
                deployment.zone("north"), "ingress-north", north.port(), FreePorts.next()),
            north.port()));
    setState("east", "NotReady");
    // east's client ejected north's ingress (outlier detection, 30 s base ejection, checked every
    // 5 s): north is used again once the ejection ends
    await("answers from backend-north through its restarted ingress")
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> {
          Workloads.Answer answer = Workloads.get(webOutbound, "/");
          return answer.status() == 200 && answer.body().strip().equals("backend-north");
        });
    setState("east", "Ready");
    awaitServedBy("backend-east");
  }

  private static void setState(String zone, String state) {
    int[] ports = BACKENDS.get(zone);
    assertThat(
            Api.of(deployment.zone(zone))
                .putYaml(
                    "/meshes/default/dataplanes/backend-" + zone,
                    CrossZoneE2eTest.backend("backend-" + zone, ports[0], ports[1], state)))
        .isEqualTo(200);
  }

  private static void awaitServedBy(String body) {
    await("answers from " + body)
        .atMost(SWITCH_BOUND)
        .pollInterval(Duration.ofMillis(50))
        .until(() -> {
          Workloads.Answer answer = Workloads.get(webOutbound, "/");
          return answer.status() == 200 && answer.body().strip().equals(body);
        });
  }

  private static Map<String, Integer> serve() {
    return serve(webOutbound);
  }

  /** Sends {@link #REQUESTS} requests through {@code outbound}; counts answers by body. */
  private static Map<String, Integer> serve(int outbound) {
    Map<String, Integer> served = new TreeMap<>();
    for (int i = 0; i < REQUESTS; i++) {
      Workloads.Answer answer = Workloads.get(outbound, "/");
      String key = answer.status() == 200 ? answer.body().strip() : "error " + answer.status();
      served.merge(key, 1, Integer::sum);
    }
    return served;
  }

  /** The zones whose ingress copies on {@code zone} offer backend. */
  private static List<String> offering(ZoneNode zone) {
    String ingresses = zone.get("/zoneingresses");
    if (ingresses == null) {
      return List.of();
    }
    List<String> zones = new java.util.ArrayList<>();
    for (JsonNode ingress : JSON.readTree(ingresses).path("items")) {
      if (ingress.path("availableServices").toString().contains("backend")) {
        zones.add(ingress.path("zone").asString(""));
      }
    }
    return zones;
  }

  private static final String NORTH_THEN_WEST =
      String.join(
          "\n",
          "type: MeshLoadBalancingStrategy",
          "mesh: default",
          "name: north-then-west",
          "spec:",
          "  targetRef: {kind: Mesh}",
          "  to:",
          "  - targetRef: {kind: Mesh}",
          "    default:",
          "      localityAwareness:",
          "        crossZone:",
          "          failover:",
          "          - to: {type: Only, zones: [north]}",
          "          - to: {type: Only, zones: [west]}",
          "");
}
