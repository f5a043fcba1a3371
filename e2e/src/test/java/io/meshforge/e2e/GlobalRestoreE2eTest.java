package io.meshforge.e2e;

import static io.meshforge.e2e.Resources.timeout;
import static io.meshforge.e2e.Resources.timeoutPath;
import static io.meshforge.e2e.StoreView.key;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.meshforge.local.GlobalNode;
import io.meshforge.local.ZoneNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * F12: global is put back to an older copy of its database (its embedded data directory, copied
 * while global was stopped) after more writes reached the zone. Nobody runs the rotate step: global
 * must notice the rewind itself and advertise a new store epoch, the zone must hold back the
 * deletions the older data implies, and only after an operator confirms does it converge.
 */
@ExtendWith(ChildLogsOnFailure.class)
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class GlobalRestoreE2eTest {
  static final String MESH = "f12";

  static Deployment deployment;
  static GlobalNode global;
  static Api onGlobal;
  static ZoneNode eastNode;
  static Api east;

  @BeforeAll
  static void startDeployment() {
    deployment = Deployment.start("restore", "east");
    global = deployment.global();
    onGlobal = Api.of(global);
    eastNode = deployment.zone("east");
    east = Api.of(eastNode);
  }

  @AfterAll
  static void stopDeployment() {
    if (deployment != null) {
      deployment.close();
    }
  }

  @Test
  void globalRestoredFromAnOlderCopy_zoneHoldsTheDeletions_untilTheOperatorConfirms() {
    Sync.createMesh(onGlobal, MESH, east);
    Map<String, Integer> backedUp = new TreeMap<>();
    put("kept", 1, backedUp);
    Sync.awaitView(east, MESH, backedUp, Sync.BOUND);
    String trusted = epochStatus().path("trusted").asString();

    global.stop();
    Path data = global.spec().stateDir().resolve("postgres");
    Path backup = deployment.dir().resolve("global-backup");
    copy(data, backup);
    global.start(Deployment.START);
    Map<String, Integer> afterBackup = new TreeMap<>(backedUp);
    put("lost-1", 2, afterBackup);
    put("lost-2", 3, afterBackup);
    // east's reconnect backoff grew while global was down: allow for it
    Sync.awaitView(east, MESH, afterBackup, Sync.AFTER_RECONNECT);

    global.stop();
    deleteRecursively(data);
    copy(backup, data);
    try (PhantomDeleteWatch watch =
        PhantomDeleteWatch.start(
            new PhantomDeleteWatch.Probe(east, MESH, List.copyOf(afterBackup.keySet())))) {
      global.start(Deployment.START);
      assertThat(StoreView.read(onGlobal, MESH))
          .as("global holds the restored copy")
          .isEqualTo(backedUp);
      await("east sees global's store epoch changed and holds deletions")
          .atMost(Sync.AFTER_RECONNECT)
          .pollInterval(Duration.ofMillis(250))
          .ignoreExceptions()
          .until(() ->
              "CHANGED".equals(epochStatus().path("state").asString())
                  && epochStatus().path("heldDeletions").asInt() > 0);
      // a new write on the restored global still arrives: upserts apply while deletions wait
      put("after-restore", 4, backedUp);
      Map<String, Integer> held = new TreeMap<>(afterBackup);
      held.putAll(backedUp);
      Sync.awaitView(east, MESH, held, Sync.BOUND);
      assertThat(watch.stop()).as("east deleted before the operator confirmed").isEmpty();
      assertThat(watch.rounds()).isPositive();
    }
    JsonNode changed = epochStatus();
    String advertised = changed.path("advertised").asString();
    assertThat(advertised).as("the restored store advertises a new epoch").isNotEqualTo(trusted);
    assertThat(changed.path("trusted").asString()).isEqualTo(trusted);

    assertThat(confirm("not-the-epoch")).isEqualTo(400);
    assertThat(confirm(advertised)).isEqualTo(200);
    Sync.awaitView(east, MESH, backedUp, Sync.AFTER_RECONNECT);
    assertThat(epochStatus().path("trusted").asString()).isEqualTo(advertised);
  }

  private static void put(String name, int seconds, Map<String, Integer> expected) {
    assertThat(onGlobal.putYaml(timeoutPath(MESH, name), timeout(MESH, name, seconds)))
        .isBetween(200, 201);
    expected.put(key("MeshTimeout", "global", name), seconds);
  }

  private static JsonNode epochStatus() {
    String body = eastNode.get("/zone/status");
    if (body == null) {
      throw new IllegalStateException("east does not answer /zone/status");
    }
    return Rest.JSON.readTree(body).path("global").path("epoch");
  }

  private static int confirm(String epoch) {
    try {
      return HttpClient.newHttpClient()
          .send(
              HttpRequest.newBuilder(
                      URI.create(eastNode.apiUrl() + "/zone/epoch/confirm?epoch=" + epoch))
                  .header("Authorization", "Bearer " + eastNode.adminToken())
                  .POST(HttpRequest.BodyPublishers.noBody())
                  .build(),
              HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Copies a stopped database's data directory (what a cold backup is). */
  private static void copy(Path from, Path to) {
    assertThat(from.resolve("postmaster.pid")).as("the database is stopped").doesNotExist();
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path source : paths.toList()) {
        Path target = to.resolve(from.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(target);
          // PostgreSQL refuses a data directory others can read
          Files.setPosixFilePermissions(target, Files.getPosixFilePermissions(source));
        } else {
          Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteRecursively(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
