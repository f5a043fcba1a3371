package io.meshforge.bench;

import io.meshforge.local.DemoResources;
import io.meshforge.local.GlobalNode;
import io.meshforge.local.ZoneNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code ChurnFederation} is B5's deployment: a global CP and two zone CPs, {@code east} and {@code
 * west}, as child JVMs of a {@link FederationLab}, with one mesh that has builtin mTLS (zones only
 * compute cross-zone endpoints for an mTLS mesh) and one ZoneIngress per zone.
 *
 * <p>The ingresses are written through each zone's REST API with an advertised loopback address and
 * port: no ingress proxy runs (nothing dials the endpoints). The zone then keeps their {@code
 * availableServices} current, they sync to global, which stamps their zone, and on to the other
 * zone, whose sidecars get one endpoint per remote ingress weighted by the instances it offers.
 * Both zones run with {@code xds.auth.type=none} (the emulated proxies carry no token) and the
 * in-memory store, as in B2.
 */
record ChurnFederation(GlobalNode global, ZoneNode east, ZoneNode west) {
  static final String EAST = "east";
  static final String WEST = "west";
  private static final Duration CONVERGE = Duration.ofSeconds(120);
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** Starts the three CPs, creates {@code mesh} with mTLS and registers the ingresses. */
  static ChurnFederation start(FederationLab lab, String mesh, BenchOptions options) {
    GlobalNode global = lab.global(List.of("--mesh.defaults.policies=false"), List.of("-Xmx512m"));
    global.start(FederationLab.START);
    // Same machine: the zones read global's secrets key to open the mesh CA (ADR 0016).
    List<String> zoneArgs =
        new ArrayList<>(
            List.of(
                "--xds.auth.type=none",
                "--store.type=memory",
                "--secrets.key=" + global.secretsKey().toAbsolutePath()));
    zoneArgs.addAll(extraArgs(options.text("zoneArgs", "")));
    ZoneNode east =
        lab.zone(EAST, global, zoneArgs, List.of("-Xmx" + options.text("eastHeap", "2g")));
    ZoneNode west =
        lab.zone(WEST, global, zoneArgs, List.of("-Xmx" + options.text("westHeap", "512m")));
    FederationLab.startAll(List.of(east, west));
    int status = global.putYaml("/meshes/" + mesh, DemoResources.meshWithBuiltinMtls(mesh));
    if (status / 100 != 2) {
      throw new IllegalStateException("creating mesh " + mesh + " failed: HTTP " + status);
    }
    ChurnFederation federation = new ChurnFederation(global, east, west);
    for (ZoneNode zone : List.of(east, west)) {
      await(
          "mesh " + mesh + " with its CA on " + zone.name(),
          () -> {
            String secrets = zone.get("/meshes/" + mesh + "/secrets");
            return secrets != null && secrets.contains("ca-builtin");
          });
    }
    System.err.println("[b5] mesh " + mesh + " and its CA on both zones; registering ingresses");
    federation.registerIngress(east, "127.7.0.1", 10_001);
    federation.registerIngress(west, "127.7.0.2", 10_002);
    await("west's ingress on east", () -> holdsIngressOf(east, WEST));
    return federation;
  }

  /** East's Prometheus metrics ({@code diagnostics.port}). */
  String eastMetricsUrl() {
    return "http://127.0.0.1:" + east.spec().diagnosticsPort() + "/metrics";
  }

  static String ingressName(ZoneNode zone) {
    return "ingress-" + zone.name();
  }

  private void registerIngress(ZoneNode zone, String address, int port) {
    String yaml =
        String.join(
            "\n",
            "type: ZoneIngress",
            "name: " + ingressName(zone),
            "networking:",
            "  address: " + address,
            "  port: " + port,
            "  advertisedAddress: " + address,
            "  advertisedPort: " + port,
            "");
    int status = zone.putYaml("/zoneingresses/" + ingressName(zone), yaml);
    if (status / 100 != 2) {
      throw new IllegalStateException("PUT ZoneIngress on " + zone.name() + ": HTTP " + status);
    }
  }

  /**
   * Whether {@code zone} holds a ZoneIngress of zone {@code of}: global stamped its zone, and the
   * copy a zone receives is named {@code <name>-<hash>} (display name in a label).
   */
  private static boolean holdsIngressOf(ZoneNode zone, String of) {
    String body = zone.get("/zoneingresses");
    if (body == null) {
      return false;
    }
    for (JsonNode ingress : JSON.readTree(body).path("items")) {
      if (of.equals(ingress.path("zone").asString(""))) {
        return true;
      }
    }
    return false;
  }

  private static List<String> extraArgs(String commaSeparated) {
    return commaSeparated.isBlank()
        ? List.of()
        : List.of(commaSeparated.split(",")).stream().map(a -> "--" + a).toList();
  }

  /** Polls {@code done} every 250 ms until it holds, or fails after {@link #CONVERGE}. */
  private static void await(String what, BooleanSupplier done) {
    long deadline = System.nanoTime() + CONVERGE.toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(what + " not there after " + CONVERGE);
      }
      LockSupport.parkNanos(Duration.ofMillis(250).toNanos());
    }
  }
}
