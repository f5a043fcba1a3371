package io.meshforge.zone.xds.server;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;

/**
 * Captures each call's gRPC headers into its {@link Context}, so the ADS stream handler can hand
 * them to the {@code ProxyAuthenticator} on the stream's first request (the stream observer API
 * does not see headers otherwise).
 */
public final class StreamHeaders implements ServerInterceptor {

  /** The headers of the current call. */
  public static final Context.Key<Metadata> KEY = Context.key("forge-xds-headers");

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    return Contexts.interceptCall(Context.current().withValue(KEY, headers), call, headers, next);
  }

  /** Returns the current call's headers (empty outside a call). */
  public static Metadata current() {
    Metadata headers = KEY.get();
    return headers == null ? new Metadata() : headers;
  }
}
