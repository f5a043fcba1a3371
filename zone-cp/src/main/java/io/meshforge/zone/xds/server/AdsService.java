package io.meshforge.zone.xds.server;

import com.google.protobuf.TextFormat;
import io.envoyproxy.controlplane.cache.Snapshot;
import io.envoyproxy.envoy.config.core.v3.Node;
import io.envoyproxy.envoy.service.discovery.v3.AggregatedDiscoveryServiceGrpc;
import io.envoyproxy.envoy.service.discovery.v3.DeltaDiscoveryRequest;
import io.envoyproxy.envoy.service.discovery.v3.DeltaDiscoveryResponse;
import io.envoyproxy.envoy.service.discovery.v3.DiscoveryRequest;
import io.envoyproxy.envoy.service.discovery.v3.DiscoveryResponse;
import io.grpc.stub.StreamObserver;
import io.meshforge.zone.xds.ProxyAuthenticator;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code AdsService} is the Aggregated Discovery Service proxies talk to (SotW and delta). It wraps
 * java-control-plane's ADS implementation with what the zone CP adds per stream: authentication
 * before anything is sent, connection tracking, metrics, and NACK handling.
 *
 * <p><b>NACKs (STACK.md P4).</b> java-control-plane's cache answers a state-of-the-world NACK at
 * once with the snapshot that was just rejected, because the NACK carries the last <em>accepted
 * </em> version, which differs from the snapshot's: a hot loop of thousands of responses per
 * second. Here a NACK's {@code version_info} is rewritten to the version of the response it rejects
 * (looked up by its nonce, per stream), so the cache parks the watch until the snapshot changes and
 * then sends the new one. A NACK is logged and counted, never retried as is. Delta streams need no
 * rewrite: the cache compares against the last version <em>sent</em> there.
 *
 * <p><b>Empty wildcard types.</b> On delta streams the cache never answers a cluster or listener
 * subscription that has nothing to send; {@link EmptyWildcardAnswers} does.
 */
