package io.meshforge.zone.kds;

import io.meshforge.kds.sync.LocalView;
import io.meshforge.kds.sync.ResourceValidator;
import io.meshforge.kds.sync.SyncSink;
import io.meshforge.kds.transport.StateFeed;
import io.meshforge.kds.transport.ZoneBackend;
import io.meshforge.kds.v1.EnvoyAdminRequest;
import io.meshforge.rest.inspect.ProxyAdmin;

/**
 * {@code ZoneKdsBackend} is what KDS needs from this zone: its feed, its store, its sink, a
 * validator, the proxies' Envoy admin data global asks for (answered by the same {@link ProxyAdmin}
 * as the zone's own inspect endpoints) and the failover drill data ({@link DrillTraffic}, ADR
 * 0026).
 */
public record ZoneKdsBackend(
    StateFeed feed,
    LocalView view,
    SyncSink sink,
    ResourceValidator validator,
    ProxyAdmin proxies,
    DrillTraffic traffic)
    implements ZoneBackend {

  /** A backend serving no drill data (global's traffic requests are refused as unsupported). */
  public ZoneKdsBackend(
      StateFeed feed,
      LocalView view,
      SyncSink sink,
      ResourceValidator validator,
      ProxyAdmin proxies) {
    this(feed, view, sink, validator, proxies, DrillTraffic.NONE);
  }

  @Override
  public byte[] envoyAdmin(EnvoyAdminRequest request) throws Exception {
    return new EnvoyAdminAnswers(proxies, traffic).answer(request);
  }
}
