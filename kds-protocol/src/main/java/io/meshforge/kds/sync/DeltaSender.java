package io.meshforge.kds.sync;

import io.envoyproxy.envoy.service.discovery.v3.DeltaDiscoveryRequest;
import io.envoyproxy.envoy.service.discovery.v3.DeltaDiscoveryResponse;
import io.envoyproxy.envoy.service.discovery.v3.Resource;
import io.meshforge.kds.wire.DeltaKey;
import io.meshforge.kds.wire.KdsEnvelope;
import io.meshforge.kds.wire.KdsTypeUrls;
import io.meshforge.model.ResourceKey;
import io.meshforge.model.ResourceType;
import io.meshforge.model.ResourceTypes;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@code DeltaSender} is the serving side of one KDS delta stream (global on GlobalToZone, the zone
 * on ZoneToGlobal), as a pure state machine: it is fed desired states ({@link #onSnapshot}) and the
 * peer's requests ({@link #onRequest}) and returns the responses to emit, in order.
 *
 * <p>Rules:
 *
 * <ul>
 *   <li>Nothing is sent for a type before the peer subscribed <em>and</em> a snapshot was given: an
 *       empty complete state sent before the view loaded would make the peer delete everything.
 *   <li>The first response per type is the complete state; later ones carry changed resources and
 *       removed names only.
 *   <li>At most one un-ACKed response per type; changes arriving meanwhile are coalesced.
 *   <li>An un-ACKed response's deadline clock runs from the later of its emission and the last
 *       answer to a response emitted before it ({@link #oldestUnackedSince}): a slow link delays
 *       the whole queue, not one response.
 *   <li>A NACKed version is not re-sent until the resource changes.
 *   <li>Responses stay under the message limit; a complete state split into parts is marked (see
 *       {@link StateMarker}). A resource alone over the limit is reported to {@link
 *       SenderEvents#oversized} and not sent; in a complete state it travels as a name-only entry
 *       (no body) so the peer keeps its copy instead of deleting it.
 *   <li>Meshes first: a mesh-scoped type's complete state waits for the Mesh complete state, and a
 *       changed resource waits until its Mesh has been sent (when this stream serves Meshes).
 * </ul>
 *
 * <p>Not thread-safe: the caller confines each instance to one thread or serial executor.
 */
public final class DeltaSender {

  private final Map<ResourceType, SenderTypeState> types = new LinkedHashMap<>();
  private final ResponseSplitter splitter;
  private final InstantSource clock;
  private final SenderEvents events;
  private long nextNonce;

  /**
   * Creates a sender.
   *
   * @param served the types this side serves; emitted in this order when several are ready
   * @param maxMessageBytes the largest response to emit
   * @param controlPlaneId stamped on every response ({@code control_plane.identifier})
   * @param clock source of in-flight timestamps
   * @param events listener for sends, ACKs, NACKs and oversized resources
   */
  public DeltaSender(
      Collection<ResourceType> served,
      int maxMessageBytes,
      String controlPlaneId,
      InstantSource clock,
      SenderEvents events) {
    served.stream()
        .sorted((a, b) -> Boolean.compare(a != ResourceTypes.MESH, b != ResourceTypes.MESH))
        .forEach(type -> types.put(type, new SenderTypeState(type)));
    this.splitter = new ResponseSplitter(maxMessageBytes, controlPlaneId);
    this.clock = clock;
    this.events = events;
  }

  /**
   * Replaces the desired state of one type (the resources as they go on the wire: already renamed
   * and labelled) and returns the responses that can be emitted now.
   */
  public List<DeltaDiscoveryResponse> onSnapshot(
      ResourceType type, Collection<io.meshforge.model.Resource> resources) {
    SenderTypeState state = types.get(type);
    if (state == null) {
      throw new IllegalArgumentException(type + " is not served on this stream");
    }
    TreeMap<String, Resource> desired = new TreeMap<>();
    Map<io.meshforge.model.ResourceKey, WireCopy> encoded = new HashMap<>();
    for (io.meshforge.model.Resource resource : resources) {
      // Encoding (canonical JSON and its hash) is the costly part of a snapshot, and a snapshot
      // repeats every unchanged resource: one changed Dataplane among a thousand re-encoded all.
      // An equal source gives the same bytes, so its last encoding is reused.
      WireCopy last = state.encoded.get(resource.key());
      WireCopy copy =
          last != null && (last.source() == resource || last.source().equals(resource))
              ? last
              : new WireCopy(resource, KdsEnvelope.toWire(resource));
      encoded.put(resource.key(), copy);
      desired.put(copy.wire().getName(), copy.wire());
    }
    state.encoded = encoded;
    state.desired = desired;
    state.dirty = true;
    return pump();
  }

  /**
   * Handles a request from the peer: a subscription (no nonce), an ACK, or a NACK ({@code
   * error_detail} set). Returns the responses that can be emitted now.
   */
  public List<DeltaDiscoveryResponse> onRequest(DeltaDiscoveryRequest request) {
    Optional<SenderTypeState> found = KdsTypeUrls.resolve(request.getTypeUrl()).map(types::get);
    if (found.isEmpty()) {
      events.unknownType(request.getTypeUrl());
      return List.of();
    }
    SenderTypeState state = found.get();
    String nonce = request.getResponseNonce();
    if (nonce.isEmpty()) {
      state.subscribed = true;
    } else if (nonce.equals(state.inFlightNonce)) {
      state.inFlightNonce = null;
      state.inFlightSince = null;
      restartClocksBehind(state.inFlightOrder);
      if (request.hasErrorDetail()) {
        events.nacked(state.type, nonce, request.getErrorDetail().getMessage());
      } else {
        events.acked(state.type, nonce);
      }
    } // else: a stale or replayed nonce, nothing is waiting for it
    return pump();
  }

  /**
   * Returns the earliest ACK clock start among the responses not answered yet, if one is
   * outstanding; the transport closes the stream once it is older than the ACK deadline.
   *
   * <p>A response's ACK clock starts when it is emitted and restarts each time the peer answers
   * (ACK or NACK) a response emitted before it. The peer receives and answers responses in emission
   * order (one stream, read one message at a time), so a response waits for everything emitted
   * before it: after a connect every type's first part is emitted at once, and over a slow link the
   * last of them arrives many seconds later. Timing it from emission would measure that queue, not
   * the peer, and close a healthy stream whenever the state exceeds deadline × bandwidth, forever
   * (each reconnect resends the same complete states). Timing it from the hand-over to gRPC would
   * not help: gRPC takes whole responses as long as the HTTP/2 window (1 MiB by default) has room,
   * which is 16 s of a 64 KB/s link. Restarting at answers measures what the deadline is about: how
   * long the peer takes to answer one response once those ahead of it were answered.
   *
   * <p>A peer that answers nothing (a stalled reader) restarts no clock: the oldest outstanding
   * response expires one deadline after its emission or after the last answer, whichever is later,
   * whether it waits in our outbound queue, in gRPC, or at the peer. Answers to responses emitted
   * later do not restart a clock, so a response the peer skipped is still caught. The price: one
   * response must cross the link (and be committed by the peer) within the deadline, so the
   * deadline must exceed the largest response over the slowest link.
   */
  public Optional<Instant> oldestUnackedSince() {
    return types.values().stream()
        .map(s -> s.inFlightSince)
        .filter(java.util.Objects::nonNull)
        .min(Instant::compareTo);
  }

  /** The peer answered the response emitted as {@code answered}: later ones are now ahead. */
  private void restartClocksBehind(long answered) {
    Instant now = clock.instant();
    for (SenderTypeState other : types.values()) {
      if (other.inFlightNonce != null && other.inFlightOrder > answered) {
        other.inFlightSince = now;
      }
    }
  }

  private List<DeltaDiscoveryResponse> pump() {
    List<DeltaDiscoveryResponse> out = new ArrayList<>();
    for (SenderTypeState state : types.values()) {
      if (!state.subscribed || state.desired == null || state.inFlightNonce != null) {
        continue;
      }
      if (state.queued.isEmpty()) {
        plan(state);
      }
      DeltaDiscoveryResponse next = state.queued.poll();
      if (next != null) {
        out.add(emit(state, next));
      }
    }
    return out;
  }

  private void plan(SenderTypeState state) {
    if (!state.completePlanned) {
      if (waitsForMeshes(state)) {
        return;
      }
      planComplete(state);
    } else if (state.dirty) {
      planDelta(state);
    }
    if (state.type == ResourceTypes.MESH) {
      // resources held back for want of their Mesh get another chance
      types.values().stream().filter(s -> s.type.meshScoped()).forEach(s -> s.dirty = true);
    }
  }

  private boolean waitsForMeshes(SenderTypeState state) {
    SenderTypeState meshes = types.get(ResourceTypes.MESH);
    return state.type.meshScoped() && meshes != null && !meshes.completeEmitted();
  }

  private void planComplete(SenderTypeState state) {
    int budget = splitter.budget(KdsTypeUrls.of(state.type));
    List<Resource> entries = new ArrayList<>();
    for (Resource resource : state.desired.values()) {
      state.peer.put(resource.getName(), resource.getVersion());
      if (fits(state, resource, budget)) {
        entries.add(resource);
      } else {
        // name only: "exists upstream, keep your copy" (Envoy's body-less resource)
        entries.add(Resource.newBuilder().setName(resource.getName()).build());
      }
    }
    state.queued.addAll(splitter.split(KdsTypeUrls.of(state.type), true, entries, List.of()));
    state.completePlanned = true;
    state.dirty = false;
  }

  private void planDelta(SenderTypeState state) {
    int budget = splitter.budget(KdsTypeUrls.of(state.type));
    List<Resource> changed = new ArrayList<>();
    for (Resource resource : state.desired.values()) {
      String name = resource.getName();
      if (resource.getVersion().equals(state.peer.get(name)) || !meshSent(state, name)) {
        continue;
      }
      state.peer.put(name, resource.getVersion());
      if (fits(state, resource, budget)) {
        changed.add(resource);
      }
    }
    List<String> removed =
        state.peer.keySet().stream().filter(k -> !state.desired.containsKey(k)).sorted().toList();
    removed.forEach(state.peer::remove);
    state.dirty = false;
    if (!changed.isEmpty() || !removed.isEmpty()) {
      state.queued.addAll(splitter.split(KdsTypeUrls.of(state.type), false, changed, removed));
    }
  }

  /** Whether the Mesh of a mesh-scoped resource has been sent (always true when not served). */
  private boolean meshSent(SenderTypeState state, String deltaKey) {
    SenderTypeState meshes = types.get(ResourceTypes.MESH);
    if (!state.type.meshScoped() || meshes == null) {
      return true;
    }
    String mesh = DeltaKey.parse(state.type, deltaKey).mesh();
    return meshes.peer.containsKey(DeltaKey.of(ResourceKey.global(ResourceTypes.MESH, mesh)));
  }

  private boolean fits(SenderTypeState state, Resource resource, int budget) {
    int cost = ResponseSplitter.cost(resource);
    if (cost <= budget) {
      return true;
    }
    events.oversized(state.type, resource.getName(), cost, budget);
    return false;
  }

  private DeltaDiscoveryResponse emit(SenderTypeState state, DeltaDiscoveryResponse planned) {
    String nonce = "n-" + ++nextNonce;
    DeltaDiscoveryResponse response = planned.toBuilder().setNonce(nonce).build();
    state.inFlightNonce = nonce;
    state.inFlightOrder = nextNonce;
    state.inFlightSince = clock.instant();
    events.sent(
        state.type, nonce, response.getResourcesCount(), response.getRemovedResourcesCount());
    return response;
  }
}
