package io.meshforge.zone.xds.server;

import com.google.protobuf.Struct;
import com.google.rpc.Status;
import io.envoyproxy.envoy.config.core.v3.Node;
import io.envoyproxy.envoy.service.discovery.v3.AggregatedDiscoveryServiceGrpc;
import io.envoyproxy.envoy.service.discovery.v3.DiscoveryRequest;
import io.envoyproxy.envoy.service.discovery.v3.DiscoveryResponse;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/** A hand-driven SotW ADS client: sends exactly the requests a test writes, records responses. */
final class AdsTestClient implements AutoCloseable {

  final List<DiscoveryResponse> responses = new CopyOnWriteArrayList<>();
  final AtomicReference<Throwable> error = new AtomicReference<>();
  private final ManagedChannel channel;
  private final StreamObserver<DiscoveryRequest> requests;
  private final Node node;

  AdsTestClient(int port, String nodeId, Metadata headers) {
    this(
        port,
        Node.newBuilder().setId(nodeId).setMetadata(Struct.getDefaultInstance()).build(),
        headers);
  }

  /** A client that announces {@code node} (id, version, metadata) on its first requests. */
  AdsTestClient(int port, Node node, Metadata headers) {
    channel =
        Grpc.newChannelBuilder("127.0.0.1:" + port, InsecureChannelCredentials.create()).build();
    this.node = node;
    requests =
        AggregatedDiscoveryServiceGrpc.newStub(channel)
            .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
            .streamAggregatedResources(
                new StreamObserver<>() {
                  @Override
                  public void onNext(DiscoveryResponse response) {
                    responses.add(response);
                  }

                  @Override
                  public void onError(Throwable t) {
                    error.set(t);
                  }

                  @Override
                  public void onCompleted() {}
                });
  }

  /** Asks for every resource of a type (the first request of a type). */
  void subscribe(String typeUrl) {
    requests.onNext(DiscoveryRequest.newBuilder().setNode(node).setTypeUrl(typeUrl).build());
  }

  /** ACKs a response (without repeating the node, as Envoy does after its first message). */
  void ack(DiscoveryResponse response) {
    requests.onNext(
        DiscoveryRequest.newBuilder()
            .setTypeUrl(response.getTypeUrl())
            .setVersionInfo(response.getVersionInfo())
            .setResponseNonce(response.getNonce())
            .build());
  }

  /** NACKs a response: the version stays the last accepted one. */
  void nack(DiscoveryResponse response, String lastAccepted) {
    requests.onNext(
        DiscoveryRequest.newBuilder()
            .setTypeUrl(response.getTypeUrl())
            .setVersionInfo(lastAccepted)
            .setResponseNonce(response.getNonce())
            .setErrorDetail(Status.newBuilder().setCode(3).setMessage("rejected by the test"))
            .build());
  }

  @Override
  public void close() throws InterruptedException {
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }
}
