package io.meshforge.zone.leader;

import io.meshforge.model.store.LeaderElection;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * {@code ElectedLeadership} is the zone's {@link Leadership} over a store {@link LeaderElection}:
 * the PostgreSQL lease when instances share a database, the sole-instance election with the
 * in-memory store. Each participation runs a fresh election (an election cannot be restarted once
 * stopped); leaving it stops the election, which releases the lease at once, so another instance
 * takes over without waiting for it to expire.
 *
 * <p>Callbacks arrive on the election's event thread, one at a time, alternating gained and lost,
 * as {@link Leadership} promises.
 */
public final class ElectedLeadership implements Leadership {
  private final Supplier<LeaderElection> elections;

  /**
   * @param elections makes a new, not yet started election for each participation
   */
  public ElectedLeadership(Supplier<LeaderElection> elections) {
    this.elections = Objects.requireNonNull(elections, "elections");
  }

  @Override
  public AutoCloseable participate(Listener listener) {
    LeaderElection election = elections.get();
    LeaderElection.Listener relay =
        new LeaderElection.Listener() {
          @Override
          public void onLeadershipGained() {
            listener.gained();
          }

          @Override
          public void onLeadershipLost() {
            listener.lost();
          }
        };
    election.addListener(relay);
    election.start();
    // stop() tells the listener of a loss before it returns, as participate's handle promises.
    return election::stop;
  }
}
