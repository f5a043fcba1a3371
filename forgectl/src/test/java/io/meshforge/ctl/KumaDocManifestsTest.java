package io.meshforge.ctl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The manifests under {@code src/test/resources/kuma-docs} (policies in the shape of Kuma's
 * documentation, also applied to a real global by the e2e module) pass forgectl's client-side
 * validation: a failure here means the e2e test would fail for the manifests, not the server.
 */
class KumaDocManifestsTest {
  static final Path MANIFESTS = Path.of("src/test/resources/kuma-docs");

  @TempDir Path home;

  @Test
  void dryRun_kumaDocManifests_validAndMeshFirst() {
    CtlRunner.Result result =
        new CtlRunner(home)
            .run("apply", "-f", MANIFESTS.toString(), "--dry-run", "-v", "mesh=docs");

    assertThat(result.code()).as(result.err()).isZero();
    assertThat(result.out().split("(?m)^---$")).hasSize(5);
    assertThat(result.out())
        .startsWith("type: Mesh\nname: docs\n")
        .contains("type: MeshTimeout", "type: MeshRetry", "type: MeshTrafficPermission")
        .contains("type: MeshCircuitBreaker");
  }
}
