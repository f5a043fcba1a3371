package io.meshforge.zone.xds.server;

import io.envoyproxy.envoy.config.core.v3.Node;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.stub.StreamObserver;
import io.meshforge.zone.xds.ProxyAuthenticator;
import io.meshforge.zone.xds.ProxyId;
import io.meshforge.zone.xds.context.ProxyMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One xDS stream's gate, shared by the SotW and delta handlers: on the stream's first request it
 * reads the node, authenticates the proxy and registers it as connected, before any request reaches
 * the cache (so nothing is ever sent to a proxy that was refused); afterwards it fills in the node
 * on requests that omit it (Envoy's {@code set_node_on_first_message_only}), which
 * java-control-plane's cache needs to find the proxy's snapshot.
 *
 * <p>Thread confinement: gRPC delivers one stream's requests one at a time, so the fields need no
 * lock; {@link #closed()} may race with a request or a server-side close and is idempotent.
 */
final class ProxyStreamGuard {

  private static final Logger LOG = LoggerFactory.getLogger(ProxyStreamGuard.class);

  private final ProxyAuthenticator authenticator;
  private final ConnectedProxies connected;
  private final XdsMetrics metrics;
  private final Metadata headers;

  private Node node;
  private ProxyId proxy;
  private volatile ProxyStream stream;
  private boolean refused;
  private boolean released;
  private volatile java.util.function.Consumer<Status> closer = status -> {};
  private volatile Runnable snapshotListener = () -> {};

  ProxyStreamGuard(
      ProxyAuthenticator authenticator,
      ConnectedProxies connected,
      XdsMetrics metrics,
      Metadata headers) {
    this.authenticator = authenticator;
    this.connected = connected;
    this.metrics = metrics;
    this.headers = headers;
  }

  /** Sets how the stream is ended from the server side ({@link ProxyStream#close}). */
  void onServerClose(java.util.function.Consumer<Status> closer) {
    this.closer = closer;
  }

  /** Sets what runs each time the admitted proxy's snapshot is set (on the reconciler's thread). */
  void onSnapshotSet(Runnable listener) {
    this.snapshotListener = listener;
  }

  /**
   * Admits a request: returns the node to use for it, or {@code null} when the stream is (or just
   * got) refused, in which case {@code responses} has been closed with the refusal's status.
   */
  Node admit(Node requestNode, StreamObserver<?> responses) {
    if (refused) {
      return null;
    }
    if (proxy != null) {
      return requestNode.getId().isEmpty() ? node : requestNode;
    }
    try {
      if (requestNode.getId().isEmpty()) {
        throw Status.INVALID_ARGUMENT
            .withDescription("the first xDS request of a stream must carry the node id")
            .asException();
      }
      ProxyId claimed = parse(requestNode.getId());
      authenticator.authenticate(headers, claimed);
      node = requestNode;
      proxy = claimed;
    } catch (StatusException e) {
      refused = true;
      LOG.warn("xDS stream of node '{}' refused: {}", requestNode.getId(), e.getStatus());
      responses.onError(e);
      return null;
    }
    metrics.streamOpened();
    stream =
        new ProxyStream(
            proxy,
            java.time.Instant.now(),
            EnvoyVersion.of(node),
            AgentVersion.of(node),
            status -> closer.accept(status));
    stream.onSnapshotSet(() -> snapshotListener.run()); // before the reconciler can know the proxy
    connected.streamOpened(stream, ProxyMetadata.of(node.getMetadata()));
    LOG.info("proxy {} connected", proxy);
    return node;
  }

  /** Returns whether the stream was refused (and its responses already closed). */
  boolean refused() {
    return refused;
  }

  /** Returns the proxy the stream speaks for, once admitted. */
  ProxyId proxy() {
    return proxy;
  }

  /** Counts a response sent on the stream. */
  void sent(String typeUrl) {
    ProxyStream current = stream;
    if (current != null) {
      current.sent(typeUrl);
    }
  }

  /** Counts an answer to a response: an ACK or a NACK. */
  void answered(String typeUrl, boolean nack) {
    if (stream != null) {
      if (nack) {
        stream.nacked(typeUrl);
      } else {
        stream.acked(typeUrl);
      }
    }
  }

  /** Records the stream's end (once, whatever the reason, from whichever thread ends it). */
  synchronized void closed() {
    if (proxy != null && !released) {
      released = true;
      metrics.streamClosed();
      connected.streamClosed(stream);
      LOG.info("proxy {} disconnected", proxy);
    }
  }

  private static ProxyId parse(String nodeId) throws StatusException {
    try {
      return ProxyId.parse(nodeId);
    } catch (IllegalArgumentException e) {
      throw Status.INVALID_ARGUMENT
          .withDescription("the node id must be <mesh>.<name>: " + e.getMessage())
          .asException();
    }
  }
}
