package io.meshforge.zone.xds;

import io.envoyproxy.controlplane.cache.v3.SimpleCache;
import io.envoyproxy.controlplane.server.V3DiscoveryServer;
import io.meshforge.model.store.DebounceSettings;
import io.meshforge.model.store.ResourceView;
import io.meshforge.zone.xds.egress.EgressGenerator;
import io.meshforge.zone.xds.egress.EgressIdentities;
import io.meshforge.zone.xds.generator.SidecarGenerator;
import io.meshforge.zone.xds.ingress.IngressGenerator;
import io.meshforge.zone.xds.server.AdsService;
import io.meshforge.zone.xds.server.ConnectedProxies;
import io.meshforge.zone.xds.server.XdsMetrics;
import io.meshforge.zone.xds.server.XdsServer;
import io.meshforge.zone.xds.sync.SnapshotReconciler;
import java.util.Objects;

/**
 * {@code XdsComponents} wires the zone's xDS serving without Spring (the Spring configuration and
 * tests both use it): the snapshot cache keyed by node id, the reconciler that fills it from the
 * resource view, and the gRPC server. Start order matters for readiness: the server accepts streams
 * at once and holds them; {@link #startReconciler()} is called once the view is loaded.
 */
public final class XdsComponents implements AutoCloseable {

  private final SnapshotReconciler reconciler;
  private final XdsServer server;
  private final ConnectedProxies connected;

  private XdsComponents(
      SnapshotReconciler reconciler, XdsServer server, ConnectedProxies connected) {
    this.reconciler = reconciler;
    this.server = server;
    this.connected = connected;
  }

  /**
   * Starts the gRPC server; snapshots follow after {@link #startReconciler()}.
   *
   * @param settings where to listen and how to batch changes
   * @param view the zone's resource view
   * @param generator the sidecar generator (with the mTLS seams filled in, if any)
   * @param authenticator checks each proxy stream
   * @param metrics the xDS meters
   * @param observers told about proxies and streams coming and going (e.g. insights)
   */
  public static XdsComponents start(
      Settings settings,
      ResourceView view,
      SidecarGenerator generator,
      ProxyAuthenticator authenticator,
      XdsMetrics metrics,
      ConnectedProxies.Listener... observers) {
    return start(
        settings, view, generator, EgressIdentities.NONE, authenticator, metrics, observers);
  }

  /**
   * Starts the gRPC server, with zone egresses presenting certificates from {@code
   * egressIdentities}; snapshots follow after {@link #startReconciler()}.
   *
   * @param settings where to listen and how to batch changes
   * @param view the zone's resource view
   * @param generator the sidecar generator (with the mTLS seams filled in, if any)
   * @param egressIdentities the certificates a zone egress presents for external services
   * @param authenticator checks each proxy stream
   * @param metrics the xDS meters
   * @param observers told about proxies and streams coming and going (e.g. insights)
   */
  public static XdsComponents start(
      Settings settings,
      ResourceView view,
      SidecarGenerator generator,
      EgressIdentities egressIdentities,
      ProxyAuthenticator authenticator,
      XdsMetrics metrics,
      ConnectedProxies.Listener... observers) {
    Objects.requireNonNull(settings, "settings");
    // One snapshot per proxy: the group of a node is its id (<mesh>.<name>).
    SimpleCache<String> cache = new SimpleCache<>(node -> node.getId());
    ConnectedProxies connected = new ConnectedProxies();
    for (ConnectedProxies.Listener observer : observers) {
      connected.addListener(observer);
    }
    SnapshotReconciler reconciler =
        new SnapshotReconciler(
            view,
            cache,
            generator,
            connected,
            settings.debounce(),
            metrics,
            new IngressGenerator(),
            new EgressGenerator(egressIdentities),
            settings.zone());
    AdsService ads =
        new AdsService(
            new V3DiscoveryServer(cache).getAggregatedDiscoveryServiceImpl(),
            authenticator,
            connected,
            metrics,
            cache::getSnapshot);
    try {
      return new XdsComponents(
          reconciler, XdsServer.start(settings.address(), settings.port(), ads), connected);
    } catch (RuntimeException e) {
      reconciler.close();
      throw e;
    }
  }

  /** Starts turning the view into snapshots: call once the view holds the whole store. */
  public void startReconciler() {
    reconciler.start();
  }

  /** Returns the reconciler (readiness, tests). */
  public SnapshotReconciler reconciler() {
    return reconciler;
  }

  /**
   * Returns the proxies connected to this instance: to observe them, or to close a proxy's streams
   * ({@link ConnectedProxies#closeStreams}).
   */
  public ConnectedProxies connectedProxies() {
    return connected;
  }

  /** Returns the port the xDS server is bound to (the real one when 0 was asked for). */
  public int port() {
    return server.port();
  }

  @Override
  public void close() {
    server.close();
    reconciler.close();
  }

  /**
   * Where the xDS server listens and how it batches changes.
   *
   * @param address the bind address
   * @param port the port, 0 for any free one
   * @param debounce how view changes are batched before proxies are regenerated
   * @param zone this zone's name, in the server names its ingress proxies route on
   */
  public record Settings(String address, int port, DebounceSettings debounce, String zone) {

    /** Settings of a zone without a name (tests of sidecars only). */
    public Settings(String address, int port, DebounceSettings debounce) {
      this(address, port, debounce, "");
    }
  }
}
