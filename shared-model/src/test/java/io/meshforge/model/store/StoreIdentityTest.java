package io.meshforge.model.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StoreIdentityTest {

  @Test
  void epoch_inMemoryStore_stableForTheInstanceAndNewForAnother() {
    InMemoryResourceStore store = new InMemoryResourceStore();

    assertThat(store.epoch()).isNotNull().isEqualTo(store.epoch());
    assertThat(new InMemoryResourceStore().epoch()).isNotEqualTo(store.epoch());
  }
}
