package io.meshforge.zone.leader;

/**
 * {@code Leadership} decides which of several zone-cp instances on one store runs the work that
 * must run once per zone (the KDS client to global; later GC). At most one participant of a group
 * holds it at any instant (L8).
 */
public interface Leadership {

  /** Is told when this instance gains or loses leadership. */
  interface Listener {
    /** This instance became the leader: start the leader-only work. Never called twice in a row. */
    void gained();

    /** This instance is no longer the leader: stop the leader-only work now. */
    void lost();
  }

  /**
   * Joins the election. Callbacks come from the election's own thread, one at a time.
   *
   * @return a handle that leaves the election (calling {@link Listener#lost()} first when this
   *     instance leads) and releases what it holds
   */
  AutoCloseable participate(Listener listener);
}
