package io.meshforge.e2e;

import static io.meshforge.e2e.Resources.dataplane;
import static io.meshforge.e2e.Resources.dataplanePath;
import static io.meshforge.e2e.Resources.timeout;
import static io.meshforge.e2e.Resources.timeoutPath;
import static io.meshforge.e2e.StoreView.key;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshforge.local.GlobalNode;
import io.meshforge.model.Resource;
import io.meshforge.model.ResourceKey;
import io.meshforge.model.ResourceType;
import io.meshforge.model.ResourceTypes;
import io.meshforge.model.WellKnownLabels;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * S3, S4 over real processes: a zone with a valid token for {@code zone-a} (a test-side KDS client,
 * {@link HostileZone}) sends global-only and unrequested types, and tries to overwrite and delete
 * the real zone {@code west}'s and global's objects. Global answers with a NACK or closes the
 * stream; nothing it owns or west owns changes, and whatever it stored is attributed to zone-a.
 */
@ExtendWith(ChildLogsOnFailure.class)
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class HostileZoneE2eTest {
  static final String MESH = "s34";
  static final String HOSTILE = "zone-a";

  static Deployment deployment;
  static GlobalNode global;
  static Api onGlobal;
  static Api west;

  @BeforeAll
  static void startDeployment() {
    deployment = Deployment.start("hostile", "west");
    global = deployment.global();
    onGlobal = Api.of(global);
    west = Api.of(deployment.zone("west"));
  }

  @AfterAll
  static void stopDeployment() {
    if (deployment != null) {
      deployment.close();
    }
  }

  @Test
  void hostileZone_globalOnlyUnrequestedOverwritesAndRemovals_changeNothingItDoesNotOwn()
      throws Exception {
    Sync.createMesh(onGlobal, MESH, west);
    assertThat(onGlobal.putYaml(timeoutPath(MESH, "global-pol"), timeout(MESH, "global-pol", 5)))
        .isEqualTo(201);
    assertThat(west.putYaml(dataplanePath(MESH, "west-dp"), dataplane(MESH, "west-dp", 9000)))
        .isEqualTo(201);
    assertThat(west.putYaml(timeoutPath(MESH, "west-pol"), timeout(MESH, "west-pol", 6)))
        .isEqualTo(201);
    Map<String, Integer> legit =
        Map.of(
            key("MeshTimeout", "global", "global-pol"), 5,
            key("Dataplane", "west", "west-dp"), 9000,
            key("MeshTimeout", "west", "west-pol"), 6);
    Sync.awaitView(onGlobal, MESH, legit, Sync.BOUND);
    Sync.awaitView(west, MESH, legit, Sync.BOUND);
    String globalBefore = times(onGlobal);
    String westBefore = times(west);
    ResourceKey westDp = keyOnGlobal(ResourceTypes.DATAPLANE, "dataplanes", "west-dp");
    ResourceKey westPol = keyOnGlobal(ResourceTypes.MESH_TIMEOUT, "meshtimeouts", "west-pol");
    ResourceKey globalPol = new ResourceKey(ResourceTypes.MESH_TIMEOUT, MESH, "global-pol");

    List<String> trace = new ArrayList<>();
    try (Attacks attacks = new Attacks(global.issueZoneToken(HOSTILE), trace)) {
      // S3: global-only and unrequested types
      attacks.refused(ResourceTypes.MESH, List.of(mesh("hostile-mesh")), List.of());
      attacks.refused(
          ResourceTypes.GLOBAL_SECRET, List.of(globalSecret("hostile-secret")), List.of());
      attacks.refused(ResourceTypes.ZONE, List.of(zone("zone-b")), List.of());
      // a policy claiming global origin: refused, or kept as zone-a's own
      attacks.send(
          ResourceTypes.MESH_TIMEOUT,
          false,
          List.of(policy(MESH, "sneaky", "global", "", 42)),
          List.of());
      // S4: overwrite global's and west's objects under their own keys and labels
      attacks.send(
          ResourceTypes.MESH_TIMEOUT,
          false,
          List.of(
              policy(MESH, globalPol.name(), "global", "", 99),
              policy(MESH, westPol.name(), "zone", "west", 98)),
          List.of());
      attacks.send(ResourceTypes.DATAPLANE, false, List.of(dataplaneOf(westDp, 1)), List.of());
      // S4: remove them by delta, then by a complete state that names nothing
      attacks.send(ResourceTypes.MESH_TIMEOUT, false, List.of(), List.of(globalPol, westPol));
      attacks.send(ResourceTypes.DATAPLANE, false, List.of(), List.of(westDp));
      attacks.send(ResourceTypes.MESH_TIMEOUT, true, List.of(), List.of());
      attacks.send(ResourceTypes.DATAPLANE, true, List.of(), List.of());
    }
    System.out.println("[e2e] S3/S4 answers: " + String.join("; ", trace));

    assertThat(global.get("/meshes/hostile-mesh")).as("no Mesh from a zone").isNull();
    assertThat(global.get("/global-secrets/hostile-secret")).as("no GlobalSecret").isNull();
    assertThat(global.get("/zones/zone-b")).as("no Zone from a zone").isNull();
    Map<String, Integer> onGlobalNow = StoreView.read(onGlobal, MESH);
    Map<String, Integer> notZoneA = new TreeMap<>(onGlobalNow);
    notZoneA.keySet().removeIf(k -> k.split("/")[1].equals(HOSTILE));
    assertThat(notZoneA)
        .as("what global and west own, after the attacks (%s)", trace)
        .isEqualTo(legit);
    assertThat(times(onGlobal))
        .as("no object of global or west was rewritten")
        .isEqualTo(globalBefore);
    for (JsonNode timeout : Rest.list(onGlobal, MESH, "meshtimeouts")) {
      if (!List.of("global-pol", "west-pol").contains(Rest.displayName(timeout))) {
        assertThat(Rest.owner(timeout)).as("attribution of %s", timeout).isEqualTo(HOSTILE);
      }
    }
    Sync.awaitView(west, MESH, legit, Sync.BOUND);
    assertThat(times(west)).as("west's store untouched").isEqualTo(westBefore);
    deployment.awaitOnline("west");
  }

  /** One hostile connection, re-opened whenever global closes it. */
  private static final class Attacks implements AutoCloseable {
    private final String token;
    private final List<String> trace;
    private HostileZone zone;

    Attacks(String token, List<String> trace) {
      this.token = token;
      this.trace = trace;
    }

    /** Sends and expects a NACK or a closed stream. */
    void refused(ResourceType type, List<Resource> upserts, List<ResourceKey> removed)
        throws InterruptedException {
      HostileZone.Answer answer = send(type, false, upserts, removed);
      assertThat(answer.acked()).as("%s from a zone: %s", type.name(), answer).isFalse();
    }

    HostileZone.Answer send(
        ResourceType type, boolean complete, List<Resource> upserts, List<ResourceKey> removed)
        throws InterruptedException {
      if (zone == null || zone.closed()) {
        if (zone != null) {
          zone.close();
        }
        zone = new HostileZone(global, HOSTILE, token).open();
      }
      HostileZone.Answer answer = zone.send(type, complete, upserts, removed);
      trace.add(type.name() + (complete ? " complete" : " delta") + " -> " + answer);
      return answer;
    }

    @Override
    public void close() {
      if (zone != null) {
        zone.close();
      }
    }
  }

  /** The key of west's synced copy on global. */
  private static ResourceKey keyOnGlobal(ResourceType type, String path, String displayName) {
    JsonNode copy = Rest.find(onGlobal, MESH, path, displayName).orElseThrow();
    return new ResourceKey(type, MESH, copy.path("name").asString());
  }

  /** Name, creation and modification time of everything in the mesh. */
  private static String times(Api api) {
    StringBuilder all = new StringBuilder();
    for (String path : List.of("dataplanes", "meshtimeouts")) {
      for (JsonNode r : Rest.list(api, MESH, path)) {
        if (!HOSTILE.equals(Rest.owner(r))) {
          all.append(r.path("name").asString())
              .append('@')
              .append(r.path("creationTime").asString())
              .append('/')
              .append(r.path("modificationTime").asString())
              .append(' ');
        }
      }
    }
    return all.toString();
  }

  private static Resource mesh(String name) {
    return resource(new ResourceKey(ResourceTypes.MESH, "", name), Map.of(), "{}");
  }

  private static Resource globalSecret(String name) {
    return resource(
        new ResourceKey(ResourceTypes.GLOBAL_SECRET, "", name),
        Map.of(),
        "{\"data\":\"c2VjcmV0\"}");
  }

  private static Resource zone(String name) {
    return resource(new ResourceKey(ResourceTypes.ZONE, "", name), Map.of(), "{\"enabled\":true}");
  }

  private static Resource policy(
      String mesh, String name, String origin, String zone, int seconds) {
    Map<String, String> labels = new TreeMap<>(Map.of(WellKnownLabels.ORIGIN, origin));
    if (!zone.isEmpty()) {
      labels.put(WellKnownLabels.ZONE, zone);
    }
    return resource(
        new ResourceKey(ResourceTypes.MESH_TIMEOUT, mesh, name),
        labels,
        "{\"targetRef\":{\"kind\":\"Mesh\"},\"to\":[{\"targetRef\":{\"kind\":\"Mesh\"},"
            + "\"default\":{\"connectionTimeout\":\""
            + seconds
            + "s\"}}]}");
  }

  private static Resource dataplaneOf(ResourceKey key, int port) {
    return resource(
        key,
        Map.of(WellKnownLabels.ORIGIN, "zone", WellKnownLabels.ZONE, "west"),
        "{\"networking\":{\"address\":\"10.0.0.9\",\"inbound\":[{\"port\":"
            + port
            + ",\"tags\":{\"kuma.io/service\":\"west-dp\"}}]}}");
  }

  private static Resource resource(ResourceKey key, Map<String, String> labels, String spec) {
    return new Resource(
        key, labels, Rest.JSON.readTree(spec), Rest.JSON.createObjectNode(), 0, null, null);
  }
}
