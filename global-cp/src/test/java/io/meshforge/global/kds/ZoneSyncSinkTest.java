package io.meshforge.global.kds;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshforge.kds.sync.SyncBatch;
import io.meshforge.model.Resource;
import io.meshforge.model.ResourceKey;
import io.meshforge.model.ResourceTypes;
import io.meshforge.model.store.InMemoryResourceStore;
import io.meshforge.model.store.ResourcePage;
import io.meshforge.model.store.ResourceQuery;
import io.meshforge.model.store.ResourceStore;
import io.meshforge.model.store.ResourceWrite;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ZoneSyncSinkTest {

  @ParameterizedTest
  @CsvSource({"1, 5", "3, 8", "4, 4"})
  void apply_manyZonesAtOnce_writesAtMostParallelBatchesConcurrently(int parallel, int zones)
      throws Exception {
    HeldStore store = new HeldStore();
    Semaphore slots = new Semaphore(parallel, true);
    List<Thread> writers = new ArrayList<>();
    for (int i = 0; i < zones; i++) {
      String zone = "zone-" + i;
      store.create(Resource.of(ResourceKey.global(ResourceTypes.ZONE, zone), Map.of(), null));
      ZoneSyncSink sink = new ZoneSyncSink(zone, store, slots);
      writers.add(Thread.ofVirtual().start(() -> sink.apply(batchOf(zone))));
    }

    // The first `parallel` batches get in and are held; the others must wait for a slot.
    Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> store.inside.get() == Math.min(parallel, zones));
    assertThat(slots.getQueueLength()).isEqualTo(zones - Math.min(parallel, zones));
    store.release.countDown();
    for (Thread writer : writers) {
      assertThat(writer.join(Duration.ofSeconds(10))).isTrue();
    }

    assertThat(store.maxInside.get()).isEqualTo(Math.min(parallel, zones));
    assertThat(store.applied.get()).isEqualTo(zones);
    assertThat(slots.availablePermits()).isEqualTo(parallel);
  }

  private static SyncBatch batchOf(String zone) {
    Resource mesh =
        Resource.of(ResourceKey.global(ResourceTypes.MESH, "m-" + zone), Map.of(), null);
    return new SyncBatch(ResourceTypes.MESH, List.of(mesh), List.of(), true);
  }

  /** A store whose batches block until released, counting how many run at once. */
  private static final class HeldStore implements ResourceStore {
    private final InMemoryResourceStore delegate = new InMemoryResourceStore();
    final CountDownLatch release = new CountDownLatch(1);
    final AtomicInteger inside = new AtomicInteger();
    final AtomicInteger maxInside = new AtomicInteger();
    final AtomicInteger applied = new AtomicInteger();

    @Override
    public List<Resource> applyAll(List<ResourceWrite> writes) {
      maxInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
      try {
        if (!release.await(10, TimeUnit.SECONDS)) {
          throw new IllegalStateException("never released");
        }
        applied.incrementAndGet();
        return delegate.applyAll(writes);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      } finally {
        inside.decrementAndGet();
      }
    }

    @Override
    public Optional<Resource> get(ResourceKey key) {
      return delegate.get(key);
    }

    @Override
    public ResourcePage list(ResourceQuery query) {
      return delegate.list(query);
    }

    @Override
    public Resource create(Resource resource) {
      return delegate.create(resource);
    }

    @Override
    public Resource update(Resource resource) {
      return delegate.update(resource);
    }

    @Override
    public void delete(ResourceKey key) {
      delegate.delete(key);
    }
  }
}
