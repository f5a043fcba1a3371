package io.meshforge.kds.sync;

import io.envoyproxy.envoy.service.discovery.v3.DeltaDiscoveryResponse;
import io.envoyproxy.envoy.service.discovery.v3.Resource;
import io.meshforge.model.ResourceType;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.SortedMap;

/** What a {@link DeltaSender} knows about one type on one stream. Confined to the sender. */
final class SenderTypeState {

  final ResourceType type;

  /** The peer asked for this type (initial request seen). */
  boolean subscribed;

  /** Latest desired state by delta key; {@code null} until the first snapshot (never send then). */
  SortedMap<String, Resource> desired;

  /** The last snapshot's resources with their wire encoding, to reuse for equal ones. */
  Map<io.meshforge.model.ResourceKey, WireCopy> encoded = Map.of();

  /** Set when {@link #desired} changed since the last delta was planned. */
  boolean dirty;

  /**
   * Delta key to version of what the peer has been sent (ACKed or not, NACKed too: a NACKed version
   * is not re-sent until it changes).
   */
  final Map<String, String> peer = new HashMap<>();

  /** The complete state has been planned (its parts may still be queued). */
  boolean completePlanned;

  /** Planned parts not yet emitted, sent one per ACK. */
  final Deque<DeltaDiscoveryResponse> queued = new ArrayDeque<>();

  /** Nonce of the emitted, un-ACKed response, or {@code null}. */
  String inFlightNonce;

  /** Emission order of {@link #inFlightNonce} on this stream (the sender's nonce counter). */
  long inFlightOrder;

  /**
   * When the ACK clock of {@link #inFlightNonce} started: its emission, restarted by each answer to
   * a response emitted before it (see {@link DeltaSender#oldestUnackedSince}).
   */
  Instant inFlightSince;

  SenderTypeState(ResourceType type) {
    this.type = type;
  }

  /** Returns {@code true} once every part of the complete state has been emitted. */
  boolean completeEmitted() {
    return completePlanned && queued.isEmpty();
  }
}
