package io.meshforge.zone.xds.policy;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.core.v3.Http1ProtocolOptions;
import io.envoyproxy.envoy.config.route.v3.Route;
import io.envoyproxy.envoy.config.route.v3.RouteAction;
import io.envoyproxy.envoy.config.route.v3.RouteConfiguration;
import io.envoyproxy.envoy.config.route.v3.VirtualHost;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager;
import io.envoyproxy.envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy;
import io.envoyproxy.envoy.extensions.upstreams.http.v3.HttpProtocolOptions;
import io.meshforge.model.ResourceTypes;
import io.meshforge.model.spec.GoDuration;
import io.meshforge.model.spec.MeshTimeoutSpec.Conf;
import io.meshforge.model.spec.MeshTimeoutSpec.Http;
import io.meshforge.zone.xds.context.Destination;
import io.meshforge.zone.xds.context.InboundPort;
import io.meshforge.zone.xds.context.OutboundPort;
import io.meshforge.zone.xds.context.ProxyContext;
import io.meshforge.zone.xds.context.SameInstance;
import io.meshforge.zone.xds.envoy.Clusters;
import io.meshforge.zone.xds.envoy.EnvoyDurations;
import io.meshforge.zone.xds.envoy.EnvoyNames;
import io.meshforge.zone.xds.envoy.NetworkFilters;
import io.meshforge.zone.xds.generator.EnvoyResources;
import io.meshforge.zone.xds.generator.ResourceGenerator;
import io.meshforge.zone.xds.generator.SharedResources;
import java.util.List;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;

/**
 * Applies MeshTimeout to the clusters, listeners and routes other generators built: {@code to[]}
 * per destination on the outbound side, {@code from[]}/{@code rules[]} per inbound. Built-in
 * defaults (ADR 0019) lie beneath every policy, so a proxy without any MeshTimeout gets them too.
 *
 * <ul>
 *   <li>{@code connectionTimeout}: the cluster's {@code connect_timeout} (a zero keeps the default:
 *       Envoy needs a positive one);
 *   <li>{@code idleTimeout}: TCP proxy {@code idle_timeout} (TCP); for HTTP the downstream
 *       connection manager's and the upstream cluster's {@code common_http_protocol_options.
 *       idle_timeout};
 *   <li>{@code http.requestTimeout}: route {@code timeout}; {@code http.streamIdleTimeout}: the
 *       connection manager's {@code stream_idle_timeout} and route {@code idle_timeout}; {@code
 *       http.requestHeadersTimeout}: the connection manager's {@code request_headers_timeout};
 *   <li>{@code http.maxStreamDuration}: route {@code max_stream_duration} (gRPC clients read it
 *       too); {@code http.maxConnectionDuration}: outbound cluster, or inbound connection manager,
 *       {@code max_connection_duration}. Zero means unlimited and is left out.
 * </ul>
 */
public final class MeshTimeoutGenerator implements ResourceGenerator {

  /** Beneath every outbound MeshTimeout: the values of global's default policy. */
  static final JsonNode OUTBOUND_DEFAULTS =
      PolicyConfs.builtIn(
          """
          {"connectionTimeout": "10s", "idleTimeout": "1h",
           "http": {"requestTimeout": "15s", "streamIdleTimeout": "30m"}}\
          """);

  /** Beneath every inbound MeshTimeout: the values of global's default policy. */
  static final JsonNode INBOUND_DEFAULTS =
      PolicyConfs.builtIn(
          """
          {"connectionTimeout": "10s", "idleTimeout": "2h",
           "http": {"requestTimeout": "15s", "streamIdleTimeout": "30m"}}\
          """);

