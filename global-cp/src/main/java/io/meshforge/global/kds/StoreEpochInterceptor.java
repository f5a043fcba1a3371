package io.meshforge.global.kds;

import io.grpc.ForwardingServerCall;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.meshforge.global.store.StoreEpoch;
import io.meshforge.kds.transport.KdsHeaders;

/**
 * {@code StoreEpochInterceptor} adds global's store epoch to the response headers of every KDS call
 * ({@link KdsHeaders#STORE_EPOCH}, ADR 0013). Headers precede the first message, so a zone knows
 * which store a complete state comes from before it applies anything of that call.
 *
 * <p>The epoch is read when the call opens (on the server's executor, not a transport thread), so
 * the headers of one call never disagree with themselves.
 */
final class StoreEpochInterceptor implements ServerInterceptor {
  private final StoreEpoch epoch;

  StoreEpochInterceptor(StoreEpoch epoch) {
    this.epoch = epoch;
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    String advertised = epoch.current().toString();
    return next.startCall(
        new ForwardingServerCall.SimpleForwardingServerCall<>(call) {
          @Override
          public void sendHeaders(Metadata responseHeaders) {
            responseHeaders.put(KdsHeaders.STORE_EPOCH, advertised);
            super.sendHeaders(responseHeaders);
          }
        },
        headers);
  }
}
