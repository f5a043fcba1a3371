package io.meshforge.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.meshforge.local.GlobalNode;
import io.meshforge.local.ZoneNode;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/** Waits and small reads the e2e tests share. Every wait has a deadline. */
final class Sync {
  /** A change reaches a connected zone (or global) within this. */
  static final Duration BOUND = Duration.ofSeconds(30);

  /** Convergence after a reconnect: the zone's backoff may have grown while it was cut off. */
  static final Duration AFTER_RECONNECT = Duration.ofSeconds(90);

  private Sync() {}

  /** Creates a Mesh on global and waits until every zone has it. */
  static void createMesh(Api global, String mesh, Api... zones) {
    assertThat(global.putYaml("/meshes/" + mesh, Resources.mesh(mesh))).isEqualTo(201);
    for (Api zone : zones) {
      await(zone.name() + " gets Mesh " + mesh)
          .atMost(BOUND)
          .ignoreExceptions()
          .until(() -> zone.get("/meshes/" + mesh) != null);
    }
  }

  /** Waits until {@code api} holds exactly {@code expected} in the mesh (see {@link StoreView}). */
  static void awaitView(Api api, String mesh, Map<String, Integer> expected, Duration bound) {
    await(api.name() + " holds exactly the expected resources of mesh " + mesh)
        .atMost(bound)
        .pollInterval(Duration.ofMillis(250))
        .ignoreExceptions()
        .untilAsserted(
            () -> assertThat(StoreView.read(api, mesh)).isEqualTo(new TreeMap<>(expected)));
  }

  /** Waits until {@code api} holds at least {@code expected} in the mesh. */
  static void awaitContains(Api api, String mesh, Map<String, Integer> expected) {
    await(api.name() + " holds the expected resources of mesh " + mesh)
        .atMost(BOUND)
        .pollInterval(Duration.ofMillis(250))
        .ignoreExceptions()
        .untilAsserted(() -> assertThat(StoreView.read(api, mesh)).containsAllEntriesOf(expected));
  }

  /** Waits until global reports the zone in {@code state} (Online/Offline). */
  static void awaitState(GlobalNode global, String zone, String state, Duration bound) {
    await(zone + " " + state + " on global")
        .atMost(bound)
        .pollInterval(Duration.ofMillis(200))
        .until(() -> state.equals(Rest.zoneStates(global).get(zone)));
  }

  @SafeVarargs
  static Map<String, Integer> merge(Map<String, Integer>... parts) {
    Map<String, Integer> all = new TreeMap<>();
    for (Map<String, Integer> part : parts) {
      all.putAll(part);
    }
    return all;
  }

  /** The creation time of the resource with this display name (a re-created one has a new one). */
  static String creationTime(Api api, String mesh, String path, String displayName) {
    return Rest.find(api, mesh, path, displayName).orElseThrow().path("creationTime").asString();
  }

  /** The number of KDS connection attempts a zone made ({@code /zone/status}). */
  static int attempts(ZoneNode zone) {
    String body = zone.get("/zone/status");
    return body == null ? 0 : Rest.JSON.readTree(body).path("global").path("attempts").asInt();
  }

  /** Paces a fault schedule (not a wait for a condition: the next fault is simply due). */
  static void pace(Duration period) {
    try {
      Thread.sleep(period.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
