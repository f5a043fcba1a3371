package io.meshforge.zone.leader;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * {@code SharedLeadership} lets several kinds of leader-only work (the KDS client, the Dataplane
 * cleanup) follow one election, so they always run on the same instance: the first participant
 * joins the underlying {@link Leadership}, the last one to leave leaves it. A participant that
 * joins while this instance leads is told {@link Listener#gained()} at once, on the joining thread.
 *
 * <p>Why not one election per kind of work: two elections for one lease from one instance would
 * share the lease row, and one leaving would release the lease under the other.
 *
 * <p>Every callback to participants is made while holding this object's monitor, so each
 * participant still sees one callback at a time, alternating gained and lost. Listeners must
 * therefore be quick and must not call back into this object from another thread.
 */
public final class SharedLeadership implements Leadership {

  private final Leadership election;

  // Guarded by this.
  private final List<Listener> participants = new ArrayList<>();
  private AutoCloseable joined;
  private boolean leading;

  /**
   * @param election the one election every participant follows
   */
  public SharedLeadership(Leadership election) {
    this.election = Objects.requireNonNull(election, "election");
  }

  @Override
  public synchronized AutoCloseable participate(Listener listener) {
    Objects.requireNonNull(listener, "listener");
    participants.add(listener);
    if (joined == null) {
      joined = election.participate(new Relay());
    } else if (leading) {
      listener.gained();
    }
    return () -> leave(listener);
  }

  /** Returns whether this instance leads (for tests and diagnostics). */
  public synchronized boolean leading() {
    return leading;
  }

  private void leave(Listener listener) throws Exception {
    AutoCloseable leaving = null;
    synchronized (this) {
      if (!participants.remove(listener)) {
        return;
      }
      if (leading) {
        listener.lost();
      }
      if (participants.isEmpty() && joined != null) {
        leaving = joined;
        joined = null;
        leading = false;
      }
    }
    if (leaving != null) {
      // Outside the monitor: closing waits until the relay was told of the loss on the
      // election's thread, and the relay takes the monitor (nobody is listening any more).
      leaving.close();
    }
  }

  /** Relays the election's callbacks to every participant. */
  private final class Relay implements Listener {
    @Override
    public void gained() {
      synchronized (SharedLeadership.this) {
        if (joined == null) {
          return; // every participant left; the election is being closed
        }
        leading = true;
        List.copyOf(participants).forEach(Listener::gained);
      }
    }

    @Override
    public void lost() {
      synchronized (SharedLeadership.this) {
        if (!leading) {
          return;
        }
        leading = false;
        List.copyOf(participants).forEach(Listener::lost);
      }
    }
  }
}
