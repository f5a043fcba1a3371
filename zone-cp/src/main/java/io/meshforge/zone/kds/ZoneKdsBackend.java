package io.meshforge.zone.kds;

import io.meshforge.kds.sync.LocalView;
import io.meshforge.kds.sync.ResourceValidator;
import io.meshforge.kds.sync.SyncSink;
import io.meshforge.kds.transport.StateFeed;
import io.meshforge.kds.transport.ZoneBackend;
import io.meshforge.kds.v1.EnvoyAdminRequest;

/**
 * {@code ZoneKdsBackend} is what KDS needs from this zone: its feed, its store, its sink and a
 * validator. Envoy admin requests are refused until the zone serves xDS.
 */
public record ZoneKdsBackend(
    StateFeed feed, LocalView view, SyncSink sink, ResourceValidator validator)
    implements ZoneBackend {

  @Override
  public byte[] envoyAdmin(EnvoyAdminRequest request) throws Exception {
    throw new UnsupportedOperationException(
        "this zone does not serve proxies yet: no Envoy admin data for "
            + request.getResourceName());
  }
}
