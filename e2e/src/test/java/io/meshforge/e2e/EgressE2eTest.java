package io.meshforge.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.meshforge.local.FreePorts;
import io.meshforge.local.ZoneNode;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 5, zone egress (ADR 0022), end to end with every piece a separate process: global, zones
 * {@code east} and {@code west}, a zone ingress in each, a zone egress in east (forge-dp {@code
 * --proxy-type egress}, real Envoy), and mesh {@code default} with builtin mTLS and {@code
 * routing.zoneEgress: true}. Client {@code web-1} in east has three outbounds:
 *
 * <ul>
 *   <li>{@code billing} (a {@code kuma.io/service} served only in west): web → east's egress →
 *       west's ingress → billing, mTLS end to end;
 *   <li>MeshExternalService {@code external} (created on global; a plain {@code python -m
 *       http.server} on 127.0.0.1): web → egress (which terminates the mesh mTLS) → the server;
 *   <li>MeshMultiZoneService {@code backend-mz} (created on global, selecting MeshServices by
 *       display name {@code backend}, served in both zones): east's instance while it is ready,
 *       west's through the egress when it is drained.
 * </ul>
 *
 * <p>Last, MeshTrafficPermission on the MeshExternalService, enforced by the egress (ADR 0026).
 */
@ExtendWith(ChildLogsOnFailure.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EgressE2eTest {
  private static final Duration UP = Duration.ofSeconds(180);

  private static Deployment deployment;
  private static Workloads workloads;
  private static ZoneNode east;
  private static int egressPort;
  private static int egressAdmin;
  private static int webAdmin;
  private static int billingOutbound;
  private static int externalOutbound;
  private static int multiZoneOutbound;
  private static int externalApp;
  private static int eastBackendInbound;
  private static int eastBackendApp;

  @BeforeAll
  static void twoZonesWithIngressesAndAnEgress() {
    Workloads.requireEnvoy();
    deployment = Deployment.start("egress", "east", "west");
    east = deployment.zone("east");
    ZoneNode west = deployment.zone("west");
    workloads = new Workloads(deployment.dir().resolve("workloads"));
    Api global = Api.of(deployment.global());
    assertThat(global.putYaml("/meshes/default", MESH)).isIn(200, 201);
    assertThat(global.putYaml("/meshes/default/meshtrafficpermissions/allow-all", ALLOW_ALL))
        .isIn(200, 201);
    externalApp = FreePorts.next();
    workloads.app("external", externalApp);
    assertThat(global.putYaml("/meshes/default/meshexternalservices/external", external()))
        .isIn(200, 201);
    assertThat(global.putYaml("/meshes/default/meshmultizoneservices/backend-mz", MULTI_ZONE))
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
    egressPort = FreePorts.next();
    egressAdmin = FreePorts.next();
    workloads.egress(east, "egress-east", egressPort, egressAdmin);

    eastBackendApp = FreePorts.next();
    eastBackendInbound = FreePorts.next();
    int westBackendApp = FreePorts.next();
    int billingApp = FreePorts.next();
    workloads.app("backend-east", eastBackendApp);
    workloads.app("backend-west", westBackendApp);
    workloads.app("billing-west", billingApp);
    workloads.app("web", FreePorts.next());
    workloads.sidecar(
        east,
        "backend-east",
        inbound("backend-east", "backend", eastBackendInbound, eastBackendApp, "Ready"),
        FreePorts.next());
    workloads.sidecar(
        west,
        "backend-west",
        inbound("backend-west", "backend", FreePorts.next(), westBackendApp, "Ready"),
        FreePorts.next());
    workloads.sidecar(
        west,
        "billing-west",
        inbound("billing-west", "billing", FreePorts.next(), billingApp, "Ready"),
        FreePorts.next());
    billingOutbound = FreePorts.next();
    externalOutbound = FreePorts.next();
    multiZoneOutbound = FreePorts.next();
    webAdmin = FreePorts.next();
    workloads.sidecar(east, "web-1", web(), webAdmin);
    for (int port : new int[] {billingOutbound, externalOutbound, multiZoneOutbound}) {
      await("web-1's outbound " + port + " answers")
          .atMost(UP)
          .pollInterval(Duration.ofMillis(250))
          .until(() -> Workloads.get(port, "/").status() == 200);
    }
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
  void serviceOnlyInWest_isReachedThroughEastsEgressAndWestsIngress() {
    for (int i = 0; i < 20; i++) {
      Workloads.Answer answer = Workloads.get(billingOutbound, "/");
      assertThat(answer.status()).isEqualTo(200);
      assertThat(answer.body().strip()).isEqualTo("billing-west");
    }
    assertThat(endpointsOf(webAdmin, "billing"))
        .as("web-1 sends billing's traffic to the egress only")
        .containsOnly("127.0.0.1:" + egressPort);
    assertThat(connections(egressAdmin, "zone-ingress:west"))
        .as("the egress forwarded the connections to west's ingress")
        .isPositive();
  }

  @Test
  @Order(2)
  void externalService_isReachedThroughTheEgress() {
    long before = connections(egressAdmin, "default_external_extsvc_80");
    for (int i = 0; i < 20; i++) {
      Workloads.Answer answer = Workloads.get(externalOutbound, "/");
      assertThat(answer.status()).isEqualTo(200);
      assertThat(answer.body().strip()).isEqualTo("external");
    }
    assertThat(endpointsOf(webAdmin, "default_external_extsvc_80"))
        .containsOnly("127.0.0.1:" + egressPort);
    assertThat(connections(egressAdmin, "default_external_extsvc_80")).isGreaterThan(before);
  }

  @Test
  @Order(3)
  void multiZoneService_servesInEast_andFromWestWhenEastIsDrained() {
    assertThat(Workloads.get(multiZoneOutbound, "/").body().strip()).isEqualTo("backend-east");

    assertThat(
            Api.of(east)
                .putYaml(
                    "/meshes/default/dataplanes/backend-east",
                    inbound(
                        "backend-east", "backend", eastBackendInbound, eastBackendApp, "NotReady")))
        .isEqualTo(200);
    await("backend-mz answers from west once east is drained")
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> Workloads.get(multiZoneOutbound, "/").body().strip().equals("backend-west"));
    for (int i = 0; i < 20; i++) {
      assertThat(Workloads.get(multiZoneOutbound, "/").body().strip()).isEqualTo("backend-west");
    }

    assertThat(
            Api.of(east)
                .putYaml(
                    "/meshes/default/dataplanes/backend-east",
                    inbound(
                        "backend-east", "backend", eastBackendInbound, eastBackendApp, "Ready")))
        .isEqualTo(200);
    await("backend-mz answers from east again")
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> Workloads.get(multiZoneOutbound, "/").body().strip().equals("backend-east"));
  }

  /**
   * ADR 0026: the egress enforces MeshTrafficPermission for a MeshExternalService (it terminates
   * the client's mTLS, so it knows who calls). Without the mesh-wide allow-all, no policy applies
   * and the egress's RBAC filter denies web; a policy with {@code targetRef: {kind:
   * MeshExternalService, name: external}} allowing {@code MeshService web} lets it through;
   * deleting that policy denies again. Each denial is counted by the egress's RBAC filter. The
   * allow-all is put back at the end (this test runs last).
   */
  @Test
  @Order(4)
  void externalService_deniedWithoutAnAllow_allowedByAPermissionTargetingIt_deniedAgain() {
    Api global = Api.of(deployment.global());
    assertThat(global.delete("/meshes/default/meshtrafficpermissions/allow-all")).isEqualTo(200);
    try {
      Workloads.Answer denied = awaitDenied("the egress denies web without an allow");
      System.out.println("[e2e] egress: external without an allow -> " + denied);

      assertThat(
              global.putYaml(
                  "/meshes/default/meshtrafficpermissions/web-to-external", WEB_TO_EXTERNAL))
          .isEqualTo(201);
      await("the policy targeting the MeshExternalService lets web through")
          .atMost(SYNC)
          .pollInterval(Duration.ofMillis(100))
          .until(() -> Workloads.get(externalOutbound, "/").status() == 200);
      for (int i = 0; i < 20; i++) {
        Workloads.Answer answer = Workloads.get(externalOutbound, "/");
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().strip()).isEqualTo("external");
      }

      assertThat(global.delete("/meshes/default/meshtrafficpermissions/web-to-external"))
          .isEqualTo(200);
      Workloads.Answer deniedAgain = awaitDenied("the egress denies web once the allow is gone");
      System.out.println("[e2e] egress: external after the allow was deleted -> " + deniedAgain);
    } finally {
      assertThat(global.putYaml("/meshes/default/meshtrafficpermissions/allow-all", ALLOW_ALL))
          .isIn(200, 201);
    }
  }

  private static final Duration SYNC = Duration.ofSeconds(60);

  /**
   * Waits until web's requests to the external service fail with 503 and the egress's RBAC denial
   * counter for it grew; then checks the next 20 requests fail the same way. Returns the first
   * denied answer.
   */
  private static Workloads.Answer awaitDenied(String alias) {
    long deniedBefore = externalRbacDenials();
    Workloads.Answer[] last = new Workloads.Answer[1];
    await(alias)
        .atMost(SYNC)
        .pollInterval(Duration.ofMillis(100))
        .until(() -> {
          last[0] = Workloads.get(externalOutbound, "/");
          return last[0].status() != 200;
        });
    // web's Envoy's answer when the egress closes the connection before any response (it retries
    // first): "upstream connect error or disconnect/reset before headers. retried and the latest
    // reset reason: connection termination"
    assertThat(last[0].status()).isEqualTo(503);
    assertThat(last[0].body()).contains("connection termination");
    for (int i = 0; i < 20; i++) {
      assertThat(Workloads.get(externalOutbound, "/").status()).isEqualTo(503);
    }
    await("the egress's RBAC filter counted the denials")
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> externalRbacDenials() > deniedBefore);
    return last[0];
  }

  /** The egress's network RBAC denial counters of the external service's filter chain, summed. */
  private static long externalRbacDenials() {
    String stats = Workloads.admin(egressAdmin, "/stats?filter=rbac%5C.denied");
    assertThat(stats).as("egress admin /stats").isNotNull();
    long total = 0;
    for (String line : stats.split("\n")) {
      int colon = line.lastIndexOf(": ");
      if (line.contains("external") && line.contains("rbac.denied") && colon > 0) {
        total += Long.parseLong(line.substring(colon + 2).trim());
      }
    }
    return total;
  }

  /** The {@code address:port} of a cluster's hosts, from Envoy's {@code /clusters}. */
  private static java.util.Set<String> endpointsOf(int adminPort, String cluster) {
    String clusters = Workloads.admin(adminPort, "/clusters");
    assertThat(clusters).as("Envoy admin /clusters").isNotNull();
    Matcher hosts =
        Pattern.compile(
                "^" + Pattern.quote(cluster) + "::([0-9.]+:[0-9]+)::cx_total::", Pattern.MULTILINE)
            .matcher(clusters);
    java.util.Set<String> found = new java.util.TreeSet<>();
    while (hosts.find()) {
      found.add(hosts.group(1));
    }
    return found;
  }

  /** Connections a cluster opened, summed over its hosts (Envoy's {@code /clusters}). */
  private static long connections(int adminPort, String cluster) {
    String clusters = Workloads.admin(adminPort, "/clusters");
    assertThat(clusters).as("Envoy admin /clusters").isNotNull();
    Matcher counts =
        Pattern.compile(
                "^" + Pattern.quote(cluster) + "::[^:]+:[0-9]+::cx_total::([0-9]+)$",
                Pattern.MULTILINE)
            .matcher(clusters);
    long total = 0;
    while (counts.find()) {
      total += Long.parseLong(counts.group(1));
    }
    return total;
  }

  private static String inbound(String name, String service, int inbound, int app, String state) {
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
        "    tags: {kuma.io/service: " + service + ", kuma.io/protocol: http}",
        "");
  }

  private static String web() {
    return String.join(
        "\n",
        "type: Dataplane",
        "mesh: default",
        "name: web-1",
        "networking:",
        "  address: 127.0.0.1",
        "  inbound:",
        "  - port: " + FreePorts.next(),
        "    servicePort: " + FreePorts.next(),
        "    tags: {kuma.io/service: web, kuma.io/protocol: http}",
        "  outbound:",
        "  - port: " + billingOutbound,
        "    tags: {kuma.io/service: billing}",
        "  - port: " + externalOutbound,
        "    backendRef: {kind: MeshExternalService, name: external}",
        "  - port: " + multiZoneOutbound,
        "    backendRef: {kind: MeshMultiZoneService, name: backend-mz, port: 8080}",
        "");
  }

  private static String external() {
    return String.join(
        "\n",
        "type: MeshExternalService",
        "mesh: default",
        "name: external",
        "spec:",
        "  match: {type: HostnameGenerator, port: 80, protocol: http}",
        "  endpoints:",
        "  - {address: 127.0.0.1, port: " + externalApp + "}",
        "");
  }

  private static final String MULTI_ZONE =
      String.join(
          "\n",
          "type: MeshMultiZoneService",
          "mesh: default",
          "name: backend-mz",
          "spec:",
          "  selector:",
          "    meshService:",
          "      matchLabels: {kuma.io/display-name: backend}",
          "  ports:",
          "  - {port: 8080, appProtocol: http}",
          "");

  private static final String MESH =
      String.join(
          "\n",
          "type: Mesh",
          "name: default",
          "mtls:",
          "  enabledBackend: ca-1",
          "  backends:",
          "  - name: ca-1",
          "    type: builtin",
          "routing:",
          "  zoneEgress: true",
          "");

  private static final String WEB_TO_EXTERNAL =
      String.join(
          "\n",
          "type: MeshTrafficPermission",
          "mesh: default",
          "name: web-to-external",
          "spec:",
          "  targetRef: {kind: MeshExternalService, name: external}",
          "  from:",
          "  - targetRef: {kind: MeshService, name: web}",
          "    default: {action: Allow}",
          "");

  private static final String ALLOW_ALL =
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
