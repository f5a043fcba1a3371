package io.meshforge.kds.transport;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.util.Set;

/**
 * {@code KdsServerInterceptor} authenticates every KDS call and enforces version skew before the
 * service sees a message: no credential gives {@code UNAUTHENTICATED}; a zone speaking a newer
 * protocol than global gives {@code FAILED_PRECONDITION} ("upgrade global first"). The zone name
 * and features go into the call's {@link Context}.
 */
public final class KdsServerInterceptor implements ServerInterceptor {

  /** The authenticated zone of the current call. */
  public static final Context.Key<String> ZONE = Context.key("kds-zone");

  /** The features the zone advertised on the current call. */
  public static final Context.Key<Set<String>> FEATURES = Context.key("kds-features");

  private final ZoneAuthenticator authenticator;

  /** Creates the interceptor over an authentication hook. */
  public KdsServerInterceptor(ZoneAuthenticator authenticator) {
    this.authenticator = authenticator;
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    String zone;
    try {
      zone = authenticator.authenticate(headers);
    } catch (ZoneAuthenticationException e) {
      call.close(Status.UNAUTHENTICATED.withDescription(e.getMessage()), new Metadata());
      return new ServerCall.Listener<>() {};
    }
    int version = KdsHeaders.version(headers);
    if (version > KdsHeaders.PROTOCOL_VERSION || version < 1) {
      String message =
          version < 1
              ? "missing or malformed " + KdsHeaders.VERSION.name() + " header"
              : "zone speaks KDS protocol "
                  + version
                  + " but global speaks "
                  + KdsHeaders.PROTOCOL_VERSION
                  + ": upgrade global first";
      call.close(Status.FAILED_PRECONDITION.withDescription(message), new Metadata());
      return new ServerCall.Listener<>() {};
    }
    Context context =
        Context.current().withValue(ZONE, zone).withValue(FEATURES, KdsHeaders.features(headers));
    return Contexts.interceptCall(context, call, headers, next);
  }
}
