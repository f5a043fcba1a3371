package io.meshforge.zone.kds;

import static io.meshforge.zone.Resources.labelled;
import static io.meshforge.zone.Resources.mesh;
import static io.meshforge.zone.Resources.timeout;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshforge.kds.sync.SyncBatch;
import io.meshforge.model.Resource;
import io.meshforge.model.ResourceTypes;
import io.meshforge.model.WellKnownLabels;
import io.meshforge.model.store.InMemoryResourceStore;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The sink's own guard: only copies that came from global (global-origin, or another zone's) are
 * ever changed or deleted.
 */
class ZoneSyncSinkTest {
  private final InMemoryResourceStore store = new InMemoryResourceStore();
  private final EpochGuard epoch = new EpochGuard(EpochMemory.inMemory(), "");
  private final ZoneSyncSink sink = new ZoneSyncSink("east", store, epoch);
  private Resource own;
  private Resource copy;

  @BeforeEach
  void seed() {
    store.create(labelled(mesh("default"), WellKnownLabels.ORIGIN, "global"));
    own = store.create(labelled(timeout("default", "own", "1s"), WellKnownLabels.ORIGIN, "zone"));
    copy =
        store.create(labelled(timeout("default", "copy", "1s"), WellKnownLabels.ORIGIN, "global"));
    epoch.connected("a");
  }

  @Test
  void apply_deleteNamingAZoneResource_deletesOnlyTheGlobalCopy() {
    sink.apply(
        new SyncBatch(ResourceTypes.MESH_TIMEOUT, List.of(), List.of(own.key(), copy.key()), true));

    assertThat(store.get(own.key())).isPresent();
    assertThat(store.get(copy.key())).isEmpty();
  }

  @Test
  void apply_upsertOverAZoneResource_keepsTheZoneResource() {
    Resource intruder = labelled(timeout("default", "own", "9s"), WellKnownLabels.ORIGIN, "global");

    sink.apply(new SyncBatch(ResourceTypes.MESH_TIMEOUT, List.of(intruder), List.of(), false));

    assertThat(store.get(own.key()).orElseThrow().labels())
        .containsEntry(WellKnownLabels.ORIGIN, "zone");
  }

  @Test
  void apply_anotherZonesCopy_isUpdatedAndDeletedLikeAGlobalCopy() {
    Resource west =
        labelled(
            labelled(timeout("default", "from-west", "1s"), WellKnownLabels.ORIGIN, "zone"),
            WellKnownLabels.ZONE,
            "west");
    store.create(west);
    Resource changed =
        labelled(
            labelled(timeout("default", "from-west", "7s"), WellKnownLabels.ORIGIN, "zone"),
            WellKnownLabels.ZONE,
            "west");

    sink.apply(new SyncBatch(ResourceTypes.MESH_TIMEOUT, List.of(changed), List.of(), false));
    assertThat(store.get(west.key()).orElseThrow().spec()).isEqualTo(changed.spec());

    sink.apply(new SyncBatch(ResourceTypes.MESH_TIMEOUT, List.of(), List.of(west.key()), false));
    assertThat(store.get(west.key())).isEmpty();
  }

  @Test
  void apply_afterEpochChange_holdsDeletesAndCountsThem() {
    epoch.connected("b");

    sink.apply(new SyncBatch(ResourceTypes.MESH_TIMEOUT, List.of(), List.of(copy.key()), true));

    assertThat(store.get(copy.key())).isPresent();
    assertThat(epoch.status().heldDeletions()).isEqualTo(1);
    assertThat(epoch.deletionsAllowed()).isFalse();
  }

  @Test
  void connected_withTheConfiguredAcceptedEpoch_trustsItWithoutConfirmation() {
    EpochMemory memory = EpochMemory.inMemory();
    memory.save("a");
    EpochGuard guard = new EpochGuard(memory, "b");

    guard.connected("b");

    assertThat(guard.deletionsAllowed()).isTrue();
    assertThat(memory.load()).contains("b");
  }
}
