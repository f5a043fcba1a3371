package io.meshforge.model.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshforge.model.Resource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InMemoryResourceStoreTest extends ResourceStoreContractTest {

  @Override
  protected ResourceStore newStore() {
    return new InMemoryResourceStore();
  }

  @Override
  protected ResourceView viewOf(ResourceStore store) {
    return ((InMemoryResourceStore) store).view();
  }

  @Test
  void view_write_isVisibleWhenTheWriteReturnsWithIncreasingRevisions() {
    InMemoryResourceStore memory = (InMemoryResourceStore) store;
    List<ResourceChange> seen = new ArrayList<>();
    memory.view().addListener(seen::addAll);

    Resource mesh = memory.create(mesh("a"));
    assertThat(memory.view().get(mesh.key())).contains(mesh);
    Resource t1 = memory.create(timeout("a", "t1", Map.of(), 0));
    memory.delete(mesh.key());

    assertThat(memory.view().size()).isZero();
    assertThat(seen)
        .extracting(ResourceChange::operation)
        .containsExactly(
            ResourceChange.Operation.CREATE,
            ResourceChange.Operation.CREATE,
            ResourceChange.Operation.DELETE,
            ResourceChange.Operation.DELETE);
    assertThat(seen)
        .extracting(ResourceChange::key)
        .containsExactly(mesh.key(), t1.key(), t1.key(), mesh.key());
    assertThat(seen).extracting(ResourceChange::revision).containsExactly(1L, 2L, 3L, 4L);
    assertThat(memory.view().revision()).isEqualTo(4);
  }
}