  @Override
  public void generate(ProxyContext proxy, EnvoyResources out) {
    OutboundConfs<Conf> confs =
        PolicyConfs.outbound(proxy, ResourceTypes.MESH_TIMEOUT, OUTBOUND_DEFAULTS, Conf.class);
    for (OutboundPort outbound : proxy.outbounds()) {
      Destination destination = outbound.destination();
      Conf conf = confs.of(destination).orElseThrow();
      boolean http = destination.protocol().http();
      // Pure functions of (resource, conf): shared by every proxy refining the same resource. The
      // conf is the mesh's one instance for its inputs (PolicyConfs), so it is keyed by identity.
      SameInstance sameConf = new SameInstance(conf);
      List<Object> key = List.of(sameConf, http);
      out.cluster(destination.clusterName())
          .ifPresent(cluster ->
              out.replace(
                  SharedResources.refined(
                      proxy,
                      "MeshTimeout/cluster",
                      cluster,
                      key,
                      () -> outboundCluster(cluster, conf, http))));
      out.listener(EnvoyNames.outboundListener(outbound.address(), outbound.port()))
          .ifPresent(listener ->
              out.replace(
                  SharedResources.refined(
                      proxy,
                      "MeshTimeout/listener",
                      listener,
                      key,
                      () ->
                          http
                              ? NetworkFilters.withHttpManager(listener, m -> httpManager(m, conf))
                              : NetworkFilters.withTcpProxy(listener, p -> tcpProxy(p, conf)))));
      if (http) {
        out.route(EnvoyNames.outboundRoute(destination.clusterName()))
            .ifPresent(route ->
                out.replace(
                    SharedResources.refined(
                        proxy, "MeshTimeout/route", route, sameConf, () -> routes(route, conf))));
      }
    }
    for (InboundPort inbound : proxy.inbounds()) {
      Conf conf =
          PolicyConfs.inbound(
                  proxy, ResourceTypes.MESH_TIMEOUT, inbound, INBOUND_DEFAULTS, Conf.class)
              .orElseThrow();
      out.cluster(EnvoyNames.localCluster(inbound.servicePort()))
          .ifPresent(cluster -> out.replace(connectTimeout(cluster.toBuilder(), conf).build()));
      out.listener(EnvoyNames.inboundListener(inbound.address(), inbound.port()))
          .ifPresent(listener ->
              out.replace(
                  inbound.protocol().http()
                      ? NetworkFilters.withHttpManager(listener, m -> inboundManager(m, conf))
                      : NetworkFilters.withTcpProxy(listener, p -> tcpProxy(p, conf))));
    }
  }

  /** The outbound cluster: connect timeout and, for HTTP, upstream connection limits in time. */
  static Cluster outboundCluster(Cluster cluster, Conf conf, boolean http) {
    Cluster.Builder builder = connectTimeout(cluster.toBuilder(), conf);
    if (!http) {
      return builder.build();
    }
    io.envoyproxy.envoy.config.core.v3.HttpProtocolOptions.Builder common =
        io.envoyproxy.envoy.config.core.v3.HttpProtocolOptions.newBuilder();
    set(conf.idleTimeout(), d -> common.setIdleTimeout(EnvoyDurations.of(d)));
    Http limits = conf.http();
    if (limits != null) {
      setPositive(
          limits.maxConnectionDuration(),
          d -> common.setMaxConnectionDuration(EnvoyDurations.of(d)));
    }
    if (common
        .build()
        .equals(io.envoyproxy.envoy.config.core.v3.HttpProtocolOptions.getDefaultInstance())) {
      return builder.build();
    }
    HttpProtocolOptions.Builder options = httpOptions(cluster);
    options.getCommonHttpProtocolOptionsBuilder().mergeFrom(common.build());
    builder.putTypedExtensionProtocolOptions(
        Clusters.HTTP_PROTOCOL_OPTIONS, Any.pack(options.build()));
    return builder.build();
  }

