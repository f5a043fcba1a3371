package io.meshforge.model.store;

import static io.meshforge.model.ResourceTypes.MESH;
import static io.meshforge.model.ResourceTypes.MESH_RETRY;
import static io.meshforge.model.ResourceTypes.MESH_TIMEOUT;
import static io.meshforge.model.ResourceTypes.ZONE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.meshforge.model.Resource;
import io.meshforge.model.ResourceKey;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code ResourceStoreContractTest} checks the {@link ResourceStore} contract; every store
 * implementation extends it and passes it unchanged.
 */
public abstract class ResourceStoreContractTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** The store under test, empty at the start of each test. */
  protected ResourceStore store;

  /** Returns a new, empty store (called before each test). */
  protected abstract ResourceStore newStore();

  /**
   * Returns a view fed by the store's change feed, started if needed; the subclass stops it after
   * the test.
   */
  protected abstract ResourceView viewOf(ResourceStore store);

  @BeforeEach
  void createStore() {
    store = newStore();
  }

  @Test
  void create_newResource_storesVersionOneWithEqualMicrosecondTimestamps() {
    Resource created = store.create(mesh("default"));

    assertThat(created.version()).isEqualTo(1);
    assertThat(created.creationTime()).isNotNull().isEqualTo(created.modificationTime());
    assertThat(created.creationTime().truncatedTo(ChronoUnit.MICROS))
        .isEqualTo(created.creationTime());
    assertThat(store.get(created.key())).contains(created);
  }

  @Test
  void create_takenKey_throwsAlreadyExists() {
    store.create(mesh("default"));

    assertThatThrownBy(() -> store.create(mesh("default")))
        .isInstanceOf(ResourceAlreadyExistsException.class);
  }

  @Test
  void create_meshMissing_throwsOwnerNotFoundAndStoresNothing() {
    assertThatThrownBy(() -> store.create(timeout("nowhere", "t1", Map.of(), 0)))
        .isInstanceOf(OwnerNotFoundException.class);
    assertThat(store.list(ResourceQuery.all(MESH_TIMEOUT)).items()).isEmpty();
  }

  @Test
  void create_nonZeroVersion_isRejected() {
    assertThatThrownBy(() -> store.create(mesh("default").withVersion(3)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void get_missingKey_returnsEmpty() {
    assertThat(store.get(ResourceKey.global(MESH, "absent"))).isEmpty();
  }

  static Stream<Arguments> contents() {
    return Stream.of(
        Arguments.of("{}", Map.of(), "{}"),
        Arguments.of(
            "{\"targetRef\":{\"kind\":\"Mesh\"},\"to\":[{\"default\":{\"idleTimeout\":\"1s\"}}]}",
            Map.of("team", "payments", "kuma.io/origin", "global"),
            "{\"conditions\":[{\"type\":\"Ready\",\"status\":true}]}"),
        Arguments.of(
            "{\"n\":1.5,\"big\":12345678901234,\"neg\":-3,\"t\":true,\"nil\":null,\"s\":\"ü ✓\"}",
            Map.of("a", ""),
            "{}"),
        Arguments.of("{\"deep\":{\"er\":{\"list\":[[1,2],[],{\"k\":\"v\"}]}}}", Map.of(), "{}"));
  }

  @ParameterizedTest
  @MethodSource("contents")
  void createThenGet_anyContent_roundTripsLabelsSpecAndStatus(
      String spec, Map<String, String> labels, String status) {
    store.create(mesh("default"));
    Resource written =
        Resource.of(ResourceKey.inMesh(MESH_TIMEOUT, "default", "t1"), labels, json(spec))
            .withStatus(json(status));

    store.create(written);

    Resource read = store.get(written.key()).orElseThrow();
    assertThat(read.labels()).isEqualTo(labels);
    assertThat(read.spec()).isEqualTo(json(spec));
    assertThat(read.status()).isEqualTo(json(status));
  }

  @Test
  void createThenGet_callerMutatesTrees_storedCopyUnchanged() {
    store.create(mesh("default"));
    Resource written = timeout("default", "t1", Map.of(), 1);
    Resource created = store.create(written);

    ((ObjectNode) written.spec()).put("counter", 99);
    ((ObjectNode) created.spec()).put("counter", 98);
    ((ObjectNode) store.get(written.key()).orElseThrow().spec()).put("counter", 97);

    assertThat(counter(store.get(written.key()).orElseThrow())).isEqualTo(1);
  }

  @Test
  void update_currentVersion_incrementsVersionKeepsCreationTime() {
    store.create(mesh("default"));
    Resource v1 = store.create(timeout("default", "t1", Map.of(), 1));

    Resource v2 = store.update(withCounter(v1, 2).withLabels(Map.of("x", "y")));
    Resource v3 = store.update(withCounter(v2, 3));

    assertThat(v2.version()).isEqualTo(2);
    assertThat(v3.version()).isEqualTo(3);
    assertThat(v3.creationTime()).isEqualTo(v1.creationTime());
    assertThat(v3.modificationTime()).isAfterOrEqualTo(v2.modificationTime());
    Resource read = store.get(v1.key()).orElseThrow();
    assertThat(read).isEqualTo(v3);
    assertThat(read.labels()).isEqualTo(Map.of("x", "y"));
    assertThat(counter(read)).isEqualTo(3);
  }

  @Test
  void update_staleVersion_throwsConflictAndKeepsStored() {
    store.create(mesh("default"));
    Resource v1 = store.create(timeout("default", "t1", Map.of(), 1));
    store.update(withCounter(v1, 2));

    assertThatThrownBy(() -> store.update(withCounter(v1, 5)))
        .isInstanceOf(ResourceConflictException.class);
    assertThat(counter(store.get(v1.key()).orElseThrow())).isEqualTo(2);
  }

  @Test
  void update_missingKey_throwsNotFound() {
    store.create(mesh("default"));

    assertThatThrownBy(() -> store.update(timeout("default", "ghost", Map.of(), 1).withVersion(1)))
        .isInstanceOf(ResourceNotFoundException.class);
  }

  @Test
  void delete_missingKey_throwsNotFound() {
    assertThatThrownBy(() -> store.delete(ResourceKey.global(MESH, "absent")))
        .isInstanceOf(ResourceNotFoundException.class);
  }

  @Test
  void deleteAtVersion_currentVersion_deletes() {
    store.create(mesh("default"));
    Resource t1 = store.create(timeout("default", "t1", Map.of(), 0));

    store.delete(t1.key(), t1.version());

    assertThat(store.get(t1.key())).isEmpty();
  }

  @Test
  void deleteAtVersion_staleVersion_conflictsAndKeepsIt() {
    store.create(mesh("default"));
    Resource t1 = store.create(timeout("default", "t1", Map.of(), 0));
    Resource updated = store.update(t1.withSpec(timeout("default", "t1", Map.of(), 1).spec()));

    assertThatThrownBy(() -> store.delete(t1.key(), t1.version()))
        .isInstanceOf(ResourceConflictException.class);
    assertThat(store.get(t1.key())).contains(updated);
  }

  @Test
  void deleteAtVersion_missingKey_throwsNotFound() {
    assertThatThrownBy(() -> store.delete(ResourceKey.global(MESH, "absent"), 1))
        .isInstanceOf(ResourceNotFoundException.class);
  }

  @Test
  void delete_policy_removesOnlyIt() {
    store.create(mesh("default"));
    Resource t1 = store.create(timeout("default", "t1", Map.of(), 0));
    Resource t2 = store.create(timeout("default", "t2", Map.of(), 0));

    store.delete(t1.key());

    assertThat(store.get(t1.key())).isEmpty();
    assertThat(store.get(t2.key())).isPresent();
    assertThat(store.get(ResourceKey.global(MESH, "default"))).isPresent();
  }

  @Test
  void delete_mesh_cascadesToItsResourcesAndNothingElse() {
    store.create(mesh("a"));
    store.create(mesh("b"));
    store.create(Resource.of(ResourceKey.global(ZONE, "a"), Map.of(), null));
    store.create(timeout("a", "t1", Map.of(), 0));
    store.create(retry("a", "r1"));
    Resource otherMesh = store.create(timeout("b", "t1", Map.of(), 0));

    store.delete(ResourceKey.global(MESH, "a"));

    assertThat(store.list(ResourceQuery.all(MESH_TIMEOUT)).items()).containsExactly(otherMesh);
    assertThat(store.list(ResourceQuery.all(MESH_RETRY)).items()).isEmpty();
    assertThat(names(store.list(ResourceQuery.all(MESH)))).containsExactly("b");
    assertThat(store.get(ResourceKey.global(ZONE, "a"))).isPresent();
    // The name is free again, and the new mesh starts empty.
    store.create(mesh("a"));
    assertThat(store.list(ResourceQuery.inMesh(MESH_TIMEOUT, "a")).items()).isEmpty();
  }

  @Test
  void list_acrossMeshes_orderedByMeshThenName() {
    for (String mesh : List.of("m2", "m1", "m10")) {
      store.create(mesh(mesh));
    }
    for (String[] key : new String[][] {{"m2", "a"}, {"m1", "z"}, {"m10", "b"}, {"m1", "a"}}) {
      store.create(timeout(key[0], key[1], Map.of(), 0));
    }

    ResourcePage page = store.list(ResourceQuery.all(MESH_TIMEOUT));

    assertThat(page.items().stream().map(r -> r.mesh() + "/" + r.name()))
        .containsExactly("m1/a", "m1/z", "m10/b", "m2/a");
    assertThat(page.total()).isEqualTo(4);
    assertThat(page.next()).isNull();
    assertThat(names(store.list(ResourceQuery.all(MESH)))).containsExactly("m1", "m10", "m2");
    assertThat(names(store.list(ResourceQuery.inMesh(MESH_TIMEOUT, "m1"))))
        .containsExactly("a", "z");
  }

  @Test
  void list_paged_walksAllPagesWithTotalAndNext() {
    store.create(mesh("default"));
    for (int i = 0; i < 7; i++) {
      store.create(timeout("default", "t" + i, Map.of(), 0));
    }

    List<String> seen = new ArrayList<>();
    String offset = null;
    int pages = 0;
    do {
      ResourcePage page = store.list(ResourceQuery.all(MESH_TIMEOUT).page(offset, 3));
      assertThat(page.total()).isEqualTo(7);
      assertThat(page.items()).hasSizeLessThanOrEqualTo(3);
      seen.addAll(names(page));
      offset = page.next();
      pages++;
    } while (offset != null);

    assertThat(pages).isEqualTo(3);
    assertThat(seen).containsExactly("t0", "t1", "t2", "t3", "t4", "t5", "t6");
  }

  @Test
  void list_invalidOffset_isRejected() {
    assertThatThrownBy(() -> store.list(ResourceQuery.all(MESH).page("not-an-offset", 2)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  static Stream<Arguments> labelFilters() {
    return Stream.of(
        Arguments.of(Map.of(), List.of("both", "payments", "plain")),
        Arguments.of(Map.of("team", "payments"), List.of("both", "payments")),
        Arguments.of(Map.of("team", "payments", "env", "prod"), List.of("both")),
        Arguments.of(Map.of("env", "dev"), List.of()),
        Arguments.of(Map.of("kuma.io/origin", "zone"), List.of()));
  }

  @ParameterizedTest
  @MethodSource("labelFilters")
  void list_labelFilter_returnsOnlyResourcesWithEveryLabel(
      Map<String, String> filter, List<String> expected) {
    store.create(mesh("default"));
    store.create(timeout("default", "plain", Map.of(), 0));
    store.create(timeout("default", "payments", Map.of("team", "payments"), 0));
    store.create(timeout("default", "both", Map.of("team", "payments", "env", "prod"), 0));

    ResourcePage page =
        store.list(new ResourceQuery(MESH_TIMEOUT, "default", filter, null, null, 0));

    assertThat(names(page)).containsExactlyElementsOf(expected);
    assertThat(page.total()).isEqualTo(expected.size());
  }

  @ParameterizedTest
  @MethodSource("nameFilters")
  void list_nameContains_matchesSubstring(String text, List<String> expected) {
    store.create(mesh("default"));
    for (String name : List.of("api-timeout", "web-timeout", "api-retry", "x_y%")) {
      store.create(timeout("default", name, Map.of(), 0));
    }

    ResourcePage page = store.list(new ResourceQuery(MESH_TIMEOUT, null, null, text, null, 0));

    assertThat(names(page)).containsExactlyElementsOf(expected);
  }

  static Stream<Arguments> nameFilters() {
    return Stream.of(
        Arguments.of("api", List.of("api-retry", "api-timeout")),
        Arguments.of("timeout", List.of("api-timeout", "web-timeout")),
        Arguments.of("", List.of("api-retry", "api-timeout", "web-timeout", "x_y%")),
        Arguments.of("%", List.of("x_y%")),
        Arguments.of("_", List.of("x_y%")),
        Arguments.of("nothing", List.of()));
  }

  /**
   * Writers race on one resource. Each attempt reads the stored version v and tries to write v + 1
   * with the spec counter incremented. For each version exactly one attempt wins, the others see a
   * conflict, and no win is lost: the final counter equals the number of wins.
   */
  @Test
  void update_concurrentWriters_exactlyOneWinnerPerVersionAndNoLostUpdate() throws Exception {
    store.create(mesh("default"));
    Resource initial = store.create(timeout("default", "contended", Map.of(), 0));
    int writers = 8;
    int attemptsEach = 40;
    record Attempt(long expectedVersion, boolean won) {}
    List<Attempt> attempts = Collections.synchronizedList(new ArrayList<>());
    CountDownLatch start = new CountDownLatch(1);
    try (ExecutorService pool = Executors.newFixedThreadPool(writers)) {
      List<Future<?>> done = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        done.add(
            pool.submit(() -> {
              start.await();
              for (int i = 0; i < attemptsEach; i++) {
                Resource read = store.get(initial.key()).orElseThrow();
                try {
                  store.update(withCounter(read, counter(read) + 1));
                  attempts.add(new Attempt(read.version(), true));
                } catch (ResourceConflictException e) {
                  attempts.add(new Attempt(read.version(), false));
                }
              }
              return null;
            }));
      }
      start.countDown();
      for (Future<?> f : done) {
        f.get();
      }
    }

    long wins = attempts.stream().filter(Attempt::won).count();
    Map<Long, Long> winnersPerVersion =
        attempts.stream()
            .collect(
                Collectors.groupingBy(
                    Attempt::expectedVersion, Collectors.summingLong(a -> a.won() ? 1 : 0)));
    assertThat(attempts).hasSize(writers * attemptsEach);
    assertThat(winnersPerVersion.values()).containsOnly(1L);
    assertThat(winnersPerVersion.keySet()).hasSize((int) wins);
    Resource last = store.get(initial.key()).orElseThrow();
    assertThat(last.version()).isEqualTo(1 + wins);
    assertThat(counter(last)).isEqualTo(wins);
  }

  @Test
  void view_everyCommittedWrite_becomesVisible() {
    ResourceView view = viewOf(store);
    store.create(mesh("a"));
    store.create(mesh("b"));
    Resource t1 = store.create(timeout("a", "t1", Map.of(), 1));
    Resource t2 = store.create(timeout("b", "t2", Map.of(), 1));
    Resource t1v2 = store.update(withCounter(t1, 2));
    store.delete(t2.key());
    Resource r1 = store.create(retry("a", "r1"));
    Resource doomed = store.create(timeout("b", "doomed", Map.of(), 1));
    store.delete(ResourceKey.global(MESH, "b"));

    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> {
          assertThat(view.get(t1.key())).contains(t1v2);
          assertThat(view.get(r1.key())).contains(r1);
          assertThat(view.get(t2.key())).isEmpty();
          assertThat(view.get(doomed.key())).isEmpty();
          assertThat(view.list(MESH, null).stream().map(Resource::name)).containsExactly("a");
          assertThat(view.list(MESH_TIMEOUT, "a")).containsExactly(t1v2);
          assertThat(view.list(MESH_TIMEOUT, null)).containsExactly(t1v2);
        });
  }

  @Test
  void applyAll_putsAndRemoves_inOneBatch() {
    store.create(mesh("a"));
    Resource old = store.create(timeout("a", "old", Map.of(), 1));
    List<Resource> stored =
        store.applyAll(
            List.of(
                ResourceWrite.Put.of(timeout("a", "t1", Map.of("k", "v"), 1)),
                ResourceWrite.Put.of(withCounter(old, 9)),
                new ResourceWrite.Remove(ResourceKey.inMesh(MESH_RETRY, "a", "absent"))));

    assertThat(stored).hasSize(2);
    assertThat(stored.get(0).version()).isEqualTo(1);
    assertThat(stored.get(1).version()).isEqualTo(2);
    assertThat(stored.get(1).creationTime()).isEqualTo(old.creationTime());
    assertThat(counter(store.get(old.key()).orElseThrow())).isEqualTo(9);
    assertThat(store.get(stored.get(0).key())).contains(stored.get(0));

    store.applyAll(List.of(new ResourceWrite.Remove(old.key())));
    assertThat(store.get(old.key())).isEmpty();
  }

  @Test
  void applyAll_sameKeyTwiceAndRemovedBetween_followsBatchOrder() {
    store.create(mesh("a"));
    Resource t = timeout("a", "t", Map.of(), 1);
    List<Resource> stored =
        store.applyAll(
            List.of(
                ResourceWrite.Put.of(t),
                ResourceWrite.Put.of(withCounter(t, 2)),
                new ResourceWrite.Remove(t.key()),
                ResourceWrite.Put.of(withCounter(t, 3)),
                new ResourceWrite.Remove(ResourceKey.inMesh(MESH_TIMEOUT, "a", "t2")),
                ResourceWrite.Put.of(timeout("a", "t2", Map.of(), 4))));

    assertThat(stored).extracting(r -> counter(r)).containsExactly(1L, 2L, 3L, 4L);
    assertThat(stored).extracting(Resource::version).containsExactly(1L, 2L, 1L, 1L);
    assertThat(counter(store.get(t.key()).orElseThrow())).isEqualTo(3);
  }

  @Test
  void applyAll_manyPutsSomeUnchanged_returnsEveryStoredResourceInBatchOrder() {
    store.create(mesh("a"));
    List<ResourceWrite> first = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      first.add(ResourceWrite.Put.of(timeout("a", "t" + (49 - i), Map.of(), i)));
    }
    store.applyAll(first);
    List<ResourceWrite> again = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      // every fifth changes, the others are resent as they are
      long value = i % 5 == 0 ? 1000 + i : i;
      again.add(ResourceWrite.Put.of(timeout("a", "t" + (49 - i), Map.of(), value)));
    }

    List<Resource> stored = store.applyAll(again);

    assertThat(stored).hasSize(50);
    for (int i = 0; i < 50; i++) {
      Resource r = stored.get(i);
      assertThat(r.key().name()).isEqualTo("t" + (49 - i));
      assertThat(counter(r)).isEqualTo(i % 5 == 0 ? 1000 + i : i);
      assertThat(r.version()).isEqualTo(i % 5 == 0 ? 2 : 1);
      assertThat(store.get(r.key())).contains(r);
    }
  }

  @Test
  void applyAll_unchangedPut_keepsVersionAndModificationTime() {
    store.create(mesh("a"));
    Resource first =
        store.applyAll(List.of(ResourceWrite.Put.of(timeout("a", "t", Map.of(), 1)))).get(0);
    Resource again =
        store.applyAll(List.of(ResourceWrite.Put.of(timeout("a", "t", Map.of(), 1)))).get(0);

    assertThat(again.version()).isEqualTo(first.version());
    assertThat(again.modificationTime()).isEqualTo(first.modificationTime());
  }

  @Test
  void applyAll_putIntoMissingMesh_appliesNothingOfTheBatch() {
    store.create(mesh("a"));
    Resource kept = store.create(timeout("a", "kept", Map.of(), 1));

    assertThatThrownBy(() ->
            store.applyAll(
                List.of(
                    ResourceWrite.Put.of(timeout("a", "new", Map.of(), 1)),
                    new ResourceWrite.Remove(kept.key()),
                    ResourceWrite.Put.of(timeout("nowhere", "t", Map.of(), 1)))))
        .isInstanceOf(OwnerNotFoundException.class);

    assertThat(store.get(kept.key())).contains(kept);
    assertThat(store.get(ResourceKey.inMesh(MESH_TIMEOUT, "a", "new"))).isEmpty();
  }

  @Test
  void applyAll_meshPutEarlierInTheBatch_ownsLaterPuts() {
    List<Resource> stored =
        store.applyAll(
            List.of(
                ResourceWrite.Put.of(mesh("fresh")),
                ResourceWrite.Put.of(timeout("fresh", "t", Map.of(), 1))));
    assertThat(stored).extracting(Resource::name).containsExactly("fresh", "t");
  }

  @Test
  void applyAll_owner_deletingTheOwnerDeletesWhatItOwns() {
    store.create(mesh("a"));
    Resource east = store.create(Resource.of(ResourceKey.global(ZONE, "east"), Map.of(), null));
    Resource west = store.create(Resource.of(ResourceKey.global(ZONE, "west"), Map.of(), null));
    store.applyAll(
        List.of(
            new ResourceWrite.Put(timeout("a", "from-east", Map.of(), 1), east.key()),
            new ResourceWrite.Put(timeout("a", "from-west", Map.of(), 1), west.key())));

    store.delete(east.key());

    assertThat(store.get(ResourceKey.inMesh(MESH_TIMEOUT, "a", "from-east"))).isEmpty();
    assertThat(store.get(ResourceKey.inMesh(MESH_TIMEOUT, "a", "from-west"))).isPresent();
  }

  @Test
  void applyAll_missingOwner_appliesNothing() {
    store.create(mesh("a"));
    assertThatThrownBy(() ->
            store.applyAll(
                List.of(
                    new ResourceWrite.Put(
                        timeout("a", "t", Map.of(), 1), ResourceKey.global(ZONE, "ghost")))))
        .isInstanceOf(OwnerNotFoundException.class);
    assertThat(store.get(ResourceKey.inMesh(MESH_TIMEOUT, "a", "t"))).isEmpty();
  }

  // ---- fixtures -------------------------------------------------------------------------------

  /** Returns an unstored Mesh. */
  protected static Resource mesh(String name) {
    return Resource.of(ResourceKey.global(MESH, name), Map.of(), null);
  }

  /** Returns an unstored MeshTimeout whose spec holds a counter. */
  protected static Resource timeout(
      String mesh, String name, Map<String, String> labels, long counter) {
    ObjectNode spec = JsonNodeFactory.instance.objectNode();
    spec.putObject("targetRef").put("kind", "Mesh");
    spec.put("counter", counter);
    return Resource.of(ResourceKey.inMesh(MESH_TIMEOUT, mesh, name), labels, spec);
  }

  /** Returns an unstored MeshRetry. */
  protected static Resource retry(String mesh, String name) {
    return Resource.of(ResourceKey.inMesh(MESH_RETRY, mesh, name), Map.of(), json("{}"));
  }

  /** Returns a copy of a resource whose spec counter is {@code value}. */
  protected static Resource withCounter(Resource resource, long value) {
    ObjectNode spec = (ObjectNode) resource.spec().deepCopy();
    spec.put("counter", value);
    return resource.withSpec(spec);
  }

  /** Returns the spec counter of a resource. */
  protected static long counter(Resource resource) {
    return resource.spec().path("counter").asLong();
  }

  protected static JsonNode json(String text) {
    return JSON.readTree(text);
  }

  private static List<String> names(ResourcePage page) {
    return page.items().stream().map(Resource::name).toList();
  }
}
