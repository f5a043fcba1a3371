package io.meshforge.store.postgres;

import static io.meshforge.model.ResourceTypes.MESH;
import static io.meshforge.model.ResourceTypes.MESH_TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.meshforge.model.Resource;
import io.meshforge.model.ResourceKey;
import io.meshforge.model.store.ResourceChange;
import io.meshforge.model.store.ResourceView;
import io.meshforge.model.store.ResourceWrite;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

class PostgresChangeFeedTest {

  private static final Duration DEADLINE = Duration.ofSeconds(10);
  private static TestDatabase db;

  private PostgresResourceStore store;
  private final ChangeSignal storeSignal = new ChangeSignal();
  private final ResourceView view = new ResourceView();
  private final List<ResourceChange> seen = Collections.synchronizedList(new ArrayList<>());
  private PostgresChangeFeed feed;

  @BeforeAll
  static void startDatabase() throws Exception {
    db = TestDatabase.start();
  }

  @AfterAll
  static void stopDatabase() throws Exception {
    db.close();
  }

  @BeforeEach
  void setUp() throws Exception {
    db.clean();
    store = new PostgresResourceStore(db.dataSource(), storeSignal);
    view.addListener(seen::addAll);
  }

  @AfterEach
  void tearDown() {
    if (feed != null) {
      feed.close();
    }
  }

  private void startFeed(ChangeFeedSettings settings) throws InterruptedException {
    startFeed(settings, new ChangeSignal());
  }

  private void startFeed(ChangeFeedSettings settings, ChangeSignal signal)
      throws InterruptedException {
    feed = new PostgresChangeFeed(db.unpooled("feed-under-test"), view, settings, signal).start();
    assertThat(feed.awaitSynced(DEADLINE)).isTrue();
  }

  /** A poll far beyond every deadline below: whatever the feed reads in time, it was woken for. */
  private static ChangeFeedSettings noPoll() {
    return ChangeFeedSettings.defaults().withPollInterval(Duration.ofMinutes(5));
  }

  private static ChangeFeedSettings fast() {
    return ChangeFeedSettings.defaults()
        .withPollInterval(Duration.ofMillis(50))
        .withReconnectBackoff(Duration.ofMillis(20), Duration.ofMillis(200));
  }

  @Test
  void feed_startedOnExistingData_resyncsEverything() throws Exception {
    store.create(mesh("a"));
    store.create(timeout("a", "t1"));

    startFeed(fast());

    assertThat(view.list(MESH_TIMEOUT, "a")).extracting(Resource::name).containsExactly("t1");
  }

  @Test
  void feed_lowerRevisionCommitsAfterHigher_isStillApplied() throws Exception {
    startFeed(fast());
    store.create(mesh("a"));
    try (Connection slow = db.dataSource().getConnection()) {
      slow.setAutoCommit(false);
      // Takes a revision now, commits later.
      insertMesh(slow, "slow");
      Resource fast = store.create(mesh("fast"));
      await().atMost(DEADLINE).until(() -> view.get(fast.key()).isPresent());
      // More reads happen while the gap is open: the feed must keep waiting for it.
      for (int i = 0; i < 5; i++) {
        Resource later = store.create(timeout("a", "later-" + i));
        await().atMost(DEADLINE).until(() -> view.get(later.key()).isPresent());
      }
      assertThat(view.get(ResourceKey.global(MESH, "slow"))).isEmpty();
      long gap = revisionOf(slow, "slow");
      assertThat(feed.position()).isLessThan(gap);

      slow.commit();
    }

    await().atMost(DEADLINE).until(() -> view.get(ResourceKey.global(MESH, "slow")).isPresent());
    await().atMost(DEADLINE).until(() -> feed.position() == maxRevision());
  }

  @Test
  void feed_gapOpenWhileSeveralBatchesFollow_appliesThemAllAndThenTheGap() throws Exception {
    // Batches of 2: the read of the revisions missing below the highest applied one and the
    // batch above it are separate branches of one query; both must keep working together.
    startFeed(fast().withBatchSize(2));
    store.create(mesh("a"));
    try (Connection slow = db.dataSource().getConnection()) {
      slow.setAutoCommit(false);
      insertMesh(slow, "slow");
      List<Resource> after = new ArrayList<>();
      for (int i = 0; i < 7; i++) {
        after.add(store.create(timeout("a", "after-" + i)));
      }
      await()
          .atMost(DEADLINE)
          .until(() -> after.stream().allMatch(r -> view.get(r.key()).isPresent()));
      assertThat(feed.position()).isLessThan(revisionOf(slow, "slow"));

      slow.commit();
    }

    await().atMost(DEADLINE).until(() -> view.get(ResourceKey.global(MESH, "slow")).isPresent());
    await().atMost(DEADLINE).until(() -> feed.position() == maxRevision());
  }

