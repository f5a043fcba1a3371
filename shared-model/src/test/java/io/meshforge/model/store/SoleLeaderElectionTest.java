package io.meshforge.model.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class SoleLeaderElectionTest {

  private static final Duration DEADLINE = Duration.ofSeconds(10);

  /** Records events with the thread they ran on. */
  static final class Recorder implements LeaderElection.Listener {
    final List<String> events = new CopyOnWriteArrayList<>();

    @Override
    public void onLeadershipGained() {
      events.add("gained on " + Thread.currentThread().getName());
    }

    @Override
    public void onLeadershipLost() {
      events.add("lost on " + Thread.currentThread().getName());
    }
  }

  @Test
  void start_thenStop_leaderBetweenAndListenersToldOnEventThread() {
    SoleLeaderElection election = new SoleLeaderElection("gc");
    Recorder recorder = new Recorder();
    election.addListener(recorder);
    assertThat(election.isLeader()).isFalse();

    election.start();

    assertThat(election.isLeader()).isTrue();
    await().atMost(DEADLINE).until(() -> recorder.events.size() == 1);

    election.stop();

    assertThat(election.isLeader()).isFalse();
    assertThat(recorder.events)
        .containsExactly("gained on leader-events-gc", "lost on leader-events-gc");
  }

  @Test
  void addListener_whileLeader_toldGainedAtOnce() {
    try (SoleLeaderElection election = new SoleLeaderElection("status")) {
      election.start();
      Recorder late = new Recorder();

      election.addListener(late);

      await().atMost(DEADLINE).until(() -> late.events.size() == 1);
      assertThat(late.events.get(0)).startsWith("gained");
    }
  }

  @Test
  void start_afterStop_refused() {
    SoleLeaderElection election = new SoleLeaderElection("gc");
    election.start();
    election.stop();

    assertThatThrownBy(election::start).isInstanceOf(IllegalStateException.class);
    assertThat(election.isLeader()).isFalse();
  }

  @Test
  void candidateId_twoElections_differ() {
    assertThat(new SoleLeaderElection("a").candidateId())
        .isNotEqualTo(new SoleLeaderElection("a").candidateId());
  }
}
