package io.meshforge.e2e;

import static io.meshforge.e2e.Resources.dataplane;
import static io.meshforge.e2e.Resources.dataplanePath;
import static io.meshforge.e2e.Resources.mesh;
import static io.meshforge.e2e.Resources.meshService;
import static io.meshforge.e2e.Resources.meshServicePath;
import static io.meshforge.e2e.Resources.timeout;
import static io.meshforge.e2e.Resources.timeoutPath;
import static io.meshforge.e2e.StoreView.key;
import static io.meshforge.e2e.Sync.attempts;
import static io.meshforge.e2e.Sync.awaitContains;
import static io.meshforge.e2e.Sync.creationTime;
import static io.meshforge.e2e.Sync.merge;
import static io.meshforge.e2e.Sync.pace;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.meshforge.local.GlobalNode;
import io.meshforge.local.TcpFaultProxy;
import io.meshforge.local.ZoneNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * Federation over real processes: one global and the zones {@code east} and {@code west}, shared by
 * every test of the class. Each test works in its own mesh, so earlier tests' resources never
 * matter; faults are healed after each test.
 */
@ExtendWith(ChildLogsOnFailure.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 10, unit = java.util.concurrent.TimeUnit.MINUTES)
class FederationE2eTest {
  static final Duration SYNC = Sync.BOUND;

  /** F8's bandwidth: 64 KB/s each way. */
  static final long SLOW_LINK_BYTES_PER_SECOND = 64 * 1024;

  /** F8's contract: a change reaches the other side of a slow link within this. */
  static final Duration SLOW_LINK_CONVERGENCE = Duration.ofSeconds(15);

  /** MeshService entries per F8 policy: about 4 KB of YAML each. */
  static final int SLOW_LINK_SERVICES = 18;

  static Deployment deployment;
  static GlobalNode global;
  static Api onGlobal;
  static Api east;
  static Api west;

  @BeforeAll
  static void startDeployment() {
    deployment = Deployment.start("federation", "east", "west");
    global = deployment.global();
    onGlobal = Api.of(global);
    east = Api.of(deployment.zone("east"));
    west = Api.of(deployment.zone("west"));
  }

  @AfterAll
  static void stopDeployment() {
    if (deployment != null) {
      deployment.close();
    }
  }

  @AfterEach
  void heal() {
    if (deployment != null) {
      deployment.healAll();
    }
  }

  @Test
  @Order(1)
  void policyOnGlobal_andZoneResources_federateWithAttribution() {
    createMesh("basics");
    assertThat(onGlobal.putYaml(timeoutPath("basics", "t1"), timeout("basics", "t1", 5)))
        .isEqualTo(201);
    for (Api zone : new Api[] {east, west}) {
      await(zone.name() + " gets the global policy as a renamed copy")
          .atMost(SYNC)
          .ignoreExceptions()
          .untilAsserted(() -> {
            JsonNode copy = Rest.find(zone, "basics", "meshtimeouts", "t1").orElseThrow();
            assertThat(Rest.label(copy, Rest.ORIGIN)).isEqualTo("global");
            assertThat(Rest.label(copy, Rest.DISPLAY_NAME)).isEqualTo("t1");
            assertThat(copy.path("name").asString()).startsWith("t1-").isNotEqualTo("t1");
          });
    }
    assertThat(onGlobal.putYaml(timeoutPath("basics", "t1"), timeout("basics", "t1", 7)))
        .isEqualTo(200);
    Map<String, Integer> policyOnly = Map.of(key("MeshTimeout", "global", "t1"), 7);
    awaitView(east, "basics", policyOnly);
    awaitView(west, "basics", policyOnly);
    String westBefore = StoreView.timeoutModificationTimes(west, "basics").toString();

    assertThat(
            east.putYaml(dataplanePath("basics", "east-dp"), dataplane("basics", "east-dp", 8080)))
        .isEqualTo(201);
    assertThat(
            east.putYaml(timeoutPath("basics", "east-local"), timeout("basics", "east-local", 3)))
        .isEqualTo(201);
    Map<String, Integer> eastOwn =
        Map.of(
            key("Dataplane", "east", "east-dp"), 8080,
            key("MeshTimeout", "east", "east-local"), 3);
    awaitView(onGlobal, "basics", merge(policyOnly, eastOwn));
    JsonNode dpOnGlobal = Rest.find(onGlobal, "basics", "dataplanes", "east-dp").orElseThrow();
    assertThat(Rest.label(dpOnGlobal, Rest.ZONE)).isEqualTo("east");
    assertThat(Rest.label(dpOnGlobal, Rest.ORIGIN)).isEqualTo("zone");
    assertThat(StoreView.read(east, "basics")).isEqualTo(merge(policyOnly, eastOwn));
    // east's Dataplane and zone policy never reach west, and west's copy did not change
    assertThat(StoreView.read(west, "basics")).isEqualTo(new TreeMap<>(policyOnly));
    assertThat(StoreView.timeoutModificationTimes(west, "basics").toString()).isEqualTo(westBefore);

    assertThat(onGlobal.delete(timeoutPath("basics", "t1"))).isEqualTo(200);
    awaitView(east, "basics", eastOwn);
    awaitView(west, "basics", Map.of());
    assertThat(StoreView.read(onGlobal, "basics")).isEqualTo(new TreeMap<>(eastOwn));
    assertThat(Rest.zoneStates(global))
        .containsEntry("east", "Online")
        .containsEntry("west", "Online");
  }

