package io.meshforge.kds.transport;

import io.meshforge.kds.sync.LocalView;
import io.meshforge.kds.sync.ResourceValidator;
import io.meshforge.kds.sync.SyncSink;
import io.meshforge.kds.v1.EnvoyAdminRequest;

/** {@code ZoneBackend} is what the zone side of KDS needs from zone-cp. */
public interface ZoneBackend {

  /** The state the zone serves to global (wire copies: see {@code SyncedCopies.forGlobal}). */
  StateFeed feed();

  /** The zone's store, read side. */
  LocalView view();

  /** Writes what global sends (atomic per batch). */
  SyncSink sink();

  /** Validates what global sends. */
  ResourceValidator validator();

  /**
   * Answers global's Envoy admin request for one of this zone's proxies.
   *
   * @throws EnvoyAdminFailure when the proxy is unknown, offline or unreachable: the code and the
   *     message go back to global
   * @throws Exception on any other failure; only the message goes back to global
   */
  byte[] envoyAdmin(EnvoyAdminRequest request) throws Exception;
}
