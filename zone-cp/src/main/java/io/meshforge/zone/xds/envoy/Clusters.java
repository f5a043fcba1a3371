package io.meshforge.zone.xds.envoy;

import com.google.protobuf.Any;
import com.google.protobuf.Duration;
import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.core.v3.Http2ProtocolOptions;
import io.envoyproxy.envoy.config.endpoint.v3.ClusterLoadAssignment;
import io.envoyproxy.envoy.config.endpoint.v3.Endpoint;
import io.envoyproxy.envoy.config.endpoint.v3.LbEndpoint;
import io.envoyproxy.envoy.config.endpoint.v3.LocalityLbEndpoints;
import io.envoyproxy.envoy.extensions.upstreams.http.v3.HttpProtocolOptions;
import java.util.List;

/** Small factories for clusters and their load assignments. */
public final class Clusters {

  /** How long Envoy waits for a connection to an upstream (Kuma's default). */
  public static final Duration CONNECT_TIMEOUT = Duration.newBuilder().setSeconds(5).build();

  /** The key of a cluster's upstream HTTP options in {@code typed_extension_protocol_options}. */
  public static final String HTTP_PROTOCOL_OPTIONS =
      "envoy.extensions.upstreams.http.v3.HttpProtocolOptions";

  private Clusters() {}

  /**
   * Returns a cluster whose endpoints come over ADS (EDS), balanced round robin: the shape both
   * Envoy and gRPC clients accept.
   */
  public static Cluster.Builder eds(String name, boolean http2) {
    Cluster.Builder cluster =
        Cluster.newBuilder()
            .setName(name)
            .setType(Cluster.DiscoveryType.EDS)
            .setEdsClusterConfig(
                Cluster.EdsClusterConfig.newBuilder().setEdsConfig(Listeners.ads()))
            .setConnectTimeout(CONNECT_TIMEOUT)
            .setLbPolicy(Cluster.LbPolicy.ROUND_ROBIN);
    if (http2) {
      cluster.putTypedExtensionProtocolOptions(HTTP_PROTOCOL_OPTIONS, http2Options());
    }
    return cluster;
  }

  /** Returns a cluster with fixed endpoints, for the local application and the admin interface. */
  public static Cluster.Builder fixed(String name, String ip, int port, boolean http2) {
    Cluster.Builder cluster =
        Cluster.newBuilder()
            .setName(name)
            .setType(Cluster.DiscoveryType.STATIC)
            .setConnectTimeout(CONNECT_TIMEOUT)
            .setLoadAssignment(assignment(name, List.of(endpoint(ip, port))));
    if (http2) {
      cluster.putTypedExtensionProtocolOptions(HTTP_PROTOCOL_OPTIONS, http2Options());
    }
    return cluster;
  }

  /** Returns a load assignment of one locality holding the endpoints in the given order. */
  public static ClusterLoadAssignment assignment(String cluster, List<LbEndpoint> endpoints) {
    ClusterLoadAssignment.Builder assignment =
        ClusterLoadAssignment.newBuilder().setClusterName(cluster);
    if (!endpoints.isEmpty()) {
      assignment.addEndpoints(
          LocalityLbEndpoints.newBuilder()
              .setLoadBalancingWeight(com.google.protobuf.UInt32Value.of(1))
              .addAllLbEndpoints(endpoints));
    }
    return assignment.build();
  }

  /**
   * Returns a load assignment of the local endpoints (priority 0, in the given order) followed by
   * further localities (other zones, at higher priorities).
   */
  public static ClusterLoadAssignment assignment(
      String cluster, List<LbEndpoint> endpoints, List<LocalityLbEndpoints> further) {
    return assignment(cluster, endpoints).toBuilder().addAllEndpoints(further).build();
  }

  /** Returns one endpoint. */
  public static LbEndpoint endpoint(String ip, int port) {
    return LbEndpoint.newBuilder()
        .setEndpoint(Endpoint.newBuilder().setAddress(Listeners.address(ip, port)))
        .build();
  }

  private static Any http2Options() {
    return Any.pack(
        HttpProtocolOptions.newBuilder()
            .setExplicitHttpConfig(
                HttpProtocolOptions.ExplicitHttpConfig.newBuilder()
                    .setHttp2ProtocolOptions(Http2ProtocolOptions.getDefaultInstance()))
            .build());
  }
}
