package io.meshforge.zone.inspect;

import io.meshforge.model.Resource;
import io.meshforge.model.ResourceKey;
import io.meshforge.model.ResourceTypes;
import io.meshforge.model.store.ResourceNotFoundException;
import io.meshforge.model.store.ResourceStore;
import io.meshforge.rest.inspect.ProxyAdmin;
import io.meshforge.rest.inspect.ProxyAdminException;
import io.meshforge.rest.inspect.ProxyAdminException.Reason;
import io.meshforge.rest.inspect.ProxyAdminQuery;
import java.util.function.Predicate;

/**
 * {@code ZoneProxyAdmin} answers inspect requests for this zone's own proxies, from the zone's REST
 * API and for global over KDS: the proxy must be stored, and connected to this zone CP instance
 * (its Envoy admin listens on {@code 127.0.0.1} of the proxy's host, which is only reachable from
 * an instance on the same host; ADR 0021); then its admin is read by {@link EnvoyAdminClient}.
 *
 * <p>Only Dataplanes are served: a ZoneIngress or ZoneEgress is refused as {@code UNSUPPORTED}
 * until zone proxies report their admin port the same way.
 */
public final class ZoneProxyAdmin implements ProxyAdmin {

  /** Envoy's admin port when the Dataplane names none (forge-dp's default too). */
  static final int DEFAULT_ADMIN_PORT = 9901;

  private final ResourceStore store;
  private final Predicate<ResourceKey> connected;
  private final EnvoyAdminClient client;

  /**
   * Creates the reader.
   *
   * @param store the zone's store (where Dataplanes are registered)
   * @param connected whether a proxy has an xDS stream open on this instance
   * @param client reads the proxy's Envoy admin
   */
  public ZoneProxyAdmin(
      ResourceStore store, Predicate<ResourceKey> connected, EnvoyAdminClient client) {
    this.store = store;
    this.connected = connected;
    this.client = client;
  }

  @Override
  public byte[] fetch(ProxyAdminQuery query) {
    ResourceKey key = query.proxy();
    if (!key.type().equals(ResourceTypes.DATAPLANE)) {
      throw new ProxyAdminException(
          Reason.UNSUPPORTED, "inspecting a " + key.type().name() + " is not supported yet");
    }
    String proxy = "Dataplane " + key.name() + " in mesh " + key.mesh();
    Resource dataplane =
        store.get(key).orElseThrow(() -> new ResourceNotFoundException(proxy + " does not exist"));
    if (!connected.test(key)) {
      throw new ProxyAdminException(
          Reason.PROXY_OFFLINE,
          proxy + " is not connected to this zone control plane instance (offline)");
    }
    return client.fetch(proxy, adminPort(dataplane), query.kind(), query.includeEds());
  }

  /** The Dataplane's {@code networking.admin.port}, or Envoy's default. */
  static int adminPort(Resource dataplane) {
    int declared = dataplane.spec().path("networking").path("admin").path("port").asInt(0);
    return declared > 0 ? declared : DEFAULT_ADMIN_PORT;
  }
}
