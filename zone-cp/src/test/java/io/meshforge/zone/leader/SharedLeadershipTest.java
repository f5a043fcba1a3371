package io.meshforge.zone.leader;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** One election, several kinds of leader-only work. */
class SharedLeadershipTest {

  /** An election driven by hand; counts how often it was joined and left. */
  private static final class HandElection implements Leadership {
    Listener relay;
    int joins;
    int leaves;

    @Override
    public AutoCloseable participate(Listener listener) {
      relay = listener;
      joins++;
      return () -> {
        leaves++;
        listener.lost();
      };
    }
  }

  /** Records the callbacks it receives. */
  private static final class Recording implements Leadership.Listener {
    final List<String> calls = new CopyOnWriteArrayList<>();

    @Override
    public void gained() {
      calls.add("gained");
    }

    @Override
    public void lost() {
      calls.add("lost");
    }
  }

  @Test
  void participate_twoParticipants_joinOneElectionAndBothFollowIt() throws Exception {
    HandElection election = new HandElection();
    SharedLeadership shared = new SharedLeadership(election);
    Recording kds = new Recording();
    Recording cleanup = new Recording();

    AutoCloseable first = shared.participate(kds);
    AutoCloseable second = shared.participate(cleanup);
    election.relay.gained();
    election.relay.lost();

    assertThat(election.joins).isEqualTo(1);
    assertThat(kds.calls).containsExactly("gained", "lost");
    assertThat(cleanup.calls).containsExactly("gained", "lost");
    first.close();
    assertThat(election.leaves).as("one participant is still in").isZero();
    second.close();
    assertThat(election.leaves).isEqualTo(1);
  }

  @Test
  void participate_whileLeading_isToldAtOnceAndLosesWhenItLeaves() throws Exception {
    HandElection election = new HandElection();
    SharedLeadership shared = new SharedLeadership(election);
    AutoCloseable kds = shared.participate(new Recording());
    election.relay.gained();
    Recording late = new Recording();

    AutoCloseable handle = shared.participate(late);
    assertThat(late.calls).containsExactly("gained");
    handle.close();

    assertThat(late.calls).containsExactly("gained", "lost");
    assertThat(shared.leading()).as("the other participant still leads").isTrue();
    kds.close();
    assertThat(shared.leading()).isFalse();
  }
}
