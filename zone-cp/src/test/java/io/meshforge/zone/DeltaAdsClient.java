package io.meshforge.zone;

import com.google.protobuf.Struct;
import io.envoyproxy.envoy.config.core.v3.Node;
import io.envoyproxy.envoy.service.discovery.v3.AggregatedDiscoveryServiceGrpc;
import io.envoyproxy.envoy.service.discovery.v3.DeltaDiscoveryRequest;
import io.envoyproxy.envoy.service.discovery.v3.DeltaDiscoveryResponse;
import io.envoyproxy.envoy.service.discovery.v3.Resource;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A proxy reduced to an incremental (delta) ADS stream, as Envoy opens it: wildcard subscriptions
 * to the types a test names, every response ACKed at once. It keeps what it holds per type, every
 * name the server removed, and the error the stream ended with, so a test can assert that a
 * degraded control plane never took anything away.
 */
public final class DeltaAdsClient implements AutoCloseable {
  /** Names ever removed by the server, as {@code typeUrl name}. */
  public final List<String> removals = new CopyOnWriteArrayList<>();

  /** How the stream ended, if it did. */
  public final AtomicReference<Throwable> error = new AtomicReference<>();

  private final Map<String, Set<String>> held = new ConcurrentHashMap<>();
  private final AtomicInteger responses = new AtomicInteger();
  private final List<DeltaDiscoveryResponse> received = new CopyOnWriteArrayList<>();
  private final ManagedChannel channel;
  private final StreamObserver<DeltaDiscoveryRequest> requests;
  private final Node node;

  /**
   * Opens the stream to {@code 127.0.0.1:port} as {@code nodeId} ({@code mesh.name}) with {@code
   * bearerToken}, and subscribes to every type in {@code typeUrls}.
   */
  public DeltaAdsClient(int port, String nodeId, String bearerToken, List<String> typeUrls) {
    channel =
        Grpc.newChannelBuilder("127.0.0.1:" + port, InsecureChannelCredentials.create()).build();
    node = Node.newBuilder().setId(nodeId).setMetadata(Struct.getDefaultInstance()).build();
    Metadata headers = new Metadata();
    headers.put(
        Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER),
        "Bearer " + bearerToken);
    requests =
        AggregatedDiscoveryServiceGrpc.newStub(channel)
            .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
            .deltaAggregatedResources(new Responses());
    for (String typeUrl : typeUrls) {
      held.put(typeUrl, ConcurrentHashMap.newKeySet());
      send(DeltaDiscoveryRequest.newBuilder().setNode(node).setTypeUrl(typeUrl).build());
    }
  }

  /** The names the proxy holds of a type. */
  public Set<String> held(String typeUrl) {
    return new TreeSet<>(held.getOrDefault(typeUrl, Set.of()));
  }

  /** How many responses arrived. */
  public int responses() {
    return responses.get();
  }

  /** The responses of a type that arrived, in order. */
  public List<DeltaDiscoveryResponse> responses(String typeUrl) {
    return received.stream().filter(r -> r.getTypeUrl().equals(typeUrl)).toList();
  }

  /** A gRPC request stream takes one message at a time; ACKs come from the response thread. */
  private synchronized void send(DeltaDiscoveryRequest request) {
    requests.onNext(request);
  }

  @Override
  public void close() throws InterruptedException {
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }

  private final class Responses implements StreamObserver<DeltaDiscoveryResponse> {
    @Override
    public void onNext(DeltaDiscoveryResponse response) {
      Set<String> names =
          held.computeIfAbsent(response.getTypeUrl(), t -> ConcurrentHashMap.newKeySet());
      for (Resource resource : response.getResourcesList()) {
        names.add(resource.getName());
      }
      for (String removed : response.getRemovedResourcesList()) {
        names.remove(removed);
        removals.add(response.getTypeUrl() + " " + removed);
      }
      received.add(response);
      responses.incrementAndGet();
      send(
          DeltaDiscoveryRequest.newBuilder()
              .setTypeUrl(response.getTypeUrl())
              .setResponseNonce(response.getNonce())
              .build());
    }

    @Override
    public void onError(Throwable t) {
      error.set(t);
    }

    @Override
    public void onCompleted() {
      error.compareAndSet(null, new IllegalStateException("the server completed the stream"));
    }
  }
}
