package io.meshforge.global.kds;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.meshforge.global.token.InvalidZoneTokenException;
import io.meshforge.global.token.ZoneTokenVerifier;
import io.meshforge.global.zone.StreamStats;
import io.meshforge.global.zone.ZoneInsights;
import io.meshforge.global.zone.ZoneRegistry;
import io.meshforge.kds.transport.KdsHeaders;
import io.meshforge.kds.transport.KdsServerInterceptor;
import io.meshforge.model.store.StoreException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code KdsStreamTracker} runs after authentication on every KDS call: it creates the zone's Zone
 * on its first sync stream, records streams and heartbeats in {@link ZoneInsights}, counts messages
 * for insights and metrics, and re-checks the token of every open stream ({@link #recheckTokens})
 * so a revoked or expired token's streams are closed with {@code UNAUTHENTICATED}.
 */
public final class KdsStreamTracker implements ServerInterceptor {

  private static final Logger log = LoggerFactory.getLogger(KdsStreamTracker.class);
  private static final String GLOBAL_TO_ZONE = "GlobalToZoneSync";
  private static final String ZONE_TO_GLOBAL = "ZoneToGlobalSync";
  private static final String HEARTBEAT = "Heartbeat";

  private final ZoneRegistry registry;
  private final ZoneInsights insights;
  private final ZoneTokenVerifier verifier;
  private final KdsMetrics metrics;
  private final Map<TrackedCall<?, ?>, Boolean> open = new ConcurrentHashMap<>();

  public KdsStreamTracker(
      ZoneRegistry registry,
      ZoneInsights insights,
      ZoneTokenVerifier verifier,
      KdsMetrics metrics) {
    this.registry = registry;
    this.insights = insights;
    this.verifier = verifier;
    this.metrics = metrics;
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    String zone = KdsServerInterceptor.ZONE.get();
    String method = call.getMethodDescriptor().getBareMethodName();
    if (zone == null) {
      return next.startCall(call, headers);
    }
    if (HEARTBEAT.equals(method)) {
      insights.heartbeat(zone);
      return next.startCall(call, headers);
    }
    boolean sync = GLOBAL_TO_ZONE.equals(method) || ZONE_TO_GLOBAL.equals(method);
    if (sync) {
      try {
        registry.ensureExists(zone);
      } catch (StoreException e) {
        call.close(
            Status.UNAVAILABLE.withDescription("store unavailable: " + e.getMessage()),
            new Metadata());
        return new ServerCall.Listener<>() {};
      }
    }
    StreamStats stats =
        insights.opened(
            zone,
            GLOBAL_TO_ZONE.equals(method),
            valueOr(headers.get(KdsHeaders.ZONE_VERSION)),
            valueOr(headers.get(KdsHeaders.ZONE_CONFIG)));
    String token = KdsHeaders.bearerToken(headers).orElse("");
    TrackedCall<Q, R> tracked =
        new TrackedCall<>(call, zone, token, observer(zone, method, stats, sync));
    open.put(tracked, Boolean.TRUE);
    if (sync) {
      metrics.streamOpened(zone);
    }
    return tracked.listen(next.startCall(tracked, headers));
  }

  /** Returns the zones with an open call on this instance. */
  public Set<String> connectedZones() {
    return Set.copyOf(open.keySet().stream().map(TrackedCall::zone).toList());
  }

  /** Closes every open call of a zone; returns how many were closed. */
  public int closeZone(String zone, Status status) {
    int closed = 0;
    for (TrackedCall<?, ?> call : open.keySet()) {
      if (call.zone().equals(zone) && call.forceClose(status)) {
        closed++;
      }
    }
    return closed;
  }

  /** Closes every open call whose token no longer verifies (revoked, expired, key removed). */
  public void recheckTokens() {
    for (TrackedCall<?, ?> call : open.keySet()) {
      try {
        verifier.verify(call.token());
      } catch (InvalidZoneTokenException e) {
        if (call.forceClose(Status.UNAUTHENTICATED.withDescription(e.getMessage()))) {
          metrics.authFailure("revoked_or_expired");
          log.warn("closed a KDS stream of zone {}: {}", call.zone(), e.getMessage());
        }
      } catch (RuntimeException e) {
        log.warn("re-checking a zone token failed; will retry", e);
      }
    }
  }

  private TrackedCall.Observer observer(
      String zone, String method, StreamStats stats, boolean sync) {
    boolean down = GLOBAL_TO_ZONE.equals(method);
    boolean up = ZONE_TO_GLOBAL.equals(method);
    return new TrackedCall.Observer() {
      @Override
      public void sent(Object message) {
        String type = TrackedCall.typeOf(message);
        if (down) {
          stats.sent(type);
          metrics.responseSent(zone, type, TrackedCall.sizeOf(message));
        } else if (up && TrackedCall.confirms(message)) {
          boolean nacked = TrackedCall.nacks(message);
          stats.replied(type, nacked);
          if (nacked) {
            metrics.globalNacked(zone, type);
            log.info(
                "NACKed {} from zone {}: {}",
                type,
                zone,
                ((io.envoyproxy.envoy.service.discovery.v3.DeltaDiscoveryRequest) message)
                    .getErrorDetail()
                    .getMessage());
          }
        }
      }

      @Override
      public void received(Object message) {
        String type = TrackedCall.typeOf(message);
        if (down && TrackedCall.confirms(message)) {
          boolean nacked = TrackedCall.nacks(message);
          stats.confirmed(type, nacked);
          metrics.confirmation(zone, type, nacked);
        } else if (up) {
          stats.received(type);
        }
      }

      @Override
      public void ended(TrackedCall<?, ?> call) {
        if (open.remove(call) != null) {
          stats.ended();
          if (sync) {
            metrics.streamClosed(zone);
          }
        }
      }
    };
  }

  private static String valueOr(String value) {
    return value == null ? "" : value;
  }
}
