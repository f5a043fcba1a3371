package io.meshforge.kds.transport;

import io.meshforge.kds.sync.LocalView;
import io.meshforge.kds.sync.ResourceValidator;
import io.meshforge.kds.sync.SyncSink;
import java.util.Set;

/** {@code GlobalBackend} is what the global side of KDS needs from global-cp. */
public interface GlobalBackend {

  /** The state global serves to one zone (wire copies, filtered for that zone and its features). */
  StateFeed feedFor(String zone, Set<String> features);

  /** Global's store, read side. */
  LocalView view();

  /** Writes what a zone sends (atomic per batch; global stores it owned by the Zone). */
  SyncSink sinkFor(String zone);

  /** Validates what zones send. */
  ResourceValidator validator();
}
