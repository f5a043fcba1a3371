package io.meshforge.e2e;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@code PhantomDeleteWatch} polls, while a fault runs, that resources nobody deleted stay present
 * (L2): each probe names a control plane, a mesh and the {@code StoreView} keys that must be there.
 * A probe that cannot reach its control plane (it is down) is skipped; a probe that reads the store
 * and misses a key is a violation.
 */
final class PhantomDeleteWatch extends BackgroundWatch {
  /** What must stay present in one control plane. */
  record Probe(Api api, String mesh, List<String> keys) {}

  private final List<Probe> probes;

  private PhantomDeleteWatch(List<Probe> probes) {
    super(Duration.ofMillis(200));
    this.probes = List.copyOf(probes);
    begin("phantom-delete-watch");
  }

  static PhantomDeleteWatch start(Probe... probes) {
    return new PhantomDeleteWatch(List.of(probes));
  }

  @Override
  boolean poll() {
    for (Probe probe : probes) {
      check(probe);
    }
    return true;
  }

  private void check(Probe probe) {
    Map<String, Integer> view;
    try {
      view = StoreView.read(probe.api(), probe.mesh());
    } catch (RuntimeException e) {
      return; // the control plane is down or restarting: nothing to judge
    }
    for (String key : probe.keys()) {
      if (!view.containsKey(key)) {
        violation(probe.api().name() + " lacks " + key);
      }
    }
  }
}
