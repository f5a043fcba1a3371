package io.meshforge.store.postgres;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * {@code RevisionTracker} remembers which change-log revisions a feed has applied, although they
 * become visible out of order.
 *
 * <p>Revisions are taken from a sequence before commit, so a transaction holding a low revision may
 * commit after one holding a higher revision. The tracker keeps a low watermark (every revision at
 * or below it is applied or known never to come) and the set of revisions applied above it. A
 * missing revision below the highest applied one is a gap: it is remembered with the {@code xmax}
 * of the snapshot in which it was first missed. Every transaction that could hold it had its
 * transaction id assigned before that snapshot (the id is assigned by the row change that precedes
 * the trigger taking the revision), so once a later snapshot's {@code xmin} has passed that {@code
 * xmax}, the holder has ended: if the revision is still not visible, it never will be (the
 * transaction aborted, or the value was never used).
 *
 * <p>Not thread-safe: confined to the feed thread.
 */
final class RevisionTracker {

  private long watermark;
  private final Set<Long> appliedAbove = new HashSet<>();
  private final Map<Long, Long> gapFirstMissedAtXmax = new HashMap<>();

  /** Every revision at or below this one is applied or abandoned. */
  long watermark() {
    return watermark;
  }

  /** The revisions applied above the watermark; the feed skips them when re-reading. */
  Set<Long> appliedAbove() {
    return appliedAbove;
  }

  int pendingGaps() {
    return gapFirstMissedAtXmax.size();
  }

  /** Forgets everything and starts over at {@code newWatermark} (after a resync). */
  void reset(long newWatermark) {
    watermark = newWatermark;
    appliedAbove.clear();
    gapFirstMissedAtXmax.clear();
  }

  /** Records a revision as applied. */
  void applied(long revision) {
    if (revision > watermark) {
      appliedAbove.add(revision);
    }
  }

  /**
   * Accounts for a read of the log made in one snapshot, then advances the watermark as far as
   * possible.
   *
   * @param readThrough every revision at or below this was visible to the read (the last row of a
   *     full batch, or the highest revision applied when the read returned everything)
   * @param snapshotXmin the {@code xmin} of the read's snapshot
   * @param snapshotXmax the {@code xmax} of the read's snapshot
   */
  void afterRead(long readThrough, long snapshotXmin, long snapshotXmax) {
    for (long revision = watermark + 1; revision <= readThrough; revision++) {
      if (appliedAbove.contains(revision)) {
        continue;
      }
      Long firstMissedAt = gapFirstMissedAtXmax.putIfAbsent(revision, snapshotXmax);
      if (firstMissedAt != null && snapshotXmin >= firstMissedAt) {
        // Every transaction that could hold it has ended and it is still not visible.
        gapFirstMissedAtXmax.remove(revision);
        appliedAbove.add(revision);
      }
    }
    while (appliedAbove.remove(watermark + 1)) {
      watermark++;
      gapFirstMissedAtXmax.remove(watermark);
    }
  }

  /** Returns the revisions above the watermark and at or below {@code highest} not applied yet. */
  Long[] missingBelow(long highest) {
    java.util.List<Long> missing = new java.util.ArrayList<>();
    for (long revision = watermark + 1; revision <= highest; revision++) {
      if (!appliedAbove.contains(revision)) {
        missing.add(revision);
      }
    }
    return missing.toArray(Long[]::new);
  }

  /** Returns the highest revision applied, or the watermark when none is above it. */
  long highestApplied() {
    long highest = watermark;
    for (long revision : appliedAbove) {
      highest = Math.max(highest, revision);
    }
    return highest;
  }
}
