package io.meshforge.e2e;

import static io.meshforge.e2e.Resources.timeout;
import static io.meshforge.e2e.Resources.timeoutPath;
import static io.meshforge.e2e.StoreView.key;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.meshforge.local.GlobalNode;
import io.meshforge.local.ZoneNode;
import io.meshforge.store.postgres.EmbeddedDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * F11: two zone-cp processes of one zone share one PostgreSQL (started by the test); the instance
 * holding the {@code zone-kds} lease runs the KDS client. SIGKILL of the leader, five times: the
 * other takes over and reconnects to global within lease + retry + backoff + handshake, global
 * never sees two connections of the zone at once (L8), nothing is deleted that nobody deleted (L2),
 * and what global wrote meanwhile arrives.
 */
@ExtendWith(ChildLogsOnFailure.class)
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class ZoneFailoverE2eTest {
  static final String ZONE = "ha";
  static final String MESH = "f11";

  /** {@code zone.leader.lease}: short, so each takeover costs seconds. */
  static final Duration LEASE = Duration.ofSeconds(3);

  /**
   * From the leader's death to a live subscription of the other instance on global: the lease runs
   * out (at most {@link #LEASE} after the last renewal), the standby's next try (every fifth of the
   * lease, {@code LeaseSettings.ofLease}), the client's first reconnect delay with its jitter, the
   * time the zone gives a KDS attempt to get going ({@code zone.kds.timeout}: TLS, token check and
   * first requests), and global's insight flush (the subscription shows up in the overview).
   */
  static final Duration TAKEOVER_BOUND =
      LEASE
          .plus(LEASE.dividedBy(5))
          .plusMillis(Math.round(Deployment.ZONE_BACKOFF.toMillis() * (1 + Deployment.ZONE_JITTER)))
          .plus(Deployment.ZONE_KDS_TIMEOUT)
          .plus(Deployment.INSIGHT_FLUSH);

  static EmbeddedDatabase database;
  static Deployment deployment;
  static GlobalNode global;
  static Api onGlobal;
  static List<ZoneNode> instances;

  @BeforeAll
  static void startDeployment() {
    deployment = Deployment.start("failover");
    global = deployment.global();
    onGlobal = Api.of(global);
    database = new EmbeddedDatabase(deployment.dir().resolve("zone-" + ZONE + "-postgres"), 4);
    List<String> shared =
        List.of(
            "--store.postgres.url=" + database.jdbcUrl(),
            "--store.postgres.username=postgres",
            "--store.postgres.password=postgres",
            "--store.postgres.pool=4",
            "--store.migrate=true",
            "--zone.leader.lease=" + LEASE.toMillis() + "ms");
    String token = global.issueZoneToken(ZONE);
    instances =
        List.of(
            deployment.zoneInstance(ZONE, "a", shared).withToken(token),
            deployment.zoneInstance(ZONE, "b", shared).withToken(token));
    Deployment.startAll(instances);
    deployment.awaitOnline(ZONE);
  }

  @AfterAll
  static void stopDeployment() {
    // the zones first, while their database still runs; then the database, then global
    if (instances != null) {
      instances.forEach(ZoneNode::stop);
    }
    if (database != null) {
      database.close();
    }
    if (deployment != null) {
      deployment.close();
    }
  }

  @Test
  void leaderKilledFiveTimes_otherInstanceTakesOverWithinBound_oneStreamAtATime_nothingLost() {
    Api a = Api.of(instances.get(0));
    Api b = Api.of(instances.get(1));
    Sync.createMesh(onGlobal, MESH, a, b);
    Map<String, Integer> fromGlobal = new TreeMap<>();
    for (int i = 0; i < 3; i++) {
      assertThat(onGlobal.putYaml(timeoutPath(MESH, "g-" + i), timeout(MESH, "g-" + i, 1 + i)))
          .isEqualTo(201);
      fromGlobal.put(key("MeshTimeout", "global", "g-" + i), 1 + i);
    }
    Map<String, Integer> zoneOwn = new TreeMap<>();
    CrashRecoveryE2eTest.writeDataplane(a, MESH, "dp-0", 7000, zoneOwn);
    Sync.awaitView(onGlobal, MESH, Sync.merge(fromGlobal, zoneOwn), Sync.BOUND);
    Sync.awaitView(a, MESH, Sync.merge(fromGlobal, zoneOwn), Sync.BOUND);
    int perConnection = streamsOfOneConnection();
    String copyCreated = Sync.creationTime(a, MESH, "meshtimeouts", "g-0");
    System.out.println(
        "[e2e] F11: lease "
            + LEASE.toMillis()
            + " ms, takeover bound "
            + TAKEOVER_BOUND.toMillis()
            + " ms, "
            + perConnection
            + " streams per connection");

    List<Long> takeovers = new ArrayList<>();
    try (StreamCountWatch streams = StreamCountWatch.start(global, ZONE, perConnection);
        PhantomDeleteWatch phantoms =
            PhantomDeleteWatch.start(
                new PhantomDeleteWatch.Probe(a, MESH, List.copyOf(fromGlobal.keySet())),
                new PhantomDeleteWatch.Probe(b, MESH, List.copyOf(fromGlobal.keySet())),
                new PhantomDeleteWatch.Probe(onGlobal, MESH, List.copyOf(zoneOwn.keySet())))) {
      for (int cycle = 1; cycle <= 5; cycle++) {
        ZoneNode leader = awaitSingleLeader();
        ZoneNode standby = other(leader);
        String oldSubscription = liveSubscriptionId().orElseThrow();
        Instant killed = Instant.now();
        leader.kill();
        String during = "during-" + cycle;
        assertThat(onGlobal.putYaml(timeoutPath(MESH, during), timeout(MESH, during, 10 + cycle)))
            .isEqualTo(201);
        fromGlobal.put(key("MeshTimeout", "global", during), 10 + cycle);
        await("cycle " + cycle + ": the standby reconnects to global")
            .atMost(TAKEOVER_BOUND)
            .pollInterval(Duration.ofMillis(100))
            .until(() ->
                liveSubscriptionId().filter(id -> !id.equals(oldSubscription)).isPresent()
                    && isLeader(standby));
        long took = Duration.between(killed, Instant.now()).toMillis();
        takeovers.add(took);
        System.out.println("[e2e] F11 cycle " + cycle + ": took over in " + took + " ms");
        Sync.awaitView(Api.of(standby), MESH, Sync.merge(fromGlobal, zoneOwn), Sync.BOUND);
        String dp = "dp-" + cycle;
        CrashRecoveryE2eTest.writeDataplane(Api.of(standby), MESH, dp, 7000 + cycle, zoneOwn);
        leader.start(Deployment.START); // back as the standby of the next cycle
        assertThat(isLeader(leader)).as("a restarted instance waits as standby").isFalse();
      }
      Sync.awaitView(onGlobal, MESH, Sync.merge(fromGlobal, zoneOwn), Sync.BOUND);
      Sync.awaitView(a, MESH, Sync.merge(fromGlobal, zoneOwn), Sync.BOUND);
      assertThat(phantoms.stop()).as("phantom deletes (L2)").isEmpty();
      assertThat(phantoms.rounds()).isPositive();
      assertThat(streams.stop()).as("two connections of one zone at once (L8)").isEmpty();
      assertThat(streams.rounds()).isGreaterThan(20);
    }
    System.out.println("[e2e] F11: takeovers (ms) " + takeovers);
    assertThat(Sync.creationTime(a, MESH, "meshtimeouts", "g-0"))
        .as("the zone's copy survived five failovers without being re-created")
        .isEqualTo(copyCreated);
  }

  /** The gauge while one instance is connected (the zone opens a fixed set of streams). */
  private static int streamsOfOneConnection() {
    await("one connection of " + ZONE + " counted on global")
        .atMost(Sync.BOUND)
        .pollInterval(Duration.ofMillis(250))
        .untilAsserted(() -> {
          assertThat(Rest.liveSubscriptions(global, ZONE)).as("live subscriptions").hasSize(1);
          assertThat(StreamCountWatch.activeStreams(global, ZONE))
              .as("kds_zone_active_connections in\n" + Rest.metrics(global))
              .isPositive();
        });
    return StreamCountWatch.activeStreams(global, ZONE);
  }

  private static ZoneNode awaitSingleLeader() {
    List<ZoneNode> leaders = new ArrayList<>();
    await("exactly one instance of " + ZONE + " leads")
        .atMost(Sync.BOUND)
        .pollInterval(Duration.ofMillis(200))
        .until(() -> {
          leaders.clear();
          instances.stream().filter(ZoneFailoverE2eTest::isLeader).forEach(leaders::add);
          return leaders.size() == 1 && liveSubscriptionId().isPresent();
        });
    return leaders.getFirst();
  }

  private static boolean isLeader(ZoneNode instance) {
    try {
      String body = instance.isAlive() ? instance.get("/zone/status") : null;
      return body != null && Rest.JSON.readTree(body).path("global").path("leader").asBoolean();
    } catch (IllegalStateException e) {
      return false;
    }
  }

  private static Optional<String> liveSubscriptionId() {
    List<tools.jackson.databind.JsonNode> live = Rest.liveSubscriptions(global, ZONE);
    return live.size() == 1 ? Optional.of(live.getFirst().path("id").asString()) : Optional.empty();
  }

  private static ZoneNode other(ZoneNode instance) {
    return instances.get(0) == instance ? instances.get(1) : instances.get(0);
  }
}
