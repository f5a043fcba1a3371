package io.meshforge.zone.xds.generator;

import io.envoyproxy.envoy.config.core.v3.TrafficDirection;
import io.envoyproxy.envoy.config.route.v3.Route;
import io.envoyproxy.envoy.config.route.v3.RouteAction;
import io.envoyproxy.envoy.config.route.v3.RouteConfiguration;
import io.envoyproxy.envoy.config.route.v3.RouteMatch;
import io.envoyproxy.envoy.config.route.v3.VirtualHost;
import io.meshforge.zone.xds.context.ProxyContext;
import io.meshforge.zone.xds.envoy.Clusters;
import io.meshforge.zone.xds.envoy.EnvoyNames;
import io.meshforge.zone.xds.envoy.Listeners;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Exposes the proxy's Envoy stats to Prometheus: a listener on {@code 0.0.0.0:<port>} whose only
 * route sends {@code <path>} to the Envoy admin interface's {@code /stats/prometheus} (the admin
 * interface itself is configured in the bootstrap and stays on localhost). Anything else on that
 * port gets 404, so the admin interface is never exposed through it.
 *
 * <p>Enabled as in Kuma's legacy model: the Dataplane's {@code metrics} block ({@code type:
 * prometheus, conf: {port, path}}) wins, else the Mesh's enabled backend ({@code metrics:
 * {enabledBackend, backends[]}}); without either, nothing is generated. Defaults: port 5670, path
 * {@code /metrics}.
 */
public final class PrometheusGenerator implements ResourceGenerator {

  /** Kuma's default Prometheus port. */
  public static final int DEFAULT_PORT = 5670;

  /** Kuma's default scrape path. */
  public static final String DEFAULT_PATH = "/metrics";

  @Override
  public void generate(ProxyContext proxy, EnvoyResources out) {
    Optional<JsonNode> conf = prometheusConf(proxy);
    if (conf.isEmpty()) {
      return;
    }
    int port = conf.get().path("port").asInt(DEFAULT_PORT);
    String path = conf.get().path("path").asString(DEFAULT_PATH);
    String admin = EnvoyNames.adminCluster();
    out.add(Clusters.fixed(admin, "127.0.0.1", proxy.adminPort(), false).build());
    String name = EnvoyNames.prometheusListener();
    out.add(
        Listeners.listener(
                name,
                "0.0.0.0",
                port,
                TrafficDirection.INBOUND,
                Listeners.httpConnectionManager("_forge_metrics", routes(name, path, admin)))
            .build());
  }

  private static RouteConfiguration routes(String name, String path, String adminCluster) {
    return RouteConfiguration.newBuilder()
        .setName(name)
        .addVirtualHosts(
            VirtualHost.newBuilder()
                .setName(name)
                .addDomains("*")
                .addRoutes(
                    Route.newBuilder()
                        .setMatch(RouteMatch.newBuilder().setPath(path))
                        .setRoute(
                            RouteAction.newBuilder()
                                .setCluster(adminCluster)
                                .setPrefixRewrite("/stats/prometheus"))))
        .build();
  }

  private static Optional<JsonNode> prometheusConf(ProxyContext proxy) {
    JsonNode own = proxy.dataplane().spec().path("metrics");
    if (isPrometheus(own)) {
      return Optional.of(own.path("conf"));
    }
    return proxy
        .mesh()
        .meshResource()
        .flatMap(mesh -> {
          JsonNode metrics = mesh.spec().path("metrics");
          String enabled = metrics.path("enabledBackend").asString("");
          for (JsonNode backend : metrics.path("backends")) {
            if (backend.path("name").asString("").equals(enabled) && isPrometheus(backend)) {
              return Optional.of(backend.path("conf"));
            }
          }
          return Optional.empty();
        });
  }

  private static boolean isPrometheus(JsonNode backend) {
    return "prometheus".equals(backend.path("type").asString(""));
  }
}
