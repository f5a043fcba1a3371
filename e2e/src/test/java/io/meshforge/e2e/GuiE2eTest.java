package io.meshforge.e2e;

import static io.meshforge.e2e.Resources.dataplane;
import static io.meshforge.e2e.Resources.dataplanePath;
import static io.meshforge.e2e.Resources.mesh;
import static io.meshforge.e2e.Resources.timeout;
import static io.meshforge.e2e.Resources.timeoutPath;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.meshforge.local.GlobalNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * The GUI global serves at {@code /gui}, driven in headless Chromium: global and two zones (east,
 * west) in their own JVMs, a Dataplane registered through each zone's REST API (no Envoy: the GUI
 * only reads resources, which KDS brings to global) and a MeshTimeout written on global that
 * matches them. {@code src/test/gui/gui-check.mjs} (playwright-core driving Debian's {@code
 * /usr/bin/chromium}) visits the pages, checks what they show and saves screenshots to {@code
 * target/gui-screenshots}. Missing Chromium or Node fails the test with how to install them; it
 * never skips.
 */
@ExtendWith(ChildLogsOnFailure.class)
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class GuiE2eTest {
  static final String MESH = "shop";
  static final String POLICY = "gui-timeout";
  static final Path SCREENSHOTS = Path.of("target", "gui-screenshots");
  static final List<String> PAGES =
      List.of(
          "00-sign-in",
          "01-overview",
          "02-zones",
          "03-zone-detail",
          "04-meshes",
          "05-dataplanes",
          "06-dataplane-policies",
          "07-policies",
          "08-policy-yaml");

  static Deployment deployment;
  static GlobalNode global;

  @BeforeAll
  static void startDeployment() {
    HeadlessBrowser.requireInstalled();
    deployment = Deployment.start("gui", "east", "west");
    global = deployment.global();
  }

  @AfterAll
  static void stopDeployment() {
    if (deployment != null) {
      deployment.close();
    }
  }

  @Test
  void guiPages_twoZonesAndAMatchedPolicy_showThemAndSaveScreenshots() throws IOException {
    Api onGlobal = Api.of(global);
    assertThat(onGlobal.putYaml("/meshes/" + MESH, mesh(MESH))).isIn(200, 201);
    assertThat(onGlobal.putYaml(timeoutPath(MESH, POLICY), timeout(MESH, POLICY, 3)))
        .isIn(200, 201);
    register(Api.of(deployment.zone("east")), "web-1", 8080);
    register(Api.of(deployment.zone("west")), "api-1", 9090);
    awaitMatchedOnGlobal(onGlobal, "web-1");
    awaitMatchedOnGlobal(onGlobal, "api-1");
    deleteOldScreenshots();

    HeadlessBrowser.Run run =
        HeadlessBrowser.runScript(
            "gui-check.mjs",
            List.of(
                "--url",
                global.apiUrl(),
                "--token",
                global.adminToken(),
                "--out",
                SCREENSHOTS.toAbsolutePath().toString(),
                "--mesh",
                MESH,
                "--dataplane",
                "web-1",
                "--policy-type",
                "MeshTimeout",
                "--policy-path",
                "meshtimeouts",
                "--policy",
                POLICY,
                "--zones",
                "east,west"),
            Duration.ofMinutes(3));

    assertThat(run.exitCode()).as("gui-check.mjs output:%n%s", run.output()).isZero();
    for (String page : PAGES) {
      Path png = SCREENSHOTS.resolve(page + ".png");
      assertThat(png).as("screenshot of %s", page).exists();
      assertThat(Files.size(png)).as("size of %s", png).isGreaterThan(10_000);
    }
  }

  /** PUTs a Dataplane on a zone once the mesh has reached it (before, the zone answers 404). */
  private static void register(Api zone, String name, int port) {
    await(name + " registered on " + zone.name())
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(250))
        .until(() ->
            List.of(200, 201)
                .contains(zone.putYaml(dataplanePath(MESH, name), dataplane(MESH, name, port))));
  }

  /** Waits until global has the zone's Dataplane and matches the global MeshTimeout to it. */
  private static void awaitMatchedOnGlobal(Api onGlobal, String displayName) {
    await(displayName + " on global with " + POLICY + " matched")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(250))
        .ignoreExceptions()
        .until(() -> {
          JsonNode dp = Rest.find(onGlobal, MESH, "dataplanes", displayName).orElseThrow();
          String report =
              onGlobal.get(dataplanePath(MESH, dp.path("name").asString()) + "/_policies");
          return report != null && report.contains("\"" + POLICY + "\"");
        });
  }

  private static void deleteOldScreenshots() throws IOException {
    Files.createDirectories(SCREENSHOTS);
    List<Path> old = new ArrayList<>();
    try (var files = Files.list(SCREENSHOTS)) {
      files.filter(p -> p.toString().endsWith(".png")).forEach(old::add);
    }
    for (Path png : old) {
      Files.delete(png);
    }
  }
}