  /** The outbound connection manager: downstream idle, stream idle and header timeouts. */
  static void httpManager(HttpConnectionManager.Builder manager, Conf conf) {
    set(
        conf.idleTimeout(),
        d -> manager.getCommonHttpProtocolOptionsBuilder().setIdleTimeout(EnvoyDurations.of(d)));
    Http http = conf.http();
    if (http != null) {
      set(http.streamIdleTimeout(), d -> manager.setStreamIdleTimeout(EnvoyDurations.of(d)));
      set(
          http.requestHeadersTimeout(),
          d -> manager.setRequestHeadersTimeout(EnvoyDurations.of(d)));
    }
  }

  /**
   * The inbound connection manager: as outbound, plus the connection and stream durations (the
   * downstream side is where an inbound bounds them) and the timeouts of its inline routes.
   */
  static void inboundManager(HttpConnectionManager.Builder manager, Conf conf) {
    httpManager(manager, conf);
    Http http = conf.http();
    if (http != null) {
      setPositive(
          http.maxConnectionDuration(),
          d ->
              manager
                  .getCommonHttpProtocolOptionsBuilder()
                  .setMaxConnectionDuration(EnvoyDurations.of(d)));
    }
    if (manager.hasRouteConfig()) {
      manager.setRouteConfig(routes(manager.getRouteConfig(), conf));
    }
  }

  /** The TCP proxy: idle timeout. */
  static void tcpProxy(TcpProxy.Builder proxy, Conf conf) {
    set(conf.idleTimeout(), d -> proxy.setIdleTimeout(EnvoyDurations.of(d)));
  }

  /** Every route of the configuration: request, stream idle and stream duration limits. */
  static RouteConfiguration routes(RouteConfiguration routes, Conf conf) {
    RouteConfiguration.Builder builder = routes.toBuilder();
    for (VirtualHost.Builder host : builder.getVirtualHostsBuilderList()) {
      for (Route.Builder route : host.getRoutesBuilderList()) {
        if (route.hasRoute()) {
          routeAction(route.getRouteBuilder(), conf);
        }
      }
    }
    return builder.build();
  }

  /** One route action. */
  static void routeAction(RouteAction.Builder action, Conf conf) {
    Http http = conf.http();
    if (http == null) {
      return;
    }
    set(http.requestTimeout(), d -> action.setTimeout(EnvoyDurations.of(d)));
    set(http.streamIdleTimeout(), d -> action.setIdleTimeout(EnvoyDurations.of(d)));
    setPositive(
        http.maxStreamDuration(),
        d -> action.getMaxStreamDurationBuilder().setMaxStreamDuration(EnvoyDurations.of(d)));
  }

  private static Cluster.Builder connectTimeout(Cluster.Builder cluster, Conf conf) {
    setPositive(conf.connectionTimeout(), d -> cluster.setConnectTimeout(EnvoyDurations.of(d)));
    return cluster;
  }

  /**
   * The cluster's upstream HTTP options to extend: the ones it has (HTTP/2 destinations), or new
   * HTTP/1.1 ones (the options need an explicit protocol).
   */
  private static HttpProtocolOptions.Builder httpOptions(Cluster cluster) {
    Any existing =
        cluster.getTypedExtensionProtocolOptionsMap().get(Clusters.HTTP_PROTOCOL_OPTIONS);
    if (existing != null) {
      try {
        return existing.unpack(HttpProtocolOptions.class).toBuilder();
      } catch (InvalidProtocolBufferException e) {
        throw new IllegalStateException("unexpected cluster protocol options", e);
      }
    }
    return HttpProtocolOptions.newBuilder()
        .setExplicitHttpConfig(
            HttpProtocolOptions.ExplicitHttpConfig.newBuilder()
                .setHttpProtocolOptions(Http1ProtocolOptions.getDefaultInstance()));
  }

  private static void set(GoDuration duration, Consumer<java.time.Duration> setter) {
    if (duration != null) {
      setter.accept(duration.value());
    }
  }

  private static void setPositive(GoDuration duration, Consumer<java.time.Duration> setter) {
    if (duration != null && !duration.value().isZero()) {
      setter.accept(duration.value());
    }
  }
}
