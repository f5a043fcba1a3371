package io.meshforge.global.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshforge.model.Resource;
import io.meshforge.model.ResourceKey;
import io.meshforge.model.ResourceTypes;
import io.meshforge.model.store.ResourceStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Concurrent PUTs of one resource: each is applied or refused with 409, none is lost. */
class ConcurrentWritersTest extends ApiTestBase {
  @Autowired ResourceStore store;

  @Test
  void concurrentPuts_eachIsAppliedOrConflicts_andTheVersionCountsTheWinners() throws Exception {
    createMesh("race");
    String path = "/meshes/race/meshtimeouts/contended";
    assertThat(putYaml(path, body(1000)).status()).isEqualTo(201);

    int writers = 8;
    int rounds = 10;
    ConcurrentLinkedQueue<Integer> statuses = new ConcurrentLinkedQueue<>();
    ConcurrentLinkedQueue<Integer> winners = new ConcurrentLinkedQueue<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(writers)) {
      for (int round = 0; round < rounds; round++) {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> futures = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
          int value = round * writers + w + 1;
          futures.add(
              pool.submit(() -> {
                start.await();
                int status = putYaml(path, body(value)).status();
                statuses.add(status);
                if (status == 200) {
                  winners.add(value);
                }
                return null;
              }));
        }
        start.countDown();
        for (Future<?> f : futures) {
          f.get();
        }
      }
    }
    assertThat(statuses).hasSize(writers * rounds).allMatch(s -> s == 200 || s == 409);
    assertThat(winners).isNotEmpty();

    Resource stored =
        store
            .get(ResourceKey.inMesh(ResourceTypes.MESH_TIMEOUT, "race", "contended"))
            .orElseThrow();
    assertThat(stored.version()).isEqualTo(1 + winners.size());
    String finalTimeout = stored.spec().at("/to/0/default/connectionTimeout").asString();
    assertThat(winners.stream().map(v -> v + "s")).contains(finalTimeout);
  }

  private static String body(int seconds) {
    return """
    type: MeshTimeout
    name: contended
    mesh: race
    spec:
      targetRef:
        kind: Mesh
      to:
      - targetRef:
          kind: Mesh
        default:
          connectionTimeout: %ds
    """
        .formatted(seconds);
  }
}
