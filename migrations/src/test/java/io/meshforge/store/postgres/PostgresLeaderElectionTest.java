package io.meshforge.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.meshforge.model.store.LeaderElection;
import io.meshforge.model.store.LeaseSettings;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

class PostgresLeaderElectionTest {

  private static final Duration DEADLINE = Duration.ofSeconds(20);
  private static final Duration LEASE = Duration.ofMillis(2000);
  private static final LeaseSettings SETTINGS =
      new LeaseSettings(
          LEASE, Duration.ofMillis(300), Duration.ofMillis(200), Duration.ofMillis(300));
  private static TestDatabase db;

  private final List<LeaderElection> elections = new ArrayList<>();
  private final ConcurrentLinkedQueue<String> events = new ConcurrentLinkedQueue<>();
  private String lease;
  private Monitor monitor;

  @BeforeAll
  static void startDatabase() throws Exception {
    db = TestDatabase.start();
  }

  @AfterAll
  static void stopDatabase() throws Exception {
    db.close();
  }

  @org.junit.jupiter.api.BeforeEach
  void name(TestInfo info) {
    lease = info.getTestMethod().orElseThrow().getName();
  }

  @AfterEach
  void tearDown() {
    if (monitor != null) {
      monitor.stop();
    }
    elections.forEach(LeaderElection::stop);
  }

  @Test
  void start_twoCandidates_exactlyOneLeaderAndItStays() {
    PostgresLeaderElection a = election("a", db.unpooled("lease-a"));
    PostgresLeaderElection b = election("b", db.unpooled("lease-b"));
    monitor = new Monitor(a, b);

    await().atMost(DEADLINE).until(() -> a.isLeader() || b.isLeader());
    boolean aLeads = a.isLeader();
    // Several lease durations: renewals keep the same leader, the other never gets in.
    await()
        .during(LEASE.multipliedBy(2))
        .atMost(DEADLINE)
        .until(() -> a.isLeader() == aLeads && b.isLeader() != aLeads);

    assertThat(monitor.overlaps()).isZero();
    assertThat(ownerInDatabase()).isEqualTo(aLeads ? "a" : "b");
  }

  @Test
  void stop_leader_otherTakesOverWithinLeasePlusRetry() {
    PostgresLeaderElection a = election("a", db.unpooled("lease-a"));
    await().atMost(DEADLINE).until(a::isLeader);
    PostgresLeaderElection b = election("b", db.unpooled("lease-b"));
    monitor = new Monitor(a, b);

    long stoppedAt = System.nanoTime();
    a.stop();

    assertThat(a.isLeader()).isFalse();
    assertThat(events).contains("a lost"); // told before stop() returned
    await().atMost(LEASE.plus(SETTINGS.retryInterval())).until(b::isLeader);
    assertThat(Duration.ofNanos(System.nanoTime() - stoppedAt))
        .isLessThan(LEASE.plus(SETTINGS.retryInterval()));
    assertThat(monitor.overlaps()).isZero();
  }

  @Test
  void heartbeat_connectionKilledAndDatabaseUnreachable_stepsDownBeforeOtherTakesOver()
      throws Exception {
    GatedDataSource aSource = new GatedDataSource(db.database.jdbcUrl(), "lease-a-killed");
    PostgresLeaderElection a = election("a", aSource);
    await().atMost(DEADLINE).until(a::isLeader);
    PostgresLeaderElection b = election("b", db.unpooled("lease-b"));
    monitor = new Monitor(a, b);

    aSource.fail(); // no reconnect possible: to this instance the database is down
    terminate("lease-a-killed");

    await().atMost(DEADLINE).until(() -> !a.isLeader());
    await().atMost(DEADLINE).until(b::isLeader);
    assertThat(List.copyOf(events)).containsSubsequence("a gained", "a lost", "b gained");
    assertThat(monitor.overlaps()).isZero();

    // The database comes back: a does not take the lease from b.
    aSource.open();
    await().during(LEASE).atMost(DEADLINE).until(() -> b.isLeader() && !a.isLeader());
    assertThat(monitor.overlaps()).isZero();
  }

