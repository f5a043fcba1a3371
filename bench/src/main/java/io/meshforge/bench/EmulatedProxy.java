package io.meshforge.bench;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.core.v3.Node;
import io.envoyproxy.envoy.config.endpoint.v3.ClusterLoadAssignment;
import io.envoyproxy.envoy.config.endpoint.v3.LbEndpoint;
import io.envoyproxy.envoy.config.endpoint.v3.LocalityLbEndpoints;
import io.envoyproxy.envoy.config.listener.v3.Filter;
import io.envoyproxy.envoy.config.listener.v3.FilterChain;
import io.envoyproxy.envoy.config.listener.v3.Listener;
import io.envoyproxy.envoy.config.route.v3.RouteConfiguration;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager;
import io.envoyproxy.envoy.service.discovery.v3.AggregatedDiscoveryServiceGrpc;
import io.envoyproxy.envoy.service.discovery.v3.DeltaDiscoveryRequest;
import io.envoyproxy.envoy.service.discovery.v3.DeltaDiscoveryResponse;
import io.envoyproxy.envoy.service.discovery.v3.Resource;
import io.grpc.ManagedChannel;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * {@code EmulatedProxy} is one sidecar as the xDS server sees it: its own delta-ADS stream and node
 * id ({@code <mesh>.<name>}) on a shared channel. It subscribes to clusters, endpoints, listeners
 * and routes (wildcard), fully decodes every resource of every response and ACKs it. Every
 * ClusterLoadAssignment of the watched cluster it decodes goes to the harness's observer: B2's
 * looks for the marker endpoint the harness moves on each change and reports the change number it
 * encodes; B5's counts endpoints and reads weights ({@link ChurnObserver}).
 *
 * <p>Threads: responses arrive on the channel's event loop (direct executor), one at a time per
 * stream; requests are sent under this object's lock (the first ones come from the harness thread).
 */
final class EmulatedProxy {
  static final String CLUSTERS = "type.googleapis.com/envoy.config.cluster.v3.Cluster";
  static final String ENDPOINTS =
      "type.googleapis.com/envoy.config.endpoint.v3.ClusterLoadAssignment";
  static final String LISTENERS = "type.googleapis.com/envoy.config.listener.v3.Listener";
  static final String ROUTES = "type.googleapis.com/envoy.config.route.v3.RouteConfiguration";
  private static final Map<String, Class<? extends Message>> TYPES =
      Map.of(
          CLUSTERS, Cluster.class,
          ENDPOINTS, ClusterLoadAssignment.class,
          LISTENERS, Listener.class,
          ROUTES, RouteConfiguration.class);

  /** Types every proxy of the benchmark topology receives; ready once each has been answered. */
  private static final Set<String> REQUIRED = Set.of(CLUSTERS, ENDPOINTS, LISTENERS);

  private final Node node;
  private final String watchedCluster;
  private final Consumer<ClusterLoadAssignment> onWatched;
  private final Set<String> answered = ConcurrentHashMap.newKeySet();
  // Touched on the stream's thread only.
  private final Set<String> endpointNames = new HashSet<>();
  private final Set<String> routeNames = new HashSet<>();
  private volatile StreamObserver<DeltaDiscoveryRequest> requests;
  private volatile Throwable error;
  private volatile long responses;
  private volatile long decodeFailures;

  /**
   * @param nodeId the node id, {@code <mesh>.<Dataplane name>}
   * @param watchedCluster the cluster whose endpoints carry the marker
   * @param marker how the marker endpoint's address encodes a change number
   * @param onMarker told the change number each time the watched cluster arrives with the marker
   */
  EmulatedProxy(String nodeId, String watchedCluster, MarkerAddress marker, IntConsumer onMarker) {
    this(
        nodeId,
        watchedCluster,
        cla -> {
          int change = marker.changeIn(cla);
          if (change >= 0) {
            onMarker.accept(change);
          }
        });
  }

  /**
   * @param nodeId the node id, {@code <mesh>.<Dataplane name>}
   * @param watchedCluster the cluster whose assignments the harness observes
   * @param onWatched told each decoded ClusterLoadAssignment of {@code watchedCluster}, on the
   *     stream's thread, before the response is ACKed
   */
  EmulatedProxy(String nodeId, String watchedCluster, Consumer<ClusterLoadAssignment> onWatched) {
    this.node = Node.newBuilder().setId(nodeId).setCluster("bench").build();
    this.watchedCluster = watchedCluster;
    this.onWatched = onWatched;
  }

  /** Opens the stream on {@code channel} and subscribes to every type. */
  synchronized void connect(ManagedChannel channel) {
    requests =
        AggregatedDiscoveryServiceGrpc.newStub(channel).deltaAggregatedResources(new Responses());
    for (String type : List.of(CLUSTERS, LISTENERS)) {
      requests.onNext(DeltaDiscoveryRequest.newBuilder().setNode(node).setTypeUrl(type).build());
    }
  }

