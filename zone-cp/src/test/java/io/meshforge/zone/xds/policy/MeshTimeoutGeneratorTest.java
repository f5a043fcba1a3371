package io.meshforge.zone.xds.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.route.v3.RouteAction;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager;
import io.envoyproxy.envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy;
import io.envoyproxy.envoy.extensions.upstreams.http.v3.HttpProtocolOptions;
import io.meshforge.model.spec.MeshTimeoutSpec.Conf;
import io.meshforge.zone.xds.envoy.Clusters;
import io.meshforge.zone.xds.envoy.EnvoyJson;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The MeshTimeout conf to Envoy mapping, field by field. */
class MeshTimeoutGeneratorTest {

  static Stream<Arguments> routeCases() {
    return Stream.of(
        Arguments.of("{}", "{}"),
        Arguments.of("{\"http\": {\"requestTimeout\": \"3s\"}}", "{\"timeout\":\"3s\"}"),
        Arguments.of("{\"http\": {\"requestTimeout\": \"0s\"}}", "{\"timeout\":\"0s\"}"),
        Arguments.of("{\"http\": {\"streamIdleTimeout\": \"1m30s\"}}", "{\"idleTimeout\":\"90s\"}"),
        Arguments.of(
            "{\"http\": {\"maxStreamDuration\": \"250ms\"}}",
            "{\"maxStreamDuration\":{\"maxStreamDuration\":\"0.250s\"}}"),
        // Zero means unlimited: left out rather than written as 0.
        Arguments.of("{\"http\": {\"maxStreamDuration\": \"0s\"}}", "{}"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("routeCases")
  void routeAction_conf_setsRouteTimeouts(String conf, String expected) {
    RouteAction.Builder action = RouteAction.newBuilder();

    MeshTimeoutGenerator.routeAction(action, Confs.of(conf, Conf.class));

    assertThat(compact(EnvoyJson.print(action.build()))).isEqualTo(expected);
  }

  static Stream<Arguments> managerCases() {
    return Stream.of(
        Arguments.of("{}", "{}"),
        Arguments.of(
            "{\"idleTimeout\": \"1h\"}",
            "{\"commonHttpProtocolOptions\":{\"idleTimeout\":\"3600s\"}}"),
        Arguments.of(
            "{\"http\": {\"streamIdleTimeout\": \"5s\", \"requestHeadersTimeout\": \"100ms\"}}",
            "{\"streamIdleTimeout\":\"5s\",\"requestHeadersTimeout\":\"0.100s\"}"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("managerCases")
  void httpManager_conf_setsDownstreamTimeouts(String conf, String expected) {
    HttpConnectionManager.Builder manager = HttpConnectionManager.newBuilder();

    MeshTimeoutGenerator.httpManager(manager, Confs.of(conf, Conf.class));

    assertThat(compact(EnvoyJson.print(manager.build()))).isEqualTo(expected);
  }

  @Test
  void inboundManager_maxConnectionDuration_boundsDownstreamConnections() {
    HttpConnectionManager.Builder manager = HttpConnectionManager.newBuilder();

    MeshTimeoutGenerator.inboundManager(
        manager, Confs.of("{\"http\": {\"maxConnectionDuration\": \"10m\"}}", Conf.class));

    assertThat(manager.getCommonHttpProtocolOptions().getMaxConnectionDuration().getSeconds())
        .isEqualTo(600);
  }

  @Test
  void tcpProxy_idleTimeout_setsProxyIdleTimeout() {
    TcpProxy.Builder proxy = TcpProxy.newBuilder();

    MeshTimeoutGenerator.tcpProxy(proxy, Confs.of("{\"idleTimeout\": \"2m\"}", Conf.class));

    assertThat(proxy.getIdleTimeout().getSeconds()).isEqualTo(120);
  }

  static Stream<Arguments> connectCases() {
    return Stream.of(
        Arguments.of("{\"connectionTimeout\": \"2s\"}", 2L),
        // Envoy needs a positive connect timeout: a zero keeps what the cluster had.
        Arguments.of("{\"connectionTimeout\": \"0s\"}", 5L),
        Arguments.of("{}", 5L));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("connectCases")
  void outboundCluster_connectionTimeout_setsConnectTimeout(String conf, long seconds) {
    Cluster cluster =
        MeshTimeoutGenerator.outboundCluster(
            Clusters.eds("backend", false).build(), Confs.of(conf, Conf.class), false);

    assertThat(cluster.getConnectTimeout().getSeconds()).isEqualTo(seconds);
  }

  @Test
  void outboundCluster_httpIdleTimeout_keepsTheHttp2OptionsItHad() throws Exception {
    Cluster cluster =
        MeshTimeoutGenerator.outboundCluster(
            Clusters.eds("payments", true).build(),
            Confs.of(
                "{\"idleTimeout\": \"20m\", \"http\": {\"maxConnectionDuration\": \"1h\"}}",
                Conf.class),
            true);

    HttpProtocolOptions options =
        cluster
            .getTypedExtensionProtocolOptionsMap()
            .get(Clusters.HTTP_PROTOCOL_OPTIONS)
            .unpack(HttpProtocolOptions.class);
    assertThat(options.getExplicitHttpConfig().hasHttp2ProtocolOptions()).isTrue();
    assertThat(options.getCommonHttpProtocolOptions().getIdleTimeout().getSeconds())
        .isEqualTo(1200);
    assertThat(options.getCommonHttpProtocolOptions().getMaxConnectionDuration().getSeconds())
        .isEqualTo(3600);
  }

  @Test
  void outboundCluster_tcpDestination_getsNoHttpOptions() {
    Cluster cluster =
        MeshTimeoutGenerator.outboundCluster(
            Clusters.eds("redis", false).build(),
            Confs.of("{\"idleTimeout\": \"20m\"}", Conf.class),
            false);

    assertThat(cluster.getTypedExtensionProtocolOptionsMap()).isEmpty();
  }

  static String compact(String json) {
    return json.replaceAll("\\s", "");
  }
}