  /**
   * A zone's MeshService reaches global and the other zone attributed to its owner, and only once.
   */
  @Test
  @Order(2)
  void zoneService_reachesTheOtherZoneAttributedToItsOwner_andIsNeverEchoed() {
    createMesh("services");
    assertThat(
            east.putYaml(
                meshServicePath("services", "east-api"), meshService("services", "east-api", 80)))
        .isEqualTo(201);
    Map<String, Integer> expected = Map.of(key("MeshService", "east", "east-api"), 80);
    awaitView(west, "services", expected);
    awaitView(onGlobal, "services", expected);
    // the echo takes one more round trip: give it the time of several before judging
    await("no echo of east's service appears anywhere")
        .during(Duration.ofSeconds(5))
        .atMost(Duration.ofSeconds(10))
        .ignoreExceptions()
        .untilAsserted(() -> {
          assertThat(StoreView.read(onGlobal, "services")).isEqualTo(expected);
          assertThat(StoreView.read(east, "services")).isEqualTo(expected);
          assertThat(StoreView.read(west, "services")).isEqualTo(expected);
        });
  }

  /** Disconnect a zone, delete on global meanwhile, reconnect: the zone drops its copy. */
  @Test
  @Order(3)
  void deleteOnGlobal_whileZoneDisconnected_isAppliedAfterReconnect_ownResourcesUntouched() {
    createMesh("heal");
    onGlobal.putYaml(timeoutPath("heal", "gone"), timeout("heal", "gone", 1));
    onGlobal.putYaml(timeoutPath("heal", "kept"), timeout("heal", "kept", 2));
    assertThat(west.putYaml(dataplanePath("heal", "west-dp"), dataplane("heal", "west-dp", 9090)))
        .isEqualTo(201);
    assertThat(west.putYaml(timeoutPath("heal", "west-pol"), timeout("heal", "west-pol", 4)))
        .isEqualTo(201);
    Map<String, Integer> westOwn =
        Map.of(
            key("Dataplane", "west", "west-dp"), 9090, key("MeshTimeout", "west", "west-pol"), 4);
    Map<String, Integer> both =
        Map.of(key("MeshTimeout", "global", "gone"), 1, key("MeshTimeout", "global", "kept"), 2);
    awaitView(west, "heal", merge(both, westOwn));
    awaitView(onGlobal, "heal", merge(both, westOwn));
    String westOwnTimes = ownTimes(west, "heal");

    TcpFaultProxy link = proxy("west");
    link.refuseNew(true);
    link.resetAll();
    awaitState("west", "Offline", Deployment.OFFLINE_BOUND);
    assertThat(onGlobal.delete(timeoutPath("heal", "gone"))).isEqualTo(200);
    awaitView(east, "heal", Map.of(key("MeshTimeout", "global", "kept"), 2));
    assertThat(StoreView.read(west, "heal"))
        .as("disconnected: west still has what it had")
        .isEqualTo(merge(both, westOwn));
    assertThat(StoreView.read(onGlobal, "heal"))
        .as("global keeps the Offline zone's resources (L2)")
        .containsAllEntriesOf(westOwn);

    link.heal();
    deployment.awaitOnline("west");
    awaitView(west, "heal", merge(Map.of(key("MeshTimeout", "global", "kept"), 2), westOwn));
    assertThat(ownTimes(west, "heal")).as("west's own resources untouched").isEqualTo(westOwnTimes);
    awaitView(onGlobal, "heal", merge(Map.of(key("MeshTimeout", "global", "kept"), 2), westOwn));
  }

