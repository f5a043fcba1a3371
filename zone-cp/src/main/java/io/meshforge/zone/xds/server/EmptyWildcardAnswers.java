package io.meshforge.zone.xds.server;

import io.envoyproxy.controlplane.cache.Resources;
import io.envoyproxy.controlplane.cache.Resources.ResourceType;
import io.envoyproxy.controlplane.cache.Snapshot;
import io.envoyproxy.envoy.service.discovery.v3.DeltaDiscoveryResponse;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Answers, once per delta stream, a wildcard type (clusters, listeners) whose snapshot holds
 * nothing.
 *
 * <p>Why: java-control-plane's delta cache responds only when something was added or removed, so a
 * proxy that subscribes to clusters while it has none (a zone ingress before any service exists)
 * never hears back, and Envoy waits its whole initial fetch timeout (15 s by default) before it is
 * ready. A wildcard subscription is owed the current state, even an empty one (go-control-plane
 * sends it). An empty delta response adds and removes nothing on the proxy, so sending one before
 * or after a response of the cache is harmless: no coordination with the cache's sends is needed.
 *
 * <p>These responses carry nonces starting with {@value #NONCE_PREFIX}; java-control-plane counts
 * its nonces from 0, and the proxy's answers to ours must not reach it (it would not know them).
 *
 * <p>Threads: subscriptions are recorded on the stream's gRPC thread, snapshots are set on the
 * reconciler's thread, responses are sent under the stream's response lock; the sets are concurrent
 * and a type is answered at most once ({@code remove} decides who sends).
 */
final class EmptyWildcardAnswers {

  /** The prefix of the nonces of the responses sent here. */
  static final String NONCE_PREFIX = "empty-";

  /** The types java-control-plane's delta ADS treats as wildcard subscriptions. */
  private static final Map<String, ResourceType> WILDCARD_TYPES =
      Map.of(
          Resources.V3.CLUSTER_TYPE_URL, ResourceType.CLUSTER,
          Resources.V3.LISTENER_TYPE_URL, ResourceType.LISTENER);

  private final Supplier<Snapshot> snapshot;
  private final StreamObserver<DeltaDiscoveryResponse> out;
  private final Set<String> unanswered = ConcurrentHashMap.newKeySet();
  private final Set<String> answered = ConcurrentHashMap.newKeySet();
  private final AtomicLong nonces = new AtomicLong();

  /**
   * @param snapshot the stream's proxy's current snapshot, {@code null} while it has none
   * @param out where the stream's responses go
   */
  EmptyWildcardAnswers(Supplier<Snapshot> snapshot, StreamObserver<DeltaDiscoveryResponse> out) {
    this.snapshot = snapshot;
    this.out = out;
  }

  /** Returns whether {@code nonce} is one of a response sent here. */
  static boolean isOurs(String nonce) {
    return nonce.startsWith(NONCE_PREFIX);
  }

  /** Records a request for {@code typeUrl} (a first subscription when nothing was sent yet). */
  void requested(String typeUrl) {
    if (WILDCARD_TYPES.containsKey(typeUrl) && !answered.contains(typeUrl)) {
      unanswered.add(typeUrl);
    }
  }

  /** Records that a response of {@code typeUrl} was sent on the stream (by anyone). */
  void sent(String typeUrl) {
    answered.add(typeUrl);
    unanswered.remove(typeUrl);
  }

  /** Answers every unanswered wildcard type that the proxy's current snapshot holds nothing of. */
  void answerEmptyTypes() {
    if (unanswered.isEmpty()) {
      return;
    }
    Snapshot current = snapshot.get();
    if (current == null) {
      return; // the reconciler has not generated the proxy yet; it calls again when it has
    }
    for (String typeUrl : List.copyOf(unanswered)) {
      ResourceType type = WILDCARD_TYPES.get(typeUrl);
      if (current.resources(type).isEmpty() && unanswered.remove(typeUrl)) {
        out.onNext(
            DeltaDiscoveryResponse.newBuilder()
                .setTypeUrl(typeUrl)
                .setSystemVersionInfo(current.version(type, List.of()))
                .setNonce(NONCE_PREFIX + nonces.getAndIncrement())
                .build());
      }
    }
  }
}
