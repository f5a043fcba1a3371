package io.meshforge.model.store;

import static io.meshforge.model.ResourceTypes.MESH;
import static io.meshforge.model.ResourceTypes.MESH_TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshforge.model.Resource;
import io.meshforge.model.ResourceKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResourceViewTest {

  private final ResourceView view = new ResourceView();
  private final List<List<ResourceChange>> batches = new ArrayList<>();

  ResourceViewTest() {
    view.addListener(batches::add);
  }

  @Test
  void apply_batch_notifiesOnceAfterWholeBatchWithHighestRevision() {
    List<Integer> sizeSeenByListener = new ArrayList<>();
    view.addListener(changes -> sizeSeenByListener.add(view.size()));

    view.apply(
        List.of(
            ResourceChange.upsert(5, ResourceChange.Operation.CREATE, stored(MESH, "", "a", 1)),
            ResourceChange.upsert(
                7, ResourceChange.Operation.CREATE, stored(MESH_TIMEOUT, "a", "t", 1))));

    assertThat(batches).hasSize(1);
    assertThat(sizeSeenByListener).containsExactly(2);
    assertThat(view.revision()).isEqualTo(7);
  }

  @Test
  void list_byMesh_returnsOnlyThatMeshOrderedByName() {
    for (String[] key : new String[][] {{"b", "y"}, {"a", "z"}, {"ab", "a"}, {"a", "c"}}) {
      view.apply(
          List.of(
              ResourceChange.upsert(
                  1, ResourceChange.Operation.CREATE, stored(MESH_TIMEOUT, key[0], key[1], 1))));
    }

    assertThat(view.list(MESH_TIMEOUT, "a")).extracting(Resource::name).containsExactly("c", "z");
    assertThat(view.list(MESH_TIMEOUT, null))
        .extracting(r -> r.mesh() + "/" + r.name())
        .containsExactly("a/c", "a/z", "ab/a", "b/y");
    assertThat(view.list(MESH, null)).isEmpty();
  }

  @Test
  void replaceAll_differentContent_notifiesTheDifferenceOnly() {
    Resource kept = stored(MESH, "", "kept", 1);
    Resource changed = stored(MESH, "", "changed", 1);
    Resource gone = stored(MESH, "", "gone", 1);
    view.apply(
        List.of(
            ResourceChange.upsert(1, ResourceChange.Operation.CREATE, kept),
            ResourceChange.upsert(2, ResourceChange.Operation.CREATE, changed),
            ResourceChange.upsert(3, ResourceChange.Operation.CREATE, gone)));
    batches.clear();
    Resource added = stored(MESH, "", "added", 1);

    view.replaceAll(List.of(kept, stored(MESH, "", "changed", 2), added), 42);

    assertThat(batches).hasSize(1);
    assertThat(batches.get(0))
        .extracting(c -> c.operation() + " " + c.key().name())
        .containsExactlyInAnyOrder("DELETE gone", "UPDATE changed", "CREATE added");
    assertThat(view.revision()).isEqualTo(42);
    assertThat(view.list(MESH, null))
        .extracting(Resource::name)
        .containsExactly("added", "changed", "kept");
  }

  private static Resource stored(
      io.meshforge.model.ResourceType type, String mesh, String name, long version) {
    Instant t = Instant.parse("2026-01-01T00:00:00Z");
    return Resource.of(new ResourceKey(type, mesh, name), Map.of(), null).stored(version, t, t);
  }
}