  @Test
  void heartbeat_renewalsBlocked_stepsDownByLocalClockBeforeOtherTakesOver() {
    GatedDataSource aSource = new GatedDataSource(db.database.jdbcUrl(), "lease-a-blocked");
    PostgresLeaderElection a = election("a", aSource);
    await().atMost(DEADLINE).until(a::isLeader);
    PostgresLeaderElection b = election("b", db.unpooled("lease-b"));
    monitor = new Monitor(a, b);

    long blockedAt = System.nanoTime();
    aSource.block(); // a's heartbeat thread hangs inside its next renewal

    await().atMost(DEADLINE).until(b::isLeader);
    long tookOver = System.nanoTime() - blockedAt;
    assertThat(a.isLeader()).isFalse();
    assertThat(List.copyOf(events)).containsSubsequence("a gained", "a lost", "b gained");
    assertThat(Duration.ofNanos(tookOver)).isLessThan(LEASE.plus(SETTINGS.retryInterval()));
    assertThat(monitor.overlaps()).isZero();

    aSource.open(); // the stalled renewal goes through, finds b's lease and fails
    await().during(LEASE).atMost(DEADLINE).until(() -> b.isLeader() && !a.isLeader());
    assertThat(monitor.overlaps()).isZero();
  }

  @Test
  void heartbeat_databaseBackAfterOutage_leaderResumes() throws Exception {
    GatedDataSource aSource = new GatedDataSource(db.database.jdbcUrl(), "lease-a-outage");
    PostgresLeaderElection a = election("a", aSource);
    await().atMost(DEADLINE).until(a::isLeader);

    aSource.fail();
    terminate("lease-a-outage");
    await().atMost(DEADLINE).until(() -> !a.isLeader());
    aSource.open();

    await().atMost(DEADLINE).until(a::isLeader);
    assertThat(List.copyOf(events)).containsExactly("a gained", "a lost", "a gained");
  }

  @Test
  void start_afterAllCandidatesStopped_newProcessLeadsAtOnce() {
    PostgresLeaderElection first = election("first", db.unpooled("lease-first"));
    await().atMost(DEADLINE).until(first::isLeader);
    first.stop();
    assertThat(ownerInDatabase()).isNull(); // released, not left to expire

    PostgresLeaderElection restarted = election("restarted", db.unpooled("lease-restarted"));

    // Well within the lease: the released row is free, no expiry to wait for.
    await().atMost(LEASE.dividedBy(2).plus(Duration.ofSeconds(1))).until(restarted::isLeader);
  }

  private PostgresLeaderElection election(String id, javax.sql.DataSource source) {
    PostgresLeaderElection election = new PostgresLeaderElection(source, lease, id, SETTINGS);
    election.addListener(
        new LeaderElection.Listener() {
          @Override
          public void onLeadershipGained() {
            events.add(id + " gained");
          }

          @Override
          public void onLeadershipLost() {
            events.add(id + " lost");
          }
        });
    elections.add(election);
    election.start();
    return election;
  }

  private String ownerInDatabase() {
    try (Connection c = db.dataSource().getConnection();
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery("SELECT owner FROM leader_lease WHERE name = '" + lease + "'")) {
      return rs.next() ? rs.getString(1) : null;
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void terminate(String applicationName) throws Exception {
    db.execute(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = '"
            + applicationName
            + "'");
  }

  /**
   * Samples both elections' {@code isLeader()} in a tight loop. A sample whose two reads lie more
   * than a few milliseconds apart (the sampler was descheduled) proves nothing and is skipped.
   */
  static final class Monitor {
    private static final long MAX_READ_GAP_NANOS = 5_000_000;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicInteger overlaps = new AtomicInteger();
    private final AtomicInteger samples = new AtomicInteger();
    private final Thread thread;

    Monitor(LeaderElection a, LeaderElection b) {
      thread =
          Thread.ofPlatform()
              .name("leader-monitor")
              .start(() -> {
                while (running.get()) {
                  long t0 = System.nanoTime();
                  boolean first = a.isLeader();
                  boolean second = b.isLeader();
                  if (System.nanoTime() - t0 < MAX_READ_GAP_NANOS) {
                    samples.incrementAndGet();
                    if (first && second) {
                      overlaps.incrementAndGet();
                    }
                  }
                  LockSupport.parkNanos(100_000); // sampling pace, not a wait
                }
              });
    }

    int overlaps() {
      assertThat(samples.get()).as("monitor samples").isPositive();
      return overlaps.get();
    }

    void stop() {
      running.set(false);
      try {
        thread.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
