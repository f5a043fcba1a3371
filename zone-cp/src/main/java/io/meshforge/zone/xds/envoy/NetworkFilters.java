package io.meshforge.zone.xds.envoy;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import io.envoyproxy.envoy.config.listener.v3.Filter;
import io.envoyproxy.envoy.config.listener.v3.FilterChain;
import io.envoyproxy.envoy.config.listener.v3.Listener;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager;
import io.envoyproxy.envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy;
import java.util.function.Consumer;

/**
 * Reshapes the terminal network filter (HTTP connection manager or TCP proxy) of every filter chain
 * of a built listener. Policy generators run after the listener generators and after the security
 * seams (which may have added filter chains and filters), so they find the filter by name in each
 * chain instead of assuming one chain.
 */
public final class NetworkFilters {

  private NetworkFilters() {}

  /** Returns a copy of the listener whose HTTP connection managers went through {@code change}. */
  public static Listener withHttpManager(
      Listener listener, Consumer<HttpConnectionManager.Builder> change) {
    return map(
        listener,
        Listeners.HTTP_CONNECTION_MANAGER,
        any -> {
          HttpConnectionManager.Builder manager =
              unpack(any, HttpConnectionManager.getDefaultInstance()).toBuilder();
          change.accept(manager);
          return Any.pack(manager.build());
        });
  }

  /** Returns a copy of the listener whose TCP proxies went through {@code change}. */
  public static Listener withTcpProxy(Listener listener, Consumer<TcpProxy.Builder> change) {
    return map(
        listener,
        Listeners.TCP_PROXY,
        any -> {
          TcpProxy.Builder proxy = unpack(any, TcpProxy.getDefaultInstance()).toBuilder();
          change.accept(proxy);
          return Any.pack(proxy.build());
        });
  }

  private static Listener map(
      Listener listener, String filterName, java.util.function.UnaryOperator<Any> change) {
    Listener.Builder builder = listener.toBuilder();
    for (FilterChain.Builder chain : builder.getFilterChainsBuilderList()) {
      for (Filter.Builder filter : chain.getFiltersBuilderList()) {
        if (filter.getName().equals(filterName) && filter.hasTypedConfig()) {
          filter.setTypedConfig(change.apply(filter.getTypedConfig()));
        }
      }
    }
    return builder.build();
  }

  private static <T extends com.google.protobuf.Message> T unpack(Any any, T defaultInstance) {
    try {
      // By the type's default instance, not its class: Any.unpack(Class) finds the default
      // instance by reflection on every call, a cost per proxy for each inbound listener.
      return any.unpackSameTypeAs(defaultInstance);
    } catch (InvalidProtocolBufferException e) {
      // Only our own generators packed these filters, with these types.
      throw new IllegalStateException("unexpected filter config " + any.getTypeUrl(), e);
    }
  }
}
