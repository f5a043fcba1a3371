package io.meshforge.e2e;

import static io.meshforge.e2e.Resources.dataplane;
import static io.meshforge.e2e.Resources.dataplanePath;
import static io.meshforge.e2e.Resources.timeout;
import static io.meshforge.e2e.Resources.timeoutPath;
import static io.meshforge.e2e.StoreView.key;
import static io.meshforge.e2e.Sync.AFTER_RECONNECT;
import static io.meshforge.e2e.Sync.BOUND;
import static io.meshforge.e2e.Sync.awaitState;
import static io.meshforge.e2e.Sync.awaitView;
import static io.meshforge.e2e.Sync.merge;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshforge.local.GlobalNode;
import io.meshforge.local.ZoneNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Control planes crash (SIGKILL) and come back: F1 (global), F2 (a zone). One deployment for the
 * class; each test works in its own mesh and leaves every process running.
 */
@ExtendWith(ChildLogsOnFailure.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 12, unit = TimeUnit.MINUTES)
class CrashRecoveryE2eTest {
  static Deployment deployment;
  static GlobalNode global;
  static Api onGlobal;
  static Api east;
  static Api west;

  @BeforeAll
  static void startDeployment() {
    deployment = Deployment.start("crash", "east", "west");
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

  /** F1: global is SIGKILLed repeatedly while the zones keep working. */
  @Test
  @Order(1)
  void globalKilled_zonesKeepServingAndWriting_everything2xxSurvives_localWritesReachGlobal() {
    Sync.createMesh(onGlobal, "f1", east, west);
    Map<String, Integer> fromGlobal = new TreeMap<>();
    for (int i = 0; i < 5; i++) {
      assertThat(onGlobal.putYaml(timeoutPath("f1", "g-" + i), timeout("f1", "g-" + i, 1 + i)))
          .isEqualTo(201);
      fromGlobal.put(key("MeshTimeout", "global", "g-" + i), 1 + i);
    }
    Map<String, Integer> eastOwn = new TreeMap<>();
    Map<String, Integer> westOwn = new TreeMap<>();
    writeDataplane(east, "f1", "east-dp-0", 8000, eastOwn);
    writeDataplane(west, "f1", "west-dp-0", 9000, westOwn);
    awaitAll("f1", fromGlobal, eastOwn, westOwn, BOUND);
    String eastCopyCreated = Sync.creationTime(east, "f1", "meshtimeouts", "g-0");

    int cycles = Integer.getInteger("e2e.f1.cycles", 3);
    try (PhantomDeleteWatch watch =
        PhantomDeleteWatch.start(
            new PhantomDeleteWatch.Probe(east, "f1", List.copyOf(fromGlobal.keySet())),
            new PhantomDeleteWatch.Probe(west, "f1", List.copyOf(fromGlobal.keySet())))) {
      for (int cycle = 1; cycle <= cycles; cycle++) {
        global.kill();
        // global is gone: zones keep serving their synced copies and accept local writes
        assertThat(StoreView.read(east, "f1")).containsAllEntriesOf(fromGlobal);
        assertThat(StoreView.read(west, "f1")).containsAllEntriesOf(fromGlobal);
        writeDataplane(east, "f1", "east-dp-" + cycle, 8000 + cycle, eastOwn);
        Map<String, Integer> ownPolicy =
            Map.of(key("MeshTimeout", "west", "west-pol-" + cycle), 40);
        assertThat(
                west.putYaml(
                    timeoutPath("f1", "west-pol-" + cycle), timeout("f1", "west-pol-" + cycle, 40)))
            .isEqualTo(201);
        westOwn.putAll(ownPolicy);

        Instant restart = Instant.now();
        global.start(Deployment.START);
        String after = "after-" + cycle;
        assertThat(onGlobal.putYaml(timeoutPath("f1", after), timeout("f1", after, 20 + cycle)))
            .isEqualTo(201);
        fromGlobal.put(key("MeshTimeout", "global", after), 20 + cycle);
        deployment.awaitOnline("east", "west");
        awaitAll("f1", fromGlobal, eastOwn, westOwn, AFTER_RECONNECT);
        System.out.println(
            "[e2e] F1 cycle "
                + cycle
                + ": restart and convergence took "
                + Duration.between(restart, Instant.now()).toSeconds()
                + " s");
      }
      assertThat(watch.stop()).as("phantom deletes in zones while global was down (L2)").isEmpty();
      assertThat(watch.rounds()).isPositive();
    }
    assertThat(Sync.creationTime(east, "f1", "meshtimeouts", "g-0"))
        .as("east's copy survived every restart of global without being re-created")
        .isEqualTo(eastCopyCreated);
  }

  /** F2: a zone is SIGKILLed while global writes; it catches up without churning the rest. */
  @Test
  @Order(2)
  void zoneKilled_globalWritesContinue_zoneCatchesUp_unchangedCopiesKeepTheirTimes() {
    Sync.createMesh(onGlobal, "f2", east, west);
    Map<String, Integer> fromGlobal = new TreeMap<>();
    for (String name : List.of("same-0", "same-1", "same-2", "changed", "deleted")) {
      assertThat(onGlobal.putYaml(timeoutPath("f2", name), timeout("f2", name, 5))).isEqualTo(201);
      fromGlobal.put(key("MeshTimeout", "global", name), 5);
    }
    Map<String, Integer> westOwn = new TreeMap<>();
    writeDataplane(west, "f2", "west-dp", 9100, westOwn);
    awaitAll("f2", fromGlobal, Map.of(), westOwn, BOUND);
    Map<String, String> before = unchangedTimes(west);

    ZoneNode westNode = deployment.zone("west");
    westNode.kill();
    awaitState(global, "west", "Offline", Deployment.OFFLINE_BOUND);
    onGlobal.putYaml(timeoutPath("f2", "changed"), timeout("f2", "changed", 9));
    fromGlobal.put(key("MeshTimeout", "global", "changed"), 9);
    assertThat(onGlobal.delete(timeoutPath("f2", "deleted"))).isEqualTo(200);
    fromGlobal.remove(key("MeshTimeout", "global", "deleted"));
    for (int i = 0; i < 3; i++) {
      onGlobal.putYaml(timeoutPath("f2", "new-" + i), timeout("f2", "new-" + i, 7));
      fromGlobal.put(key("MeshTimeout", "global", "new-" + i), 7);
    }
    awaitView(east, "f2", fromGlobal, BOUND);
    assertThat(StoreView.read(onGlobal, "f2"))
        .as("global keeps the crashed zone's Dataplane (L2)")
        .containsAllEntriesOf(westOwn);

    westNode.start(Deployment.START);
    deployment.awaitOnline("west");
    awaitAll("f2", fromGlobal, Map.of(), westOwn, AFTER_RECONNECT);
    assertThat(unchangedTimes(west))
        .as("copies global did not change keep their creation and modification times")
        .isEqualTo(before);
  }

  /**
   * The model-based sync test: a seeded random sequence of writes on global and in the zones,
   * interleaved with link resets, short silent partitions and one zone restart; after quiescing
   * every store equals the model. Reproduce a failure with {@code -De2e.model.seed=<seed>}.
   */
  @Test
  @Order(3)
  void seededRandomWritesAndFaults_afterQuiescing_everyStoreEqualsTheModel() {
    long seed = Long.getLong("e2e.model.seed", 20261122L);
    int steps = Integer.getInteger("e2e.model.steps", 60);
    System.out.println("[e2e] model-based sync test: seed " + seed + ", " + steps + " steps");
    Sync.createMesh(onGlobal, "model", east, west);
    SyncModel model = new SyncModel("model", seed, List.of("east", "west"));
    Map<String, Api> apis = Map.of("global", onGlobal, "east", east, "west", west);
    List<String> trace = new java.util.ArrayList<>();
    for (int step = 0; step < steps; step++) {
      if (step == steps / 2) {
        String zone = model.random().nextBoolean() ? "east" : "west";
        trace.add("restart " + zone);
        ZoneNode node = deployment.zone(zone);
        node.kill();
        node.start(Deployment.START);
      }
      int fault = model.random().nextInt(10);
      String target = model.random().nextBoolean() ? "east" : "west";
      if (fault == 0) {
        trace.add("reset " + target);
        deployment.proxy(target).resetAll();
      } else if (fault == 1) {
        trace.add("blackhole " + target);
        deployment.proxy(target).blackhole(true);
      } else if (fault == 2) {
        trace.add("heal " + target);
        deployment.proxy(target).heal();
      }
      SyncModel.Op op = model.next();
      Api api = apis.get(op.where());
      int status = op.isDelete() ? api.delete(op.path()) : api.putYaml(op.path(), op.yaml());
      trace.add(op + " -> " + status);
      assertThat(status)
          .as("seed " + seed + ", step " + step + ": " + op + "\n" + String.join("\n", trace))
          .isBetween(200, 201);
      model.applied(op);
    }
    System.out.println("[e2e] model trace (seed " + seed + "): " + String.join("; ", trace));
    deployment.healAll();
    deployment.awaitOnline("east", "west");
    awaitView(onGlobal, "model", model.expectedOnGlobal(), AFTER_RECONNECT);
    awaitView(east, "model", model.expectedIn("east"), AFTER_RECONNECT);
    awaitView(west, "model", model.expectedIn("west"), AFTER_RECONNECT);
  }

  /** Creation/modification times of the {@code same-*} copies in a zone. */
  private static Map<String, String> unchangedTimes(Api zone) {
    Map<String, String> times = new TreeMap<>();
    for (var r : Rest.list(zone, "f2", "meshtimeouts")) {
      String name = Rest.displayName(r);
      if (name.startsWith("same-")) {
        times.put(
            name, r.path("creationTime").asString() + "/" + r.path("modificationTime").asString());
      }
    }
    assertThat(times).hasSize(3);
    return times;
  }

  static void writeDataplane(
      Api zone, String mesh, String name, int port, Map<String, Integer> own) {
    assertThat(zone.putYaml(dataplanePath(mesh, name), dataplane(mesh, name, port)))
        .as(zone.name() + " accepts its own Dataplane " + name)
        .isEqualTo(201);
    own.put(key("Dataplane", zone.name(), name), port);
  }

  /** Global holds its policies and both zones' resources; each zone its own and global's. */
  static void awaitAll(
      String mesh,
      Map<String, Integer> fromGlobal,
      Map<String, Integer> eastOwn,
      Map<String, Integer> westOwn,
      Duration bound) {
    awaitView(onGlobal, mesh, merge(fromGlobal, eastOwn, westOwn), bound);
    awaitView(east, mesh, merge(fromGlobal, eastOwn), bound);
    awaitView(west, mesh, merge(fromGlobal, westOwn), bound);
  }
}
