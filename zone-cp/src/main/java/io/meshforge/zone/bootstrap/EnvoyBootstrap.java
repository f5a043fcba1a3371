package io.meshforge.zone.bootstrap;

import io.meshforge.model.Resource;
import io.meshforge.zone.xds.ProxyId;
import java.math.BigDecimal;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code EnvoyBootstrap} renders the Envoy v3 bootstrap of a registered Dataplane:
 *
 * <ul>
 *   <li>{@code node.id} {@code <mesh>.<name>} ({@link ProxyId}), {@code node.cluster} the first
 *       inbound's {@code kuma.io/service}, metadata with the admin port, the Envoy version and the
 *       agent's ({@code version.kumaDp});
 *   <li>the admin interface on 127.0.0.1 only (readiness and config dumps stay on the host);
 *   <li>delta ADS ({@code DELTA_GRPC}, API V3) to the static cluster {@code ads_cluster}, the token
 *       as initial gRPC metadata {@code authorization: Bearer <token>}, clusters and listeners from
 *       ADS with the configured initial fetch timeout;
 *   <li>{@code ads_cluster}: the zone's xDS endpoint over HTTP/2 with TCP keepalive.
 * </ul>
 *
 * <p>Pure: no I/O, deterministic for equal inputs (golden-testable).
 */
public final class EnvoyBootstrap {

  /** The name of the static cluster ADS goes through. */
  public static final String ADS_CLUSTER = "ads_cluster";

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final String PROTOCOL_OPTIONS =
      "envoy.extensions.upstreams.http.v3.HttpProtocolOptions";

  private EnvoyBootstrap() {}

  /**
   * Renders the bootstrap.
   *
   * @param dataplane the registered Dataplane
   * @param adminPort the Envoy admin port
   * @param token the dataplane token Envoy presents on its ADS stream
   * @param xds where the xDS server is
   * @param fetchTimeout Envoy's initial fetch timeout for CDS and LDS
   * @param envoyVersion the agent's Envoy version ("" when unknown)
   * @param agentVersion the agent's own version ("" when unknown)
   */
  public static ObjectNode render(
      Resource dataplane,
      int adminPort,
      String token,
      XdsEndpoint xds,
      Duration fetchTimeout,
      String envoyVersion,
      String agentVersion) {
    ObjectNode bootstrap = NODES.objectNode();
    bootstrap.set("node", node(dataplane, adminPort, envoyVersion, agentVersion));
    bootstrap.set(
        "admin", NODES.objectNode().set("address", socketAddress("127.0.0.1", adminPort)));
    bootstrap.set("dynamic_resources", dynamicResources(token, fetchTimeout));
    ObjectNode statics = NODES.objectNode();
    statics.set("clusters", NODES.arrayNode().add(adsCluster(xds)));
    bootstrap.set("static_resources", statics);
    return bootstrap;
  }

  private static ObjectNode node(
      Resource dataplane, int adminPort, String envoyVersion, String agentVersion) {
    ObjectNode node = NODES.objectNode();
    node.put("id", new ProxyId(dataplane.mesh(), dataplane.name()).nodeId());
    node.put("cluster", serviceOf(dataplane));
    ObjectNode metadata = node.putObject("metadata");
    metadata.put("dataplane.admin.port", Integer.toString(adminPort));
    metadata.put("dataplane.admin.address", "127.0.0.1");
    ObjectNode version = metadata.putObject("version");
    version.putObject("envoy").put("version", envoyVersion);
    if (!agentVersion.isEmpty()) {
      version.putObject("kumaDp").put("version", agentVersion); // read back by AgentVersion
    }
    return node;
  }

  /** The first inbound's (or the gateway's) {@code kuma.io/service}, else the Dataplane name. */
  static String serviceOf(Resource dataplane) {
    JsonNode networking = dataplane.spec().path("networking");
    for (JsonNode inbound : networking.path("inbound")) {
      String service = inbound.path("tags").path("kuma.io/service").asString("");
      if (!service.isEmpty()) {
        return service;
      }
    }
    String gateway = networking.path("gateway").path("tags").path("kuma.io/service").asString("");
    return gateway.isEmpty() ? dataplane.name() : gateway;
  }

  private static ObjectNode dynamicResources(String token, Duration fetchTimeout) {
    ObjectNode dynamic = NODES.objectNode();
    ObjectNode ads = dynamic.putObject("ads_config");
    ads.put("api_type", "DELTA_GRPC");
    ads.put("transport_api_version", "V3");
    ads.put("set_node_on_first_message_only", true);
    ObjectNode grpc = NODES.objectNode();
    grpc.putObject("envoy_grpc").put("cluster_name", ADS_CLUSTER);
    ArrayNode metadata = grpc.putArray("initial_metadata");
    metadata.addObject().put("key", "authorization").put("value", "Bearer " + token);
    ads.putArray("grpc_services").add(grpc);
    String timeout = seconds(fetchTimeout);
    for (String config : new String[] {"cds_config", "lds_config"}) {
      ObjectNode source = dynamic.putObject(config);
      source.putObject("ads");
      source.put("resource_api_version", "V3");
      source.put("initial_fetch_timeout", timeout);
    }
    return dynamic;
  }

  private static ObjectNode adsCluster(XdsEndpoint xds) {
    ObjectNode cluster = NODES.objectNode();
    cluster.put("name", ADS_CLUSTER);
    cluster.put("type", "STRICT_DNS");
    cluster.put("connect_timeout", "1s");
    cluster.put("dns_lookup_family", "V4_PREFERRED");
    ObjectNode assignment = cluster.putObject("load_assignment");
    assignment.put("cluster_name", ADS_CLUSTER);
    assignment
        .putArray("endpoints")
        .addObject()
        .putArray("lb_endpoints")
        .addObject()
        .putObject("endpoint")
        .set("address", socketAddress(xds.host(), xds.port()));
    ObjectNode options = cluster.putObject("typed_extension_protocol_options");
    ObjectNode http = options.putObject(PROTOCOL_OPTIONS);
    http.put("@type", "type.googleapis.com/" + PROTOCOL_OPTIONS);
    http.putObject("explicit_http_config").putObject("http2_protocol_options");
    cluster.putObject("upstream_connection_options").putObject("tcp_keepalive");
    return cluster;
  }

  private static ObjectNode socketAddress(String host, int port) {
    ObjectNode address = NODES.objectNode();
    address.putObject("socket_address").put("address", host).put("port_value", port);
    return address;
  }

  private static String seconds(Duration duration) {
    return BigDecimal.valueOf(duration.toMillis(), 3).stripTrailingZeros().toPlainString() + "s";
  }
}
