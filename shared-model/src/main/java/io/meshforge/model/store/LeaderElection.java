package io.meshforge.model.store;

/**
 * {@code LeaderElection} decides which one instance of a control-plane group runs the work that
 * must run once per group (a zone's KDS client, garbage collection, status computation): at most
 * one instance of a group is leader at any instant (RELIABILITY.md L8).
 *
 * <p>{@link #isLeader()} is the truth and may be polled from any thread; it turns {@code false} as
 * soon as leadership can no longer be guaranteed, before another instance can take over. Listeners
 * are told afterwards, on the election's own event thread (named {@code leader-events-<name>}), one
 * call at a time, strictly alternating gained/lost and starting with gained. Work started on {@link
 * Listener#onLeadershipGained()} must check {@link #isLeader()} before each step that must not run
 * twice, since the notification of a loss necessarily arrives after the loss.
 *
 * <p>Implementations: {@link SoleLeaderElection} (one instance, e.g. with the in-memory store) and
 * a lease in PostgreSQL ({@code io.meshforge.store.postgres.PostgresLeaderElection}).
 */
public interface LeaderElection extends AutoCloseable {

  /** {@code Listener} is told when this instance gains and loses leadership. */
  interface Listener {
    /** This instance became leader; {@link #isLeader()} was already {@code true}. */
    void onLeadershipGained();

    /** This instance is no longer leader; {@link #isLeader()} was already {@code false}. */
    void onLeadershipLost();
  }

  /** Returns the name of the lease this election competes for (one per kind of work). */
  String name();

  /** Returns this candidate's id, unique per started process and election. */
  String candidateId();

  /** Starts competing for leadership in the background; returns at once. Idempotent. */
  void start();

  /**
   * Stops competing and releases leadership if held, so another instance can take over without
   * waiting for the lease to expire. Listeners are told of the loss before this returns. An
   * election cannot be started again after it was stopped.
   */
  void stop();

  /** Returns {@code true} while this instance is the group's leader. Never blocks. */
  boolean isLeader();

  /**
   * Registers a listener. If this instance is leader when the listener is added, the listener is
   * told {@link Listener#onLeadershipGained()} on the event thread right away.
   */
  void addListener(Listener listener);

  /** Unregisters a listener; it may still receive one call already under way. */
  void removeListener(Listener listener);

  /** Same as {@link #stop()}. */
  @Override
  default void close() {
    stop();
  }
}