  @Test
  void feed_keyChangedSeveralTimesInOneRead_appliedOnceWithItsLatestContent() throws Exception {
    startFeed(fast());
    store.create(mesh("a"));
    Resource twice = store.create(timeout("a", "twice"));
    Resource gone = store.create(timeout("a", "gone"));
    await().atMost(DEADLINE).until(() -> view.get(gone.key()).isPresent());
    seen.clear();

    // One transaction: its log rows become visible together, so one read sees all of them.
    store.applyAll(
        List.of(
            ResourceWrite.Put.of(labelled(twice, "1")),
            ResourceWrite.Put.of(labelled(twice, "2")),
            new ResourceWrite.Remove(gone.key())));

    await().atMost(DEADLINE).until(() -> view.get(gone.key()).isEmpty());
    assertThat(view.get(twice.key()).orElseThrow().labels()).containsEntry("step", "2");
    List<ResourceChange> ofTwice = seen.stream().filter(c -> c.key().equals(twice.key())).toList();
    assertThat(ofTwice).hasSize(1);
    assertThat(ofTwice.get(0).resource().labels()).containsEntry("step", "2");
    assertThat(seen)
        .filteredOn(c -> c.key().equals(gone.key()))
        .extracting(ResourceChange::operation)
        .containsExactly(ResourceChange.Operation.DELETE);
    await().atMost(DEADLINE).until(() -> feed.position() == maxRevision());
  }

  @Test
  void feed_revisionOfRolledBackTransaction_isAbandonedAndPositionAdvances() throws Exception {
    startFeed(fast());
    try (Connection aborted = db.dataSource().getConnection()) {
      aborted.setAutoCommit(false);
      insertMesh(aborted, "never");
      store.create(mesh("after"));
      aborted.rollback();
    }
    Resource last = store.create(mesh("last"));

    await().atMost(DEADLINE).until(() -> view.get(last.key()).isPresent());
    await().atMost(DEADLINE).until(() -> feed.position() == maxRevision());
    assertThat(view.get(ResourceKey.global(MESH, "never"))).isEmpty();
  }

  @Test
  void feed_meshDeleted_cascadedDeletesAppearInTheFeed() throws Exception {
    startFeed(fast());
    store.create(mesh("a"));
    store.create(timeout("a", "t1"));
    store.create(timeout("a", "t2"));

    store.delete(ResourceKey.global(MESH, "a"));

    await()
        .atMost(DEADLINE)
        .untilAsserted(() ->
            assertThat(
                    seen.stream()
                        .filter(c -> c.operation() == ResourceChange.Operation.DELETE)
                        .map(c -> c.key().toString()))
                .containsExactlyInAnyOrder("Mesh/a", "MeshTimeout/a/t1", "MeshTimeout/a/t2"));
    assertThat(view.size()).isZero();
  }

  @Test
  void notify_writes_onlyTheStoreNotifiesAndOnlyAfterCommit() throws Exception {
    try (Connection listener = db.dataSource().getConnection();
        Connection writer = db.dataSource().getConnection()) {
      try (Statement st = listener.createStatement()) {
        st.execute("LISTEN resource_changes");
      }
      PGConnection pg = listener.unwrap(PGConnection.class);
      List<String> payloads = new ArrayList<>();

      // Plain SQL: logged by the trigger, but no NOTIFY (a NOTIFY in the writing transaction would
      // serialise commits); the feed's poll finds such writes.
      insertMesh(writer, "m");
      try (Statement st = writer.createStatement()) {
        st.execute("NOTIFY resource_changes, 'sentinel'");
      }
      collectUntil(pg, payloads, "sentinel");
      assertThat(payloads).containsExactly("sentinel");

      store.create(timeout("m", "a"));

      // The payload names the writing process, so its own feed can skip it (ChangeSignal).
      collectUntil(pg, payloads, storeSignal.origin());
      assertThat(payloads).startsWith("sentinel", storeSignal.origin());
      assertThat(count("SELECT count(*) FROM resource_changes")).isEqualTo(2);
    }
  }

  private static void collectUntil(PGConnection pg, List<String> payloads, String expected) {
    await()
        .atMost(DEADLINE)
        .until(() -> {
          PGNotification[] got = pg.getNotifications(100);
          if (got != null) {
            for (PGNotification n : got) {
              payloads.add(n.getParameter());
            }
          }
          return payloads.contains(expected);
        });
  }

  @Test
  void feed_sharingTheStoresSignal_isWokenByItsWritesWithoutANotify() throws Exception {
    startFeed(noPoll(), storeSignal);
    try (Connection writer = db.dataSource().getConnection()) {
      insertMesh(writer, "local"); // plain SQL: no NOTIFY is sent
    }
    storeSignal.raise(); // what the store does after its commits

    await().atMost(DEADLINE).until(() -> view.get(ResourceKey.global(MESH, "local")).isPresent());
  }