public final class AdsService
    extends AggregatedDiscoveryServiceGrpc.AggregatedDiscoveryServiceImplBase {

  private static final Logger LOG = LoggerFactory.getLogger(AdsService.class);

  private final AggregatedDiscoveryServiceGrpc.AggregatedDiscoveryServiceImplBase delegate;
  private final ProxyAuthenticator authenticator;
  private final ConnectedProxies connected;
  private final XdsMetrics metrics;
  private final Function<String, ? extends Snapshot> snapshots;

  /**
   * Creates the service.
   *
   * @param delegate java-control-plane's ADS ({@code
   *     V3DiscoveryServer#getAggregatedDiscoveryServiceImpl})
   * @param authenticator checks each stream's credential on its first request
   * @param connected where admitted proxies are registered
   * @param metrics the xDS meters
   * @param snapshots the cache's current snapshot of a node id ({@code null} when none): delta
   *     streams answer empty wildcard types from it ({@link EmptyWildcardAnswers})
   */
  public AdsService(
      AggregatedDiscoveryServiceGrpc.AggregatedDiscoveryServiceImplBase delegate,
      ProxyAuthenticator authenticator,
      ConnectedProxies connected,
      XdsMetrics metrics,
      Function<String, ? extends Snapshot> snapshots) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
    this.connected = Objects.requireNonNull(connected, "connected");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    this.snapshots = Objects.requireNonNull(snapshots, "snapshots");
  }

  @Override
  public StreamObserver<DiscoveryRequest> streamAggregatedResources(
      StreamObserver<DiscoveryResponse> responses) {
    return new SotwStream(responses, guard());
  }

  @Override
  public StreamObserver<DeltaDiscoveryRequest> deltaAggregatedResources(
      StreamObserver<DeltaDiscoveryResponse> responses) {
    return new DeltaStream(responses, guard());
  }

  private ProxyStreamGuard guard() {
    return new ProxyStreamGuard(authenticator, connected, metrics, StreamHeaders.current());
  }

  private void count(ProxyStreamGuard guard, String typeUrl, boolean nack, String nonce) {
    metrics.requestReceived(typeUrl, confirmation(nack, nonce));
    if (!nonce.isEmpty()) {
      guard.answered(typeUrl, nack);
    }
  }

  private static String confirmation(boolean nack, String nonce) {
    if (nack) {
      return "NACK";
    }
    return nonce.isEmpty() ? "initial" : "ACK";
  }

  /**
   * What both stream kinds share: the guard admits the first request before anything reaches the
   * cache, the cache's stream is opened lazily on the first admitted request, and a close by the
   * server (a revoked token) ends the proxy's side, the cache's watches and the guard together.
   *
   * @param <Q> the request message
   * @param <R> the response message
   */
  private abstract class GuardedStream<Q, R> implements StreamObserver<Q> {
    final ProxyStreamGuard guard;
    private final StreamObserver<R> responses;
    final ClosableResponses<R> out;
    private volatile StreamObserver<Q> inner;

    GuardedStream(
        StreamObserver<R> responses,
        ProxyStreamGuard guard,
        java.util.function.Consumer<R> onSend) {
      this.guard = guard;
      this.responses = responses;
      this.out = new ClosableResponses<>(responses, onSend);
      guard.onServerClose(this::closeByServer);
    }

    /** Opens java-control-plane's stream that answers on {@code out}. */
    abstract StreamObserver<Q> open(StreamObserver<R> out);

    /** Returns the node the request names (empty after the first request with Envoy's default). */
    abstract Node nodeOf(Q request);

    /**
     * Counts and logs the request; returns what to hand to the cache (with {@code node} set), or
     * {@code null} when the cache must not see it.
     */
    abstract Q admitted(Q request, Node node);

    /** Runs after the cache took a request. */
    void forwarded() {}

    /** Ends the stream from the server (any thread): the proxy, the cache's watches, the guard. */
    private void closeByServer(io.grpc.Status status) {
      if (out.closeWith(status)) {
        LOG.info("closing the xDS stream of proxy {}: {}", guard.proxy(), status);
        guard.closed();
        StreamObserver<Q> current = inner;
        if (current != null) {
          current.onError(status.asRuntimeException()); // cancels the cache's watches
        }
      }
    }

    @Override
    public void onNext(Q request) {
      Node node = guard.admit(nodeOf(request), responses);
      if (node == null || out.isDone()) {
        return;
      }
      Q effective = admitted(request, node);
      if (effective == null) {
        return;
      }
      if (inner == null) {
        inner = open(out);
      }
      inner.onNext(effective);
      forwarded();
    }

    @Override
    public void onError(Throwable error) {
      guard.closed();
      if (inner != null && !out.isDone()) {
        inner.onError(error);
      }
    }

    @Override
    public void onCompleted() {
      guard.closed();
      if (out.isDone()) {
        return;
      }
      if (inner != null) {
        inner.onCompleted();
      } else if (!guard.refused()) {
        out.onCompleted();
      }
    }
  }

  /** A state-of-the-world stream. */
  private final class SotwStream extends GuardedStream<DiscoveryRequest, DiscoveryResponse> {

    /** Per type URL: the nonce and version of every response sent and not yet answered. */
    private final Map<String, String> sentVersions;

    SotwStream(StreamObserver<DiscoveryResponse> responses, ProxyStreamGuard guard) {
      this(responses, guard, new ConcurrentHashMap<>());
    }

    private SotwStream(
        StreamObserver<DiscoveryResponse> responses,
        ProxyStreamGuard guard,
        Map<String, String> sentVersions) {
      // Remembers what was sent under which nonce (called under the response lock).
      super(
          responses,
          guard,
          response -> {
            sentVersions.put(
                response.getTypeUrl() + "/" + response.getNonce(), response.getVersionInfo());
            metrics.responseSent(response.getTypeUrl());
            guard.sent(response.getTypeUrl());
          });
      this.sentVersions = sentVersions;
    }

    @Override
    StreamObserver<DiscoveryRequest> open(StreamObserver<DiscoveryResponse> out) {
      return delegate.streamAggregatedResources(out);
    }

    @Override
    Node nodeOf(DiscoveryRequest request) {
      return request.getNode();
    }

    @Override
    DiscoveryRequest admitted(DiscoveryRequest request, Node node) {
      DiscoveryRequest.Builder effective = request.toBuilder().setNode(node);
      String sentKey = request.getTypeUrl() + "/" + request.getResponseNonce();
      String sentVersion =
          request.getResponseNonce().isEmpty() ? null : sentVersions.remove(sentKey);
      boolean nack = request.hasErrorDetail();
      count(guard, request.getTypeUrl(), nack, request.getResponseNonce());
      if (nack) {
        LOG.warn(
            "proxy {} rejected {} version {}: {}",
            guard.proxy(),
            request.getTypeUrl(),
            sentVersion,
            TextFormat.shortDebugString(request.getErrorDetail()));
        if (sentVersion != null) {
          // Park the watch until the snapshot changes (see the class comment).
          effective.setVersionInfo(sentVersion);
        }
      }
      return effective.build();
    }
  }

  /** A delta stream. */
  private final class DeltaStream
      extends GuardedStream<DeltaDiscoveryRequest, DeltaDiscoveryResponse> {

    private final EmptyWildcardAnswers emptyAnswers;

    DeltaStream(StreamObserver<DeltaDiscoveryResponse> responses, ProxyStreamGuard guard) {
      this(responses, guard, new EmptyWildcardAnswers[1]);
    }

    /** {@code answers} carries the answers object into the send hook built before it exists. */
    private DeltaStream(
        StreamObserver<DeltaDiscoveryResponse> responses,
        ProxyStreamGuard guard,
        EmptyWildcardAnswers[] answers) {
      super(
          responses,
          guard,
          response -> {
            metrics.responseSent(response.getTypeUrl());
            guard.sent(response.getTypeUrl());
            answers[0].sent(response.getTypeUrl());
          });
      answers[0] = new EmptyWildcardAnswers(this::currentSnapshot, out);
      this.emptyAnswers = answers[0];
      guard.onSnapshotSet(emptyAnswers::answerEmptyTypes);
    }

    private Snapshot currentSnapshot() {
      return guard.proxy() == null ? null : snapshots.apply(guard.proxy().nodeId());
    }

    @Override
    StreamObserver<DeltaDiscoveryRequest> open(StreamObserver<DeltaDiscoveryResponse> out) {
      return delegate.deltaAggregatedResources(out);
    }

    @Override
    Node nodeOf(DeltaDiscoveryRequest request) {
      return request.getNode();
    }

    @Override
    DeltaDiscoveryRequest admitted(DeltaDiscoveryRequest request, Node node) {
      boolean nack = request.hasErrorDetail();
      count(guard, request.getTypeUrl(), nack, request.getResponseNonce());
      if (nack) {
        LOG.warn(
            "proxy {} rejected {} (delta): {}",
            guard.proxy(),
            request.getTypeUrl(),
            TextFormat.shortDebugString(request.getErrorDetail()));
      }
      DeltaDiscoveryRequest.Builder effective = request.toBuilder().setNode(node);
      if (EmptyWildcardAnswers.isOurs(request.getResponseNonce())) {
        // The answer to an empty response sent here: the cache never saw that nonce. Only a
        // subscription change riding on it is passed on, as a request of its own.
        if (request.getResourceNamesSubscribeCount() == 0
            && request.getResourceNamesUnsubscribeCount() == 0) {
          return null;
        }
        effective.clearResponseNonce().clearErrorDetail();
      } else {
        emptyAnswers.requested(request.getTypeUrl());
      }
      return effective.build();
    }

    @Override
    void forwarded() {
      emptyAnswers.answerEmptyTypes();
    }
  }
}
