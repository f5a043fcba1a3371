package io.meshforge.bench;

import io.envoyproxy.envoy.service.discovery.v3.DeltaDiscoveryRequest;
import io.envoyproxy.envoy.service.discovery.v3.DeltaDiscoveryResponse;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.ForwardingClientCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.meshforge.kds.v1.KdsSyncServiceGrpc;
import java.util.HashSet;
import java.util.Set;

/**
 * {@code KdsSyncProbe} watches one zone's KDS calls on the wire and tells when the zone is in sync
 * with global: on the current GlobalToZone call every type the zone subscribed to has been received
 * and ACKed by the zone (which ACKs only after committing), and on the current ZoneToGlobal call
 * every type global subscribed to has been sent and ACKed by global (likewise after committing),
 * with no response of either direction waiting for its ACK.
 *
 * <p>{@link #syncedAtNanos} is the {@link System#nanoTime} at which that first became true for the
 * current pair of calls (0 while not in sync); a new call resets it.
 */
final class KdsSyncProbe implements ClientInterceptor {
  private static final String DOWN =
      KdsSyncServiceGrpc.getGlobalToZoneSyncMethod().getFullMethodName();
  private static final String UP =
      KdsSyncServiceGrpc.getZoneToGlobalSyncMethod().getFullMethodName();

  /** What one delta call has seen. Guarded by the probe's monitor. */
  private static final class CallState {
    final Set<String> subscribed = new HashSet<>();
    final Set<String> acked = new HashSet<>();
    final Set<String> pending = new HashSet<>();
    boolean closed;

    boolean synced() {
      return !closed && !subscribed.isEmpty() && acked.containsAll(subscribed) && pending.isEmpty();
    }
  }

  private CallState down;
  private CallState up;
  private long syncedAtNanos;
  private long openedAtNanos;
  private int calls;

  /** The time it got in sync on the current calls, or 0. */
  synchronized long syncedAtNanos() {
    return syncedAtNanos;
  }

  synchronized boolean synced() {
    return syncedAtNanos != 0;
  }

  /**
   * The {@link System#nanoTime} at which the current GlobalToZone call was started: once in sync,
   * the connection attempt that succeeded.
   */
  synchronized long openedAtNanos() {
    return openedAtNanos;
  }

  /** How many GlobalToZone calls were started (one per connection attempt). */
  synchronized int calls() {
    return calls;
  }

  @Override
  public <Q, R> ClientCall<Q, R> interceptCall(
      MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
    ClientCall<Q, R> call = next.newCall(method, options);
    String name = method.getFullMethodName();
    if (!name.equals(DOWN) && !name.equals(UP)) {
      return call;
    }
    CallState state = opened(name.equals(DOWN));
    return new ForwardingClientCall.SimpleForwardingClientCall<>(call) {
      @Override
      public void start(Listener<R> listener, Metadata headers) {
        super.start(
            new ForwardingClientCallListener.SimpleForwardingClientCallListener<>(listener) {
              @Override
              public void onMessage(R message) {
                observe(state, message);
                super.onMessage(message);
              }

              @Override
              public void onClose(Status status, Metadata trailers) {
                closed(state);
                super.onClose(status, trailers);
              }
            },
            headers);
      }

      @Override
      public void sendMessage(Q message) {
        observe(state, message);
        super.sendMessage(message);
      }
    };
  }

  private synchronized CallState opened(boolean isDown) {
    CallState state = new CallState();
    if (isDown) {
      down = state;
      openedAtNanos = System.nanoTime();
      calls++;
    } else {
      up = state;
    }
    syncedAtNanos = 0;
    return state;
  }

  private synchronized void closed(CallState state) {
    state.closed = true;
    if (state == down || state == up) {
      syncedAtNanos = 0;
    }
  }

  /**
   * A request names a type: without a response nonce it subscribes, with one it confirms (ACK when
   * it has no error detail). A response names a nonce that waits for its confirmation.
   */
  private synchronized void observe(CallState state, Object message) {
    if (message instanceof DeltaDiscoveryRequest request) {
      if (request.getResponseNonce().isEmpty()) {
        state.subscribed.add(request.getTypeUrl());
      } else {
        state.pending.remove(request.getResponseNonce());
        if (!request.hasErrorDetail()) {
          state.acked.add(request.getTypeUrl());
        }
      }
    } else if (message instanceof DeltaDiscoveryResponse response) {
      state.pending.add(response.getNonce());
    }
    if (syncedAtNanos == 0 && down != null && up != null && down.synced() && up.synced()) {
      syncedAtNanos = System.nanoTime();
    }
  }
}