  /** F6: a silent partition is detected within the bound and hurts nobody else. */
  @Test
  @Order(4)
  void silentPartition_zoneOfflineWithinBound_otherZoneKeepsItsServices_healConverges() {
    createMesh("f6");
    assertThat(east.putYaml(meshServicePath("f6", "east-svc"), meshService("f6", "east-svc", 81)))
        .isEqualTo(201);
    assertThat(east.putYaml(dataplanePath("f6", "east-dp"), dataplane("f6", "east-dp", 8081)))
        .isEqualTo(201);
    assertThat(onGlobal.putYaml(timeoutPath("f6", "before"), timeout("f6", "before", 1)))
        .isEqualTo(201);
    String service = key("MeshService", "east", "east-svc");
    String eastDp = key("Dataplane", "east", "east-dp");
    // contains, not equals: the MeshService echo bug (see the disabled test) adds copies
    awaitContains(west, "f6", Map.of(service, 81, key("MeshTimeout", "global", "before"), 1));
    awaitContains(onGlobal, "f6", Map.of(service, 81, eastDp, 8081));
    awaitContains(east, "f6", Map.of(key("MeshTimeout", "global", "before"), 1));

    try (PhantomDeleteWatch watch =
        PhantomDeleteWatch.start(
            new PhantomDeleteWatch.Probe(west, "f6", java.util.List.of(service)),
            new PhantomDeleteWatch.Probe(onGlobal, "f6", java.util.List.of(service, eastDp)))) {
      proxy("east").blackhole(true);
      Instant partitioned = Instant.now();
      awaitState("east", "Offline", Deployment.OFFLINE_BOUND);
      System.out.println(
          "[e2e] F6: east Offline "
              + Duration.between(partitioned, Instant.now()).toMillis()
              + " ms after a silent partition");
      assertThat(Rest.zoneStates(global)).containsEntry("west", "Online");
      assertThat(onGlobal.putYaml(timeoutPath("f6", "during"), timeout("f6", "during", 2)))
          .isEqualTo(201);
      awaitContains(west, "f6", Map.of(key("MeshTimeout", "global", "during"), 2));
      assertThat(Rest.zoneStates(global)).containsEntry("west", "Online");

      proxy("east").heal();
      deployment.awaitOnline("east", "west");
      awaitContains(
          east,
          "f6",
          Map.of(
              key("MeshTimeout", "global", "before"),
              1,
              key("MeshTimeout", "global", "during"),
              2,
              service,
              81,
              eastDp,
              8081));
      assertThat(watch.stop()).as("phantom deletes (L2)").isEmpty();
      assertThat(watch.rounds()).isPositive();
    }
  }

