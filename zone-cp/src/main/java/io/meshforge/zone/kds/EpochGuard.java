package io.meshforge.zone.kds;

import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code EpochGuard} stops a zone from mass-deleting on behalf of a global whose store is not the
 * one it synced with (F12: global restored from an older backup, or pointed at a new database).
 *
 * <p>Global advertises its store's epoch id in the {@code kds-store-epoch} response header of the
 * GlobalToZone call (ADR 0013). On each connection the guard compares it with the epoch this zone
 * last trusted:
 *
 * <ul>
 *   <li>nothing remembered yet: the epoch is trusted and remembered;
 *   <li>the same epoch, or the one named by {@code zone.global.epoch.accept}: trusted;
 *   <li>another epoch (or none, when one was remembered): {@link State#CHANGED}. Deletions from
 *       global are held back (upserts still apply) until an operator confirms the new epoch; the
 *       confirmation resyncs, so the held deletions are applied then.
 * </ul>
 *
 * <p>A global that never advertised an epoch cannot be checked ({@link State#UNCHECKED}).
 *
 * <p>Thread-safe: the interceptor reports epochs from gRPC threads, the sink asks from the stream's
 * serial executor, the REST API confirms from a request thread.
 */
public final class EpochGuard {

  /** How the current connection's epoch compares with the trusted one. */
  public enum State {
    /** Not connected yet. */
    DISCONNECTED,
    /** Global advertises no epoch and none was remembered: no protection possible. */
    UNCHECKED,
    /** Global's epoch is the trusted one: deletions apply. */
    TRUSTED,
    /** Global's epoch changed: deletions are held until an operator confirms. */
    CHANGED
  }

  /** What the status endpoint shows. */
  public record Status(
      State state, String trusted, String advertised, long heldDeletions, String action) {}

  private static final Logger log = LoggerFactory.getLogger(EpochGuard.class);

  private final EpochMemory memory;
  private final String accepted;
  private Runnable onConfirmed = () -> {};
  private State state = State.DISCONNECTED;
  private String trusted;
  private String advertised;
  private long held;

  /**
   * @param accepted the epoch {@code zone.global.epoch.accept} names; empty for none
   */
  public EpochGuard(EpochMemory memory, String accepted) {
    this.memory = memory;
    this.accepted = accepted == null || accepted.isBlank() ? null : accepted.strip();
    this.trusted = memory.load().orElse(null);
  }

  /** Sets what runs after a confirmation (a resync, so held deletions are applied). */
  public synchronized void onConfirmed(Runnable action) {
    this.onConfirmed = Objects.requireNonNull(action);
  }

  /** Records the epoch global advertised on a new GlobalToZone call ({@code null}: none). */
  public synchronized void connected(String epoch) {
    advertised = epoch;
    if (trusted == null && epoch == null) {
      state = State.UNCHECKED;
      log.warn(
          "Global advertises no store epoch: the zone cannot detect a restored global database"
              + " (F12)");
    } else if (trusted == null
        || trusted.equals(epoch)
        || (epoch != null && epoch.equals(accepted))) {
      if (!Objects.equals(trusted, epoch)) {
        log.info("Trusting global's store epoch {}", epoch);
        trust(epoch);
      }
      state = State.TRUSTED;
    } else {
      if (state != State.CHANGED) {
        held = 0;
      }
      state = State.CHANGED;
      log.error(
          "GLOBAL STORE EPOCH CHANGED: this zone synced with global store {} but global now"
              + " serves store {}. Global may have been restored from an older backup. Deletions"
              + " from global are HELD until an operator confirms: {}",
          trusted,
          epoch,
          action());
    }
  }

  /** Returns {@code true} when deletions from global may be applied. */
  public synchronized boolean deletionsAllowed() {
    return state != State.CHANGED;
  }

  /** Records deletions that were held back, and says so. */
  public synchronized void held(String type, int count) {
    held += count;
    log.error(
        "Held {} deletion(s) of {} from global (store epoch changed from {} to {}; {} held in"
            + " total). Confirm with: {}",
        count,
        type,
        trusted,
        advertised,
        held,
        action());
  }

  /**
   * Confirms the epoch global advertises now: it becomes trusted and the connection resyncs.
   *
   * @param epoch the epoch the operator saw and accepts (must equal the advertised one)
   * @return {@code false} when there was nothing to confirm
   * @throws IllegalArgumentException when {@code epoch} is not the advertised epoch
   */
  public boolean confirm(String epoch) {
    Runnable then;
    synchronized (this) {
      if (state != State.CHANGED) {
        return false;
      }
      if (!Objects.equals(epoch, advertised)) {
        throw new IllegalArgumentException(
            "global advertises store epoch " + advertised + ", not " + epoch);
      }
      log.warn("Operator confirmed global's new store epoch {}; resyncing", epoch);
      trust(epoch);
      state = State.TRUSTED;
      held = 0;
      then = onConfirmed;
    }
    then.run();
    return true;
  }

  /** Marks the connection as gone (the trusted epoch is kept). */
  public synchronized void disconnected() {
    if (state != State.CHANGED) {
      state = State.DISCONNECTED;
    }
  }

  /** Returns the current state for status pages. */
  public synchronized Status status() {
    return new Status(state, trusted, advertised, held, state == State.CHANGED ? action() : null);
  }

  /** Returns the trusted epoch, if any. */
  public synchronized Optional<String> trusted() {
    return Optional.ofNullable(trusted);
  }

  private void trust(String epoch) {
    memory.save(epoch);
    trusted = epoch;
  }

  private String action() {
    return "POST /zone/epoch/confirm?epoch="
        + advertised
        + " on the zone API, or set zone.global.epoch.accept="
        + advertised;
  }
}
