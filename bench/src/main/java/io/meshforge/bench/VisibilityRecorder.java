package io.meshforge.bench;

import io.meshforge.model.ResourceKey;
import io.meshforge.model.store.ResourceChange;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code VisibilityRecorder} measures commit → visible-in-view latency per write. Writers report
 * the version they committed; the view listener reports versions it applied. The feed may collapse
 * several versions of a key into the newest, so seeing version v makes every version up to v
 * visible. A write seen before its writer reported it counts as 0 ms.
 */
final class VisibilityRecorder {

  private final ConcurrentHashMap<ResourceKey, KeyState> keys = new ConcurrentHashMap<>();
  private long[] latencies = new long[1 << 16];
  private int count;
  private volatile boolean recording;

  /** Per key: the newest version seen in the view and the commits not seen yet. */
  private final class KeyState {
    long visibleVersion;
    final ArrayDeque<long[]> pending = new ArrayDeque<>();

    synchronized void committed(long version, long nanos) {
      if (visibleVersion >= version) {
        record(0);
      } else {
        pending.add(new long[] {version, nanos});
      }
    }

    synchronized void visible(long version, long nanos) {
      visibleVersion = Math.max(visibleVersion, version);
      while (!pending.isEmpty() && pending.peek()[0] <= version) {
        record(nanos - pending.poll()[1]);
      }
    }
  }

  void startRecording() {
    recording = true;
  }

  void stopRecording() {
    recording = false;
  }

  /** Called by a writer right after its write committed. */
  void committed(ResourceKey key, long version) {
    keys.computeIfAbsent(key, k -> new KeyState()).committed(version, System.nanoTime());
  }

  /** Called by the view listener for each applied batch. */
  void applied(List<ResourceChange> changes) {
    long now = System.nanoTime();
    for (ResourceChange change : changes) {
      if (change.resource() != null) {
        keys.computeIfAbsent(change.key(), k -> new KeyState())
            .visible(change.resource().version(), now);
      }
    }
  }

  /** Returns how many commits are not visible yet. */
  int pending() {
    return keys.values().stream()
        .mapToInt(k -> {
          synchronized (k) {
            return k.pending.size();
          }
        })
        .sum();
  }

  private synchronized void record(long nanos) {
    if (!recording) {
      return;
    }
    if (count == latencies.length) {
      latencies = Arrays.copyOf(latencies, count * 2);
    }
    latencies[count++] = nanos;
  }

  /** Returns the recorded latencies in milliseconds, sorted, and forgets them. */
  synchronized double[] drainSortedMillis() {
    long[] sorted = Arrays.copyOf(latencies, count);
    Arrays.sort(sorted);
    count = 0;
    return Arrays.stream(sorted).mapToDouble(n -> n / 1e6).toArray();
  }
}