  /** F7: a link reset every 2 s while global writes: no phantom deletes, one live stream. */
  @Test
  @Order(5)
  void flappingLink_noPhantomDeletes_noDuplicateStreams_converges() {
    createMesh("f7");
    onGlobal.putYaml(timeoutPath("f7", "stable"), timeout("f7", "stable", 3));
    assertThat(east.putYaml(dataplanePath("f7", "east-dp"), dataplane("f7", "east-dp", 7070)))
        .isEqualTo(201);
    assertThat(east.putYaml(timeoutPath("f7", "east-pol"), timeout("f7", "east-pol", 6)))
        .isEqualTo(201);
    Map<String, Integer> eastOwn =
        Map.of(
            key("Dataplane", "east", "east-dp"), 7070, key("MeshTimeout", "east", "east-pol"), 6);
    Map<String, Integer> fromGlobal =
        new TreeMap<>(Map.of(key("MeshTimeout", "global", "stable"), 3));
    awaitView(east, "f7", merge(fromGlobal, eastOwn));
    awaitView(west, "f7", fromGlobal);
    awaitView(onGlobal, "f7", merge(fromGlobal, eastOwn));
    String eastCopyCreated = creationTime(east, "f7", "meshtimeouts", "stable");
    String westCopyCreated = creationTime(west, "f7", "meshtimeouts", "stable");
    String dpOnGlobalCreated = creationTime(onGlobal, "f7", "dataplanes", "east-dp");

    int cycles = Integer.getInteger("e2e.f7.cycles", 15);
    int attemptsBefore = attempts(deployment.zone("east"));
    try (PhantomDeleteWatch watch =
        PhantomDeleteWatch.start(
            new PhantomDeleteWatch.Probe(
                east, "f7", java.util.List.copyOf(merge(fromGlobal, eastOwn).keySet())),
            new PhantomDeleteWatch.Probe(west, "f7", java.util.List.copyOf(fromGlobal.keySet())),
            new PhantomDeleteWatch.Probe(
                onGlobal, "f7", java.util.List.copyOf(eastOwn.keySet())))) {
      for (int i = 0; i < cycles; i++) {
        proxy("east").resetAll();
        String name = "flap-" + i;
        assertThat(onGlobal.putYaml(timeoutPath("f7", name), timeout("f7", name, 10 + i)))
            .isEqualTo(201);
        fromGlobal.put(key("MeshTimeout", "global", name), 10 + i);
        if (i % 3 == 2) {
          String updated = "flap-" + (i - 1);
          onGlobal.putYaml(timeoutPath("f7", updated), timeout("f7", updated, 100 + i));
          fromGlobal.put(key("MeshTimeout", "global", updated), 100 + i);
        }
        if (i % 5 == 4) {
          String deleted = "flap-" + (i - 2);
          assertThat(onGlobal.delete(timeoutPath("f7", deleted))).isEqualTo(200);
          fromGlobal.remove(key("MeshTimeout", "global", deleted));
        }
        pace(Duration.ofSeconds(2));
      }
      awaitView(east, "f7", merge(fromGlobal, eastOwn), Duration.ofSeconds(90));
      awaitView(west, "f7", fromGlobal);
      awaitView(onGlobal, "f7", merge(fromGlobal, eastOwn));
      assertThat(watch.stop()).as("phantom deletes (L2)").isEmpty();
      assertThat(watch.rounds()).isGreaterThan(cycles);
    }
    int reconnects = attempts(deployment.zone("east")) - attemptsBefore;
    System.out.println(
        "[e2e] F7: " + reconnects + " connection attempts for " + cycles + " resets");
    assertThat(reconnects).as("reconnects are bounded by the resets").isBetween(1, 3 * cycles + 5);
    assertThat(creationTime(east, "f7", "meshtimeouts", "stable"))
        .as("east's copy was never deleted and re-created")
        .isEqualTo(eastCopyCreated);
    assertThat(creationTime(west, "f7", "meshtimeouts", "stable")).isEqualTo(westCopyCreated);
    assertThat(creationTime(onGlobal, "f7", "dataplanes", "east-dp")).isEqualTo(dpOnGlobalCreated);
    deployment.awaitOnline("east");
    await("east has exactly one live subscription on global")
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(250))
        .until(() -> Rest.liveSubscriptions(global, "east").size() == 1);
  }

  /** F9: a zone that stops reading while global pushes 200 changes. */
  @Test
  @Order(6)
  void stalledZone_otherZoneKeepsConverging_stalledStreamClosed_recoversAfterHeal() {
    createMesh("f9");
    deployment.awaitOnline("east");
    await("east has one live subscription")
        .atMost(Duration.ofSeconds(30))
        .until(() -> Rest.liveSubscriptions(global, "east").size() == 1);
    String stalledId = Rest.liveSubscriptions(global, "east").getFirst().path("id").asString();

    proxy("east").stallDownstream(true);
    Map<String, Integer> expected = new TreeMap<>();
    for (int i = 0; i < 200; i++) {
      String name = "push-" + i;
      int seconds = 1 + i % 50;
      assertThat(onGlobal.putYaml(timeoutPath("f9", name), timeout("f9", name, seconds)))
          .isEqualTo(201);
      expected.put(key("MeshTimeout", "global", name), seconds);
    }
    Instant written = Instant.now();
    awaitView(west, "f9", expected, Duration.ofSeconds(10));
    System.out.println(
        "[e2e] F9: west converged "
            + Duration.between(written, Instant.now()).toMillis()
            + " ms after the last of 200 writes while east was stalled");
    await("the stalled stream " + stalledId + " is closed")
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(250))
        .until(() -> {
          for (JsonNode sub :
              Rest.zoneOverview(global, "east").path("zoneInsight").path("subscriptions")) {
            if (stalledId.equals(sub.path("id").asString())) {
              return sub.has("disconnectTime");
            }
          }
          return false;
        });

    proxy("east").heal();
    deployment.awaitOnline("east");
    awaitView(east, "f9", expected, Duration.ofSeconds(90));
  }

  /**
   * F8: west's KDS link gets 200 ms ± 50 ms latency each way and 64 KB/s while global writes 50
   * MeshTimeouts of about 4 KB, then updates 10 and deletes 5, and west writes a Dataplane. Both
   * directions converge within 15 s of the last write; west's stream is never replaced (same
   * subscription, no new connection attempt) and west stays Online throughout.
   */
  @Test
  @Order(7)
  void slowLink_batchConvergesWithin15s_bothWays_streamSurvives() {
    createMesh("f8");
    deployment.awaitOnline("west");
    await("west has one live subscription")
        .atMost(Duration.ofSeconds(30))
        .until(() -> Rest.liveSubscriptions(global, "west").size() == 1);
    JsonNode before = Rest.liveSubscriptions(global, "west").getFirst();
    int attemptsBefore = attempts(deployment.zone("west"));
    TcpFaultProxy link = proxy("west");
    long downBefore = link.bytesToClient();
    long upBefore = link.bytesToServer();
    link.delay(Duration.ofMillis(200), Duration.ofMillis(50));
    link.throttle(SLOW_LINK_BYTES_PER_SECOND);

    Map<String, Integer> expected = new TreeMap<>();
    try (ZoneStateWatch watch = ZoneStateWatch.start(global, "west")) {
      Instant firstWrite = Instant.now();
      long yamlBytes = writeSlowLinkBatch(expected);
      Instant lastWrite = Instant.now();
      awaitView(west, "f8", expected, SLOW_LINK_CONVERGENCE);
      Instant westConverged = Instant.now();
      Duration westTook = Duration.between(lastWrite, westConverged);
      Duration left = SLOW_LINK_CONVERGENCE.minus(westTook);
      assertThat(left).as("time left for global within the bound").isPositive();
      awaitView(onGlobal, "f8", expected, left);
      System.out.printf(
          "[e2e] F8: writes took %d ms; west converged %d ms, global %d ms after the last write;"
              + " %d bytes of YAML written; the link carried %d bytes to west and %d to global%n",
          Duration.between(firstWrite, lastWrite).toMillis(),
          westTook.toMillis(),
          Duration.between(lastWrite, Instant.now()).toMillis(),
          yamlBytes,
          link.bytesToClient() - downBefore,
          link.bytesToServer() - upBefore);
      assertThat(link.bytesToClient() - downBefore)
          .as("a bandwidth test: at least 3 s of the link's capacity went to west")
          .isGreaterThan(3 * SLOW_LINK_BYTES_PER_SECOND);
      long minimumMillis = (link.bytesToClient() - downBefore) * 800 / SLOW_LINK_BYTES_PER_SECOND;
      assertThat(Duration.between(firstWrite, westConverged))
          .as("the throttle held: the bytes cannot cross faster than the link carries them")
          .isGreaterThan(Duration.ofMillis(minimumMillis));
      assertThat(watch.stop()).as("west Online with one live subscription throughout").isEmpty();
      assertThat(watch.rounds()).isPositive();
    }
    assertThat(attempts(deployment.zone("west")))
        .as("west never reconnected")
        .isEqualTo(attemptsBefore);
    awaitView(east, "f8", withoutZone(expected, "west"));

    link.heal();
    assertThat(onGlobal.putYaml(timeoutPath("f8", "healed"), timeout("f8", "healed", 2)))
        .isEqualTo(201);
    expected.put(key("MeshTimeout", "global", "healed"), 2);
    Instant healed = Instant.now();
    awaitView(west, "f8", expected);
    System.out.println(
        "[e2e] F8: healed, a new policy reached west in "
            + Duration.between(healed, Instant.now()).toMillis()
            + " ms");
    JsonNode after = Rest.liveSubscriptions(global, "west").getFirst();
    assertThat(after.path("id").asString())
        .as("the same stream")
        .isEqualTo(before.path("id").asString());
    assertThat(after.path("connectTime").asString())
        .isEqualTo(before.path("connectTime").asString());
    assertThat(Rest.zoneStates(global)).containsEntry("west", "Online");
  }

  /**
   * F8's batch: 50 large MeshTimeouts on global (west writes a Dataplane after the 26th), then 10
   * updates and 5 deletes. Records the expected view; returns the YAML bytes written.
   */
  private static long writeSlowLinkBatch(Map<String, Integer> expected) {
    long yamlBytes = 0;
    for (int i = 0; i < 50; i++) {
      yamlBytes += putLargeTimeout("slow-" + i, 1 + i % 40, expected);
      if (i == 25) {
        assertThat(west.putYaml(dataplanePath("f8", "west-dp"), dataplane("f8", "west-dp", 6060)))
            .isEqualTo(201);
        expected.put(key("Dataplane", "west", "west-dp"), 6060);
      }
    }
    for (int i = 0; i < 10; i++) {
      yamlBytes += putLargeTimeout("slow-" + (i * 4), 100 + i, expected);
    }
    for (int i = 0; i < 5; i++) {
      assertThat(onGlobal.delete(timeoutPath("f8", "slow-" + (i * 4 + 1)))).isEqualTo(200);
      expected.remove(key("MeshTimeout", "global", "slow-" + (i * 4 + 1)));
    }
    return yamlBytes;
  }

  /** Writes a {@link Resources#largeTimeout} on global and records it; returns its YAML size. */
  private static int putLargeTimeout(String name, int seconds, Map<String, Integer> expected) {
    String yaml = Resources.largeTimeout("f8", name, seconds, SLOW_LINK_SERVICES);
    int status = onGlobal.putYaml(timeoutPath("f8", name), yaml);
    assertThat(status).as("PUT " + name).isIn(200, 201);
    expected.put(key("MeshTimeout", "global", name), seconds);
    return yaml.length();
  }

  private static Map<String, Integer> withoutZone(Map<String, Integer> view, String zone) {
    Map<String, Integer> rest = new TreeMap<>(view);
    rest.keySet().removeIf(k -> k.contains("/" + zone + "/"));
    return rest;
  }

  /**
   * F6, long form: a silent partition of 45 s, during which every reconnect attempt hangs in its
   * TLS handshake until the heartbeat deadline or the handshake timeout ends it. After healing the
   * zone must come back by itself (its client must never give up on a failed attempt).
   */
  @Test
  @Order(8)
  void longSilentPartition_attemptsHangInTheHandshake_zoneReconnectsAfterHeal() {
    deployment.awaitOnline("east", "west");
    int attemptsBefore = attempts(deployment.zone("west"));
    proxy("west").blackhole(true);
    awaitState("west", "Offline", Deployment.OFFLINE_BOUND);
    await("west tried several reconnects that hung")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> attempts(deployment.zone("west")) >= attemptsBefore + 4);
    pace(Duration.ofSeconds(20)); // keep the partition: more attempts hang and time out
    proxy("west").heal();
    Instant healed = Instant.now();
    deployment.awaitOnline("west");
    System.out.println(
        "[e2e] F6 long: west Online "
            + Duration.between(healed, Instant.now()).toSeconds()
            + " s after healing");
  }

  /** S1, S2: no token, or a token of another zone: refused, no Zone created. */
  @Test
  @Order(9)
  void zonesWithoutTokenOrWithAnotherZonesToken_areRefused_andNoZoneIsCreated() {
    double failuresBefore = authFailures();
    ZoneNode anonymous =
        deployment.extraZone("anonymous", List.of("--store.type=memory")).withoutToken();
    ZoneNode impostor =
        deployment
            .extraZone("impostor-b", List.of("--store.type=memory"))
            .withToken(global.issueZoneToken("impostor-a"));
    Deployment.startAll(List.of(anonymous, impostor));
    try {
      await("both tried several times and global counted the refusals")
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(250))
          .ignoreExceptions()
          .until(() ->
              attempts(anonymous) >= 3
                  && attempts(impostor) >= 3
                  && authFailures() >= failuresBefore + 4);
      Map<String, String> states = Rest.zoneStates(global);
      assertThat(states).doesNotContainKeys("anonymous", "impostor-a", "impostor-b");
      assertThat(global.get("/zones/impostor-b")).isNull();
      assertThat(global.get("/zones/impostor-a")).isNull();
      assertThat(global.get("/zones/anonymous")).isNull();
    } finally {
      anonymous.stop();
      impostor.stop();
    }
  }

  /** S6: revoking a connected zone's token takes it Offline within the check interval + bound. */
  @Test
  @Order(10)
  void revokedZoneToken_closesItsStreams_andTheZoneStaysOffline() throws Exception {
    deployment.awaitOnline("east", "west");
    String token =
        java.nio.file.Files.readString(
                deployment.zone("east").spec().stateDir().resolve("zone-token"))
            .trim();
    assertThat(global.revokeZoneToken(token)).isEqualTo(200);
    Instant revoked = Instant.now();
    awaitState("east", "Offline", Deployment.OFFLINE_BOUND);
    System.out.println(
        "[e2e] S6: east Offline "
            + Duration.between(revoked, Instant.now()).toMillis()
            + " ms after revocation");
    await("east stays Offline: its reconnects are refused")
        .during(Duration.ofSeconds(5))
        .atMost(Duration.ofSeconds(8))
        .until(() -> "Offline".equals(Rest.zoneStates(global).get("east")));
    assertThat(attempts(deployment.zone("east"))).isGreaterThan(1);
    assertThat(Rest.zoneStates(global)).containsEntry("west", "Online");
  }

  static void createMesh(String mesh) {
    Sync.createMesh(onGlobal, mesh, east, west);
  }

  static void awaitView(Api api, String mesh, Map<String, Integer> expected) {
    Sync.awaitView(api, mesh, expected, SYNC);
  }

  static void awaitView(Api api, String mesh, Map<String, Integer> expected, Duration bound) {
    Sync.awaitView(api, mesh, expected, bound);
  }

  static void awaitState(String zone, String state, Duration bound) {
    Sync.awaitState(global, zone, state, bound);
  }

  /** {@code kds_auth_failures_total} summed over reasons, from global's metrics. */
  static double authFailures() {
    double sum = 0;
    for (String line : Rest.metrics(global).split("\n")) {
      if (line.startsWith("kds_auth_failures_total")) {
        sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return sum;
  }

  /** Creation and modification times of a zone's own Dataplanes and policies. */
  static String ownTimes(Api zone, String mesh) {
    StringBuilder times = new StringBuilder();
    for (String path : new String[] {"dataplanes", "meshtimeouts"}) {
      for (JsonNode r : Rest.list(zone, mesh, path)) {
        if (zone.name().equals(Rest.owner(r))) {
          times
              .append(r.path("name").asString())
              .append('@')
              .append(r.path("creationTime").asString())
              .append('/')
              .append(r.path("modificationTime").asString())
              .append(' ');
        }
      }
    }
    return times.toString();
  }

  static TcpFaultProxy proxy(String zone) {
    return deployment.proxy(zone);
  }
}
