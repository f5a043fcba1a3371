package io.meshforge.zone.leader;

/**
 * {@code AlwaysLeader} is the leadership of a lone instance: the in-memory store cannot be shared,
 * so its instance is always the leader.
 */
public final class AlwaysLeader implements Leadership {
  @Override
  public AutoCloseable participate(Listener listener) {
    listener.gained();
    return listener::lost;
  }
}