  /** Whether clusters, endpoints and listeners have each been received at least once. */
  boolean ready() {
    return answered.containsAll(REQUIRED);
  }

  /** The types that have been answered so far (for diagnostics). */
  Set<String> answeredTypes() {
    return Set.copyOf(answered);
  }

  Throwable error() {
    return error;
  }

  long responses() {
    return responses;
  }

  long decodeFailures() {
    return decodeFailures;
  }

  synchronized void close() {
    if (requests != null && error == null) {
      try {
        requests.onCompleted();
      } catch (RuntimeException e) {
        // the channel is going away anyway
      }
    }
  }

  private void onResponse(DeltaDiscoveryResponse response) {
    Class<? extends Message> type = TYPES.get(response.getTypeUrl());
    List<String> newEndpoints = new ArrayList<>();
    List<String> newRoutes = new ArrayList<>();
    for (Resource resource : response.getResourcesList()) {
      Message decoded = decode(resource.getResource(), type);
      if (decoded instanceof Cluster cluster && cluster.getType() == Cluster.DiscoveryType.EDS) {
        String name = cluster.getEdsClusterConfig().getServiceName();
        name = name.isEmpty() ? cluster.getName() : name;
        if (endpointNames.add(name)) {
          newEndpoints.add(name);
        }
      } else if (decoded instanceof Listener listener) {
        for (String route : routeNames(listener)) {
          if (routeNames.add(route)) {
            newRoutes.add(route);
          }
        }
      } else if (decoded instanceof ClusterLoadAssignment cla
          && cla.getClusterName().equals(watchedCluster)) {
        onWatched.accept(cla);
      }
    }
    responses++;
    answered.add(response.getTypeUrl());
    synchronized (this) {
      subscribe(ENDPOINTS, newEndpoints);
      subscribe(ROUTES, newRoutes);
      requests.onNext(
          DeltaDiscoveryRequest.newBuilder()
              .setTypeUrl(response.getTypeUrl())
              .setResponseNonce(response.getNonce())
              .build());
    }
  }

  private void subscribe(String type, List<String> names) {
    if (!names.isEmpty()) {
      requests.onNext(
          DeltaDiscoveryRequest.newBuilder()
              .setTypeUrl(type)
              .addAllResourceNamesSubscribe(names)
              .build());
    }
  }

  /** The RDS route configurations a listener's HTTP connection managers name. */
  private List<String> routeNames(Listener listener) {
    List<String> names = new ArrayList<>();
    for (FilterChain chain : listener.getFilterChainsList()) {
      for (Filter filter : chain.getFiltersList()) {
        if (filter.getTypedConfig().is(HttpConnectionManager.class)) {
          HttpConnectionManager manager =
              (HttpConnectionManager) decode(filter.getTypedConfig(), HttpConnectionManager.class);
          if (manager != null && manager.hasRds()) {
            names.add(manager.getRds().getRouteConfigName());
          }
        }
      }
    }
    return names;
  }

  private Message decode(Any any, Class<? extends Message> type) {
    if (type == null) {
      return null;
    }
    try {
      return any.unpack(type);
    } catch (InvalidProtocolBufferException e) {
      decodeFailures++;
      return null;
    }
  }

  private final class Responses implements StreamObserver<DeltaDiscoveryResponse> {
    @Override
    public void onNext(DeltaDiscoveryResponse response) {
      onResponse(response);
    }

    @Override
    public void onError(Throwable t) {
      error = t;
    }

    @Override
    public void onCompleted() {}
  }

  /**
   * The marker endpoint's address for change {@code n}: {@code 127.<block>.<n/250>.<1+n%250>}; any
   * other address is no marker.
   */
  record MarkerAddress(int block) {
    String of(int change) {
      return MeshTopology.address(block, change);
    }

    /** The highest change a marker endpoint of {@code cla} encodes; -1 when it has none. */
    int changeIn(ClusterLoadAssignment cla) {
      int highest = -1;
      for (LocalityLbEndpoints locality : cla.getEndpointsList()) {
        for (LbEndpoint endpoint : locality.getLbEndpointsList()) {
          String address = endpoint.getEndpoint().getAddress().getSocketAddress().getAddress();
          highest = Math.max(highest, changeOf(address));
        }
      }
      return highest;
    }

    int changeOf(String address) {
      String prefix = "127." + block + ".";
      if (!address.startsWith(prefix)) {
        return -1;
      }
      String[] parts = address.substring(prefix.length()).split("\\.");
      return Integer.parseInt(parts[0]) * 250 + Integer.parseInt(parts[1]) - 1;
    }
  }
}
