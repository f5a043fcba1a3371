package io.meshforge.zone.kds;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.ForwardingClientCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.meshforge.kds.transport.KdsHeaders;
import io.meshforge.kds.v1.KdsSyncServiceGrpc;

/**
 * {@code StoreEpochHeader} reads global's store epoch from the response headers of each
 * GlobalToZone call and reports it to the {@link EpochGuard}. gRPC delivers the headers before the
 * first message of the call, so the guard knows the epoch before any batch of that call is applied.
 */
public final class StoreEpochHeader implements ClientInterceptor {

  private final EpochGuard guard;

  public StoreEpochHeader(EpochGuard guard) {
    this.guard = guard;
  }

  @Override
  public <Q, R> ClientCall<Q, R> interceptCall(
      MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
    ClientCall<Q, R> call = next.newCall(method, options);
    if (!method
        .getFullMethodName()
        .equals(KdsSyncServiceGrpc.getGlobalToZoneSyncMethod().getFullMethodName())) {
      return call;
    }
    return new ForwardingClientCall.SimpleForwardingClientCall<>(call) {
      @Override
      public void start(Listener<R> listener, Metadata headers) {
        super.start(
            new ForwardingClientCallListener.SimpleForwardingClientCallListener<>(listener) {
              @Override
              public void onHeaders(Metadata responseHeaders) {
                guard.connected(responseHeaders.get(KdsHeaders.STORE_EPOCH));
                super.onHeaders(responseHeaders);
              }

              @Override
              public void onClose(Status status, Metadata trailers) {
                guard.disconnected();
                super.onClose(status, trailers);
              }
            },
            headers);
      }
    };
  }
}
