package io.meshforge.e2e;

import io.envoyproxy.envoy.service.discovery.v3.DeltaDiscoveryRequest;
import io.envoyproxy.envoy.service.discovery.v3.DeltaDiscoveryResponse;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.TlsChannelCredentials;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import io.meshforge.kds.sync.StateMarker;
import io.meshforge.kds.transport.KdsHeaders;
import io.meshforge.kds.v1.KdsSyncServiceGrpc;
import io.meshforge.kds.wire.DeltaKey;
import io.meshforge.kds.wire.KdsEnvelope;
import io.meshforge.kds.wire.KdsTypeUrls;
import io.meshforge.local.GlobalNode;
import io.meshforge.model.Resource;
import io.meshforge.model.ResourceKey;
import io.meshforge.model.ResourceType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code HostileZone} is a zone that speaks KDS to global from the test, with a valid token, and
 * sends what a well-behaved zone never would (S3, S4): it opens ZoneToGlobal, learns which types
 * global asked for, and sends hand-made responses, each answered by global with an ACK, a NACK, or
 * the end of the stream.
 */
final class HostileZone implements AutoCloseable {
  /** What global did with one response. */
  record Answer(boolean acked, String detail, Status closedWith) {
    boolean nacked() {
      return !acked && closedWith == null;
    }

    @Override
    public String toString() {
      return acked ? "ACK" : closedWith != null ? "closed " + closedWith : "NACK " + detail;
    }
  }

  private static final long ANSWER_SECONDS = 15;

  private final ManagedChannel channel;
  private final KdsSyncServiceGrpc.KdsSyncServiceStub stub;
  private final Set<String> requested = ConcurrentHashMap.newKeySet();
  private final BlockingQueue<DeltaDiscoveryRequest> replies = new LinkedBlockingQueue<>();
  private final AtomicReference<Status> closed = new AtomicReference<>();
  private final AtomicInteger nonces = new AtomicInteger();
  private StreamObserver<DeltaDiscoveryResponse> out;

  HostileZone(GlobalNode global, String zone, String token) {
    try {
      channel =
          Grpc.newChannelBuilderForAddress(
                  "127.0.0.1",
                  global.spec().kdsPort(),
                  TlsChannelCredentials.newBuilder().trustManager(global.kdsCa().toFile()).build())
              .build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Metadata headers = KdsHeaders.of(KdsHeaders.PROTOCOL_VERSION, Set.of());
    headers.merge(KdsHeaders.zoneCredentials(zone, token, "hostile-test"));
    stub =
        KdsSyncServiceGrpc.newStub(channel)
            .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
  }

  /** Opens ZoneToGlobal and waits until global subscribed to at least one type. */
  HostileZone open() {
    out =
        stub.zoneToGlobalSync(
            new StreamObserver<>() {
              @Override
              public void onNext(DeltaDiscoveryRequest request) {
                if (request.getResponseNonce().isEmpty()) {
                  requested.add(request.getTypeUrl());
                } else {
                  replies.add(request);
                }
              }

              @Override
              public void onError(Throwable error) {
                closed.set(Status.fromThrowable(error));
              }

              @Override
              public void onCompleted() {
                closed.set(Status.OK);
              }
            });
    org.awaitility.Awaitility.await("global subscribes to the hostile zone's types")
        .atMost(Sync.BOUND)
        .until(() -> !requested.isEmpty() || closed.get() != null);
    return this;
  }

  /** The type URLs global asked this zone for. */
  Set<String> requested() {
    return Set.copyOf(requested);
  }

  /** Whether global asked for {@code type}. */
  boolean requested(ResourceType type) {
    return requested.contains(KdsTypeUrls.of(type));
  }

  /** Sends resources of a type as a delta (or the complete state) and returns global's answer. */
  Answer send(
      ResourceType type, boolean complete, List<Resource> upserts, List<ResourceKey> removed)
      throws InterruptedException {
    String nonce = "hostile-" + nonces.incrementAndGet();
    DeltaDiscoveryResponse.Builder response =
        DeltaDiscoveryResponse.newBuilder()
            .setTypeUrl(KdsTypeUrls.of(type))
            .setNonce(nonce)
            .setSystemVersionInfo(new StateMarker(complete, 1, 1).format());
    upserts.forEach(r -> response.addResources(KdsEnvelope.toWire(r)));
    removed.forEach(k -> response.addRemovedResources(DeltaKey.of(k)));
    out.onNext(response.build());
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(ANSWER_SECONDS);
    while (System.nanoTime() < deadline) {
      DeltaDiscoveryRequest reply = replies.poll(100, TimeUnit.MILLISECONDS);
      if (reply != null && reply.getResponseNonce().equals(nonce)) {
        return reply.hasErrorDetail()
            ? new Answer(false, reply.getErrorDetail().getMessage(), null)
            : new Answer(true, "", null);
      }
      if (reply == null && closed.get() != null) {
        return new Answer(false, "", closed.get());
      }
    }
    throw new IllegalStateException(
        "global did not answer " + nonce + " within " + ANSWER_SECONDS + " s");
  }

  /** Whether global ended the stream. */
  boolean closed() {
    return closed.get() != null;
  }

  @Override
  public void close() {
    if (out != null && closed.get() == null) {
      try {
        out.onCompleted();
      } catch (RuntimeException e) {
        // already gone
      }
    }
    channel.shutdownNow();
  }
}
