package io.meshforge.global.kds;

import io.envoyproxy.envoy.service.discovery.v3.DeltaDiscoveryRequest;
import io.envoyproxy.envoy.service.discovery.v3.DeltaDiscoveryResponse;
import io.grpc.ForwardingServerCall;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.Status;

/**
 * {@code TrackedCall} wraps one KDS sync call of a zone: it counts the wire messages (responses
 * sent, ACKs and NACKs) and lets global close the call from outside (a revoked token).
 *
 * <p>Closing from outside: gRPC server calls are not thread-safe, so every call method goes through
 * this wrapper's monitor; after {@link #forceClose} the service's later writes are dropped, and the
 * {@code onComplete} the transport reports for our close is handed to the service as {@code
 * onCancel}, so it releases its stream resources (feed watch, timers, liveness registration)
 * exactly as for a peer that went away.
 */
final class TrackedCall<Q, R> extends ForwardingServerCall.SimpleForwardingServerCall<Q, R> {

  /** What the tracker is told. */
  interface Observer {
    void sent(Object message);

    void received(Object message);

    void ended(TrackedCall<?, ?> call);
  }

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(TrackedCall.class);

  private final String zone;
  private final String token;
  private final Observer observer;
  private boolean closed;
  private volatile boolean forced;

  TrackedCall(ServerCall<Q, R> call, String zone, String token, Observer observer) {
    super(call);
    this.zone = zone;
    this.token = token;
    this.observer = observer;
  }

  String zone() {
    return zone;
  }

  String token() {
    return token;
  }

  /** Wraps the service's listener. */
  ServerCall.Listener<Q> listen(ServerCall.Listener<Q> delegate) {
    return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(delegate) {
      @Override
      public void onMessage(Q message) {
        observe(() -> observer.received(message));
        super.onMessage(message);
      }

      @Override
      public void onComplete() {
        observer.ended(TrackedCall.this);
        if (forced) {
          super.onCancel();
        } else {
          super.onComplete();
        }
      }

      @Override
      public void onCancel() {
        observer.ended(TrackedCall.this);
        super.onCancel();
      }
    };
  }

  /** Closes the call with a status unless it is already closed; returns whether it did. */
  synchronized boolean forceClose(Status status) {
    if (closed) {
      return false;
    }
    closed = true;
    forced = true;
    super.close(status, new Metadata());
    return true;
  }

  @Override
  public synchronized void sendMessage(R message) {
    if (!closed) {
      observe(() -> observer.sent(message));
      super.sendMessage(message);
    }
  }

  @Override
  public synchronized void sendHeaders(Metadata headers) {
    if (!closed) {
      super.sendHeaders(headers);
    }
  }

  @Override
  public synchronized void request(int numMessages) {
    if (!closed) {
      super.request(numMessages);
    }
  }

  @Override
  public synchronized boolean isReady() {
    return !closed && super.isReady();
  }

  @Override
  public synchronized void close(Status status, Metadata trailers) {
    if (!closed) {
      closed = true;
      super.close(status, trailers);
    }
  }

  // Counting must never break a stream: a failing observer is logged and ignored.
  private static void observe(Runnable observation) {
    try {
      observation.run();
    } catch (RuntimeException e) {
      LOG.warn("recording a KDS message failed", e);
    }
  }

  /** Returns the type of a delta message and whether it confirms (has a nonce) and NACKs. */
  static String typeOf(Object message) {
    if (message instanceof DeltaDiscoveryResponse response) {
      return response.getTypeUrl();
    }
    if (message instanceof DeltaDiscoveryRequest request) {
      return request.getTypeUrl();
    }
    return "";
  }

  /** Returns the encoded size of a protobuf message in bytes (0 for anything else). */
  static int sizeOf(Object message) {
    return message instanceof com.google.protobuf.MessageLite lite ? lite.getSerializedSize() : 0;
  }

  /** Returns {@code true} for a request answering a response (ACK or NACK). */
  static boolean confirms(Object message) {
    return message instanceof DeltaDiscoveryRequest request
        && !request.getResponseNonce().isEmpty();
  }

  /** Returns {@code true} for a NACK. */
  static boolean nacks(Object message) {
    return message instanceof DeltaDiscoveryRequest request && request.hasErrorDetail();
  }
}