  @Test
  void feed_anotherProcessWrites_isWokenByItsNotify() throws Exception {
    startFeed(noPoll()); // its own signal: the store's writes come from "another process"

    Resource created = store.create(mesh("remote"));

    await().atMost(DEADLINE).until(() -> view.get(created.key()).isPresent());
  }

  @Test
  void feed_notifyCarryingItsOwnOrigin_isSkipped_anotherOriginWakesIt() throws Exception {
    ChangeSignal own = new ChangeSignal();
    startFeed(noPoll(), own);
    try (Connection writer = db.dataSource().getConnection();
        Statement st = writer.createStatement()) {
      // Once a write announced by another process is seen, the listener is connected (and its
      // one raise after connecting is behind us).
      insertMesh(writer, "probe");
      st.execute("NOTIFY resource_changes, 'another-process'");
      await().atMost(DEADLINE).until(() -> view.get(ResourceKey.global(MESH, "probe")).isPresent());

      insertMesh(writer, "quiet");
      st.execute("NOTIFY resource_changes, '" + own.origin() + "'");
      ResourceKey quiet = ResourceKey.global(MESH, "quiet");

      // Its own process already raised the signal for such a write; the NOTIFY is not another one.
      await()
          .during(Duration.ofMillis(800))
          .atMost(Duration.ofSeconds(3))
          .until(() -> view.get(quiet).isEmpty());

      st.execute("NOTIFY resource_changes, 'another-process'");
      await().atMost(DEADLINE).until(() -> view.get(quiet).isPresent());
    }
  }

  @Test
  void feed_connectionTerminated_reconnectsAndCatchesUp() throws Exception {
    startFeed(fast());
    store.create(mesh("before"));
    await().atMost(DEADLINE).until(() -> view.get(ResourceKey.global(MESH, "before")).isPresent());

    db.execute(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            + " WHERE application_name = 'feed-under-test'");
    Resource during = store.create(mesh("during"));

    await().atMost(DEADLINE).until(() -> view.get(during.key()).isPresent());
  }

  @Test
  void feed_logPrunedPastItsPosition_resyncs() throws Exception {
    startFeed(fast());
    store.create(mesh("a"));
    await().atMost(DEADLINE).until(() -> view.get(ResourceKey.global(MESH, "a")).isPresent());

    // A change the log never saw (triggers off), then the log pruned past the feed's position:
    // only a full resync can find it.
    db.execute(
        "SET session_replication_role = replica;"
            + " INSERT INTO resources (type, mesh, name, version) VALUES ('Mesh', '', 'unlogged', 1);"
            + " SET session_replication_role = origin;"
            + " UPDATE resource_changes_horizon SET pruned_through = 1000");

    await()
        .atMost(DEADLINE)
        .until(() -> view.get(ResourceKey.global(MESH, "unlogged")).isPresent());
  }

  @Test
  void feed_withRetention_prunesOldLogRowsAndKeepsApplying() throws Exception {
    startFeed(fast().withPruning(Duration.ZERO, Duration.ofMillis(20)));
    store.create(mesh("a"));
    store.create(mesh("b"));

    await().atMost(DEADLINE).until(() -> count("SELECT count(*) FROM resource_changes") == 0);
    assertThat(count("SELECT pruned_through FROM resource_changes_horizon")).isGreaterThan(0);
    Resource c = store.create(mesh("c"));
    await().atMost(DEADLINE).until(() -> view.get(c.key()).isPresent());
    assertThat(view.list(MESH, null)).extracting(Resource::name).containsExactly("a", "b", "c");
  }

  private static void insertMesh(Connection c, String name) throws SQLException {
    try (Statement st = c.createStatement()) {
      st.execute(
          "INSERT INTO resources (type, mesh, name, version) VALUES ('Mesh', '', '"
              + name
              + "', 1)");
    }
  }

  private static long revisionOf(Connection c, String meshName) throws SQLException {
    try (Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT revision FROM resource_changes WHERE type = 'Mesh' AND name = '"
                    + meshName
                    + "'")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static long maxRevision() throws SQLException {
    return count("SELECT coalesce(max(revision), 0) FROM resource_changes");
  }

  private static long count(String sql) throws SQLException {
    try (Connection c = db.dataSource().getConnection();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static Resource labelled(Resource resource, String step) {
    return Resource.of(resource.key(), Map.of("step", step), null);
  }

  private static Resource mesh(String name) {
    return Resource.of(ResourceKey.global(MESH, name), Map.of(), null);
  }

  private static Resource timeout(String mesh, String name) {
    return Resource.of(ResourceKey.inMesh(MESH_TIMEOUT, mesh, name), Map.of(), null);
  }
}
