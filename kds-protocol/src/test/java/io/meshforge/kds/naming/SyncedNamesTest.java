package io.meshforge.kds.naming;

import static io.meshforge.kds.Fixtures.mesh;
import static io.meshforge.kds.Fixtures.timeout;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshforge.model.ResourceTypes;
import io.meshforge.model.WellKnownLabels;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SyncedNamesTest {

  @Test
  void suffix_sameInputs_sameSuffixOf16AlphabetChars() {
    String suffix = SyncedNames.suffix("default", "web", "east");

    assertThat(SyncedNames.suffix("default", "web", "east")).isEqualTo(suffix);
    assertThat(suffix).hasSize(16).matches("[bcdfghjklmnpqrstvwxz2456789]{16}");
  }

  @Test
  void suffix_anyInputDiffers_suffixDiffers() {
    String base = SyncedNames.suffix("default", "web", "east");

    assertThat(SyncedNames.suffix("other", "web", "east")).isNotEqualTo(base);
    assertThat(SyncedNames.suffix("default", "web2", "east")).isNotEqualTo(base);
    assertThat(SyncedNames.suffix("default", "web", "west")).isNotEqualTo(base);
    assertThat(SyncedNames.suffix("defaultw", "eb", "east")).isNotEqualTo(base);
  }

  @Test
  void suffix_seededRandomNames_noCollisionsAmong10000() {
    Random random = new Random(42);
    Set<String> suffixes = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      suffixes.add(SyncedNames.suffix("m", "svc-" + random.nextLong(), "z" + (i % 7)));
    }
    assertThat(suffixes).hasSize(10_000);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 100, 236, 237, 253})
  void syncedName_anyLength_atMost253AndEndsWithSuffix(int length) {
    String displayName = "a".repeat(length);

    String name = SyncedNames.syncedName("m", displayName, "z");

    assertThat(name).hasSizeLessThanOrEqualTo(SyncedNames.MAX_NAME_LENGTH);
    assertThat(name).endsWith("-" + SyncedNames.suffix("m", displayName, "z"));
  }

  @Test
  void forZones_policy_renamedAndStampedStatusStripped() {
    var local =
        timeout("default", "mt-1", Map.of(), "{}")
            .withStatus(io.meshforge.kds.Fixtures.json("{\"x\":1}"));

    var copy = SyncedCopies.forZones(local);

    assertThat(copy.name()).isEqualTo("mt-1-" + SyncedNames.suffix("default", "mt-1", ""));
    assertThat(copy.labels())
        .containsEntry(WellKnownLabels.ORIGIN, "global")
        .containsEntry(WellKnownLabels.DISPLAY_NAME, "mt-1")
        .doesNotContainKey(WellKnownLabels.ZONE);
    assertThat(copy.status().isEmpty()).isTrue();
  }

  @Test
  void forGlobal_thenForZones_rebroadcastKeepsTheGlobalName() {
    var local = timeout("default", "web", Map.of(WellKnownLabels.ZONE, "spoofed"), "{}");

    var onGlobal = SyncedCopies.forGlobal(local, "east");
    var inOtherZone = SyncedCopies.forZones(onGlobal);

    assertThat(onGlobal.labels())
        .containsEntry(WellKnownLabels.ORIGIN, "zone")
        .containsEntry(WellKnownLabels.ZONE, "east")
        .containsEntry(WellKnownLabels.DISPLAY_NAME, "web");
    assertThat(onGlobal.name()).isEqualTo(SyncedNames.syncedName("default", "web", "east"));
    assertThat(inOtherZone.name()).isEqualTo(onGlobal.name());
    assertThat(inOtherZone.labels()).containsEntry(WellKnownLabels.ORIGIN, "zone");
  }

  @Test
  void forZones_exemptType_keepsName() {
    var copy = SyncedCopies.forZones(mesh("default"));

    assertThat(SyncedNames.exempt(ResourceTypes.MESH)).isTrue();
    assertThat(copy.name()).isEqualTo("default");
    assertThat(copy.labels()).containsEntry(WellKnownLabels.ORIGIN, "global");
  }
}
