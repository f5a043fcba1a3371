package io.meshforge.zone.xds.envoy;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import io.envoyproxy.envoy.extensions.filters.http.router.v3.Router;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager;
import io.envoyproxy.envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy;
import io.envoyproxy.envoy.extensions.upstreams.http.v3.HttpProtocolOptions;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code EnvoyJson} prints generated Envoy resources as deterministic JSON (protobuf's JSON
 * mapping, typed configs expanded): for golden files and config dumps. The type registry holds
 * every type a generator packs into an {@code Any}; another generator that packs a new type adds it
 * here.
 */
public final class EnvoyJson {

  private static final JsonFormat.TypeRegistry TYPES =
      JsonFormat.TypeRegistry.newBuilder()
          .add(HttpConnectionManager.getDescriptor())
          .add(Router.getDescriptor())
          .add(TcpProxy.getDescriptor())
          .add(
              io.envoyproxy.envoy.extensions.retry.host.previous_hosts.v3.PreviousHostsPredicate
                  .getDescriptor())
          .add(
              io.envoyproxy.envoy.extensions.retry.priority.previous_priorities.v3
                  .PreviousPrioritiesConfig.getDescriptor())
          .add(HttpProtocolOptions.getDescriptor())
          .add(
              io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.DownstreamTlsContext
                  .getDescriptor())
          .add(
              io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext
                  .getDescriptor())
          .add(io.envoyproxy.envoy.extensions.filters.network.rbac.v3.RBAC.getDescriptor())
          .add(io.envoyproxy.envoy.extensions.filters.http.rbac.v3.RBAC.getDescriptor())
          .add(
              io.envoyproxy.envoy.extensions.filters.listener.tls_inspector.v3.TlsInspector
                  .getDescriptor())
          .add(
              io.envoyproxy.envoy.extensions.filters.network.direct_response.v3.Config
                  .getDescriptor())
          .build();

  private static final JsonFormat.Printer PRINTER = JsonFormat.printer().usingTypeRegistry(TYPES);
  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  private EnvoyJson() {}

  /** Prints one resource. */
  public static String print(Message message) {
    try {
      return PRINTER.print(message);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("an Envoy resource packs a type EnvoyJson does not know", e);
    }
  }

  /**
   * Returns resources grouped by type as one JSON tree: {@code {"clusters": [...], ...}}, in the
   * order given (callers pass sorted lists).
   */
  public static ObjectNode tree(Map<String, List<? extends Message>> byType) {
    ObjectNode root = MAPPER.createObjectNode();
    byType.forEach((type, messages) -> {
      ArrayNode array = root.putArray(type);
      for (Message message : messages) {
        JsonNode node = MAPPER.readTree(print(message));
        array.add(node);
      }
    });
    return root;
  }

  /** Prints a tree with two-space indentation and a final newline. */
  public static String pretty(JsonNode tree) {
    return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(tree) + "\n";
  }
}
