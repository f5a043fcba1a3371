package io.meshforge.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.meshforge.local.FreePorts;
import io.meshforge.local.ZoneNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 5, ordered cross-zone failover end to end: global and zones {@code east}, {@code west} and
 * {@code north} as separate processes, an ingress (real Envoy) and a {@code backend} in each, a
 * client in east, and a MeshLoadBalancingStrategy on global whose {@code crossZone.failover} rules
 * say north first, then west. Draining east's backend sends traffic to north (not west, although
 * both are healthy); draining north's too sends it to west; east ready again takes it back.
 */
@ExtendWith(ChildLogsOnFailure.class)
class OrderedFailoverE2eTest {
  private static final Duration UP = Duration.ofSeconds(180);
  private static final Duration SWITCH_BOUND = Duration.ofSeconds(30);
  private static final int REQUESTS = 100;
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final List<String> ZONES = List.of("east", "west", "north");

  private static Deployment deployment;
  private static Workloads workloads;
  private static int webOutbound;
  private static final Map<String, int[]> BACKENDS = new TreeMap<>(); // zone -> {inbound, app}

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
      workloads.ingress(zone, "ingress-" + name, FreePorts.next(), FreePorts.next());
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
    await("west's and north's ingresses offer backend to east")
        .atMost(UP)
        .pollInterval(Duration.ofMillis(250))
        .until(() -> offering(east).containsAll(List.of("west", "north")));
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
    Map<String, Integer> served = new TreeMap<>();
    for (int i = 0; i < REQUESTS; i++) {
      Workloads.Answer answer = Workloads.get(webOutbound, "/");
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
