package io.meshforge.zone.xds.envoy;

import com.google.protobuf.Any;
import io.envoyproxy.envoy.config.core.v3.Address;
import io.envoyproxy.envoy.config.core.v3.AggregatedConfigSource;
import io.envoyproxy.envoy.config.core.v3.ApiVersion;
import io.envoyproxy.envoy.config.core.v3.ConfigSource;
import io.envoyproxy.envoy.config.core.v3.SocketAddress;
import io.envoyproxy.envoy.config.core.v3.TrafficDirection;
import io.envoyproxy.envoy.config.listener.v3.Filter;
import io.envoyproxy.envoy.config.listener.v3.FilterChain;
import io.envoyproxy.envoy.config.listener.v3.Listener;
import io.envoyproxy.envoy.config.route.v3.RouteConfiguration;
import io.envoyproxy.envoy.extensions.filters.http.router.v3.Router;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpFilter;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.Rds;
import io.envoyproxy.envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy;

/**
 * Small factories for listeners and their network filters. Protobuf builders stay the API: these
 * only spell the shapes every generator shares once.
 */
public final class Listeners {

  /** The name of the HTTP connection manager network filter. */
  public static final String HTTP_CONNECTION_MANAGER =
      "envoy.filters.network.http_connection_manager";

  /** The name of the TCP proxy network filter. */
  public static final String TCP_PROXY = "envoy.filters.network.tcp_proxy";

  /** The name of the router HTTP filter; it must be the last HTTP filter. */
  public static final String ROUTER = "envoy.filters.http.router";

  private Listeners() {}

  /** Returns a config source meaning "over the same ADS stream". */
  public static ConfigSource ads() {
    return ConfigSource.newBuilder()
        .setAds(AggregatedConfigSource.getDefaultInstance())
        .setResourceApiVersion(ApiVersion.V3)
        .build();
  }

  /** Returns a socket address. */
  public static Address address(String ip, int port) {
    return Address.newBuilder()
        .setSocketAddress(SocketAddress.newBuilder().setAddress(ip).setPortValue(port))
        .build();
  }

  /** Returns a listener on {@code ip:port} with one filter chain holding {@code filter}. */
  public static Listener.Builder listener(
      String name, String ip, int port, TrafficDirection direction, Filter filter) {
    return Listener.newBuilder()
        .setName(name)
        .setAddress(address(ip, port))
        .setTrafficDirection(direction)
        .addFilterChains(FilterChain.newBuilder().addFilters(filter));
  }

  /** Returns a TCP proxy filter sending everything to one cluster. */
  public static Filter tcpProxy(String statPrefix, String cluster) {
    TcpProxy proxy = TcpProxy.newBuilder().setStatPrefix(statPrefix).setCluster(cluster).build();
    return Filter.newBuilder().setName(TCP_PROXY).setTypedConfig(Any.pack(proxy)).build();
  }

  /** Returns an HTTP connection manager filter with an inline route configuration. */
  public static Filter httpConnectionManager(String statPrefix, RouteConfiguration routes) {
    return filter(httpManager(statPrefix).setRouteConfig(routes).build());
  }

  /** Returns an HTTP connection manager filter whose routes come over ADS (RDS). */
  public static Filter httpConnectionManager(String statPrefix, String routeName) {
    return filter(httpManager(statPrefix).setRds(rds(routeName)).build());
  }

  /**
   * Returns an HTTP connection manager whose routes come over ADS, for API listeners (gRPC clients
   * read it from the listener's {@code api_listener} field).
   */
  public static HttpConnectionManager apiHttpConnectionManager(
      String statPrefix, String routeName) {
    return httpManager(statPrefix).setRds(rds(routeName)).build();
  }

  private static Rds rds(String routeName) {
    return Rds.newBuilder().setRouteConfigName(routeName).setConfigSource(ads()).build();
  }

  private static HttpConnectionManager.Builder httpManager(String statPrefix) {
    return HttpConnectionManager.newBuilder()
        .setStatPrefix(statPrefix)
        .setCodecType(HttpConnectionManager.CodecType.AUTO)
        .addHttpFilters(
            HttpFilter.newBuilder()
                .setName(ROUTER)
                .setTypedConfig(Any.pack(Router.getDefaultInstance())));
  }

  private static Filter filter(HttpConnectionManager manager) {
    return Filter.newBuilder()
        .setName(HTTP_CONNECTION_MANAGER)
        .setTypedConfig(Any.pack(manager))
        .build();
  }
}
