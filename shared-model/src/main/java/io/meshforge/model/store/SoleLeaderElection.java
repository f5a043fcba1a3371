package io.meshforge.model.store;

import java.util.Objects;
import java.util.UUID;

/**
 * {@code SoleLeaderElection} is the election of a control plane that has no peers, e.g. one using
 * the {@link InMemoryResourceStore}: it is leader from {@link #start()} to {@link #stop()}.
 * Listeners run on its event thread, as with any {@link LeaderElection}.
 */
public final class SoleLeaderElection implements LeaderElection {

  private final String name;
  private final String candidateId;
  private final LeadershipEvents events;
  private volatile boolean started;
  private volatile boolean stopped;

  /** Returns an election for the lease {@code name}; call {@link #start()} to lead. */
  public SoleLeaderElection(String name) {
    this.name = Objects.requireNonNull(name, "name");
    this.candidateId = "sole-" + UUID.randomUUID();
    this.events = new LeadershipEvents(name, this::isLeader);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String candidateId() {
    return candidateId;
  }

  @Override
  public synchronized void start() {
    if (stopped) {
      throw new IllegalStateException("election " + name + " was stopped");
    }
    started = true;
    events.recheck();
  }

  @Override
  public synchronized void stop() {
    stopped = true;
    events.close();
  }

  @Override
  public boolean isLeader() {
    return started && !stopped;
  }

  @Override
  public void addListener(Listener listener) {
    events.addListener(listener);
  }

  @Override
  public void removeListener(Listener listener) {
    events.removeListener(listener);
  }
}
