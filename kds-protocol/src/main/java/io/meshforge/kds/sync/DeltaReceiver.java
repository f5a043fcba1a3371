package io.meshforge.kds.sync;

import com.google.rpc.Status;
import io.envoyproxy.envoy.config.core.v3.Node;
import io.envoyproxy.envoy.service.discovery.v3.DeltaDiscoveryRequest;
import io.envoyproxy.envoy.service.discovery.v3.DeltaDiscoveryResponse;
import io.meshforge.kds.wire.DeltaKey;
import io.meshforge.kds.wire.KdsDecodingException;
import io.meshforge.kds.wire.KdsEnvelope;
import io.meshforge.kds.wire.KdsTypeUrls;
import io.meshforge.model.Resource;
import io.meshforge.model.ResourceKey;
import io.meshforge.model.ResourceType;
import io.meshforge.model.ResourceTypes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * {@code DeltaReceiver} is the subscribing side of one KDS delta stream (the zone on GlobalToZone,
 * global on ZoneToGlobal), as a pure state machine: each response becomes a {@link SyncBatch} and
 * the ACK/NACK to send after the batch is committed.
 *
 * <p>Rules:
 *
 * <ul>
 *   <li>Only subscribed types are accepted; a response of another type is NACKed whole.
 *   <li>Every received resource is first mapped ({@code attribution}: global stamps the
 *       authenticated zone), then must be in {@link SyncScope} and pass the validator; otherwise it
 *       is named in the NACK and the valid rest of the response is still in the batch.
 *   <li>Removals apply only to existing local resources in scope; naming one out of scope is a NACK
 *       (and nothing is deleted).
 *   <li>The last part of a complete state reconciles: local in-scope resources the complete state
 *       did not name are deleted. Invalid and name-only (oversized) entries count as named, so the
 *       last good local copy is kept.
 *   <li>References to resources that have not arrived yet are not checked here: that is the job of
 *       the sink's store, which must tolerate them.
 * </ul>
 *
 * <p>Not thread-safe: confine each instance to one thread or serial executor, and drop it when the
 * sink fails (the stream is reset).
 */
public final class DeltaReceiver {

  private static final int INVALID_ARGUMENT = 3;
  private static final int MAX_DETAIL_CHARS = 4_000;

  private final Map<ResourceType, Set<String>> completeSeen = new LinkedHashMap<>();
  private final SyncScope scope;
  private final ResourceValidator validator;
  private final UnaryOperator<Resource> attribution;
  private final Node node;

  /**
   * Creates a receiver.
   *
   * @param subscribed the types to ask for (Mesh is asked for first)
   * @param scope what the sender may touch on this side
   * @param validator checks each received resource
   * @param attribution applied to each received resource before scope and validation ({@link
   *     UnaryOperator#identity()} on the zone side, {@link ZoneAttribution} on global)
   * @param nodeId the zone name, sent as {@code node.id} on every request
   */
  public DeltaReceiver(
      Collection<ResourceType> subscribed,
      SyncScope scope,
      ResourceValidator validator,
      UnaryOperator<Resource> attribution,
      String nodeId) {
    subscribed.stream()
        .sorted((a, b) -> Boolean.compare(a != ResourceTypes.MESH, b != ResourceTypes.MESH))
        .forEach(type -> completeSeen.put(type, null));
    this.scope = scope;
    this.validator = validator;
    this.attribution = attribution;
    this.node = Node.newBuilder().setId(nodeId).build();
  }

  /** Returns the initial requests, one per subscribed type, Mesh first. */
  public List<DeltaDiscoveryRequest> subscriptions() {
    return completeSeen.keySet().stream()
        .map(type ->
            DeltaDiscoveryRequest.newBuilder()
                .setNode(node)
                .setTypeUrl(KdsTypeUrls.of(type))
                .addResourceNamesSubscribe("*")
                .build())
        .toList();
  }

  /** Turns one response into a batch and its reply. */
  public ReceivedResponse onResponse(DeltaDiscoveryResponse response, LocalView local) {
    Optional<ResourceType> type =
        KdsTypeUrls.resolve(response.getTypeUrl()).filter(completeSeen::containsKey);
    if (type.isEmpty()) {
      return rejectWhole(response, "type '" + response.getTypeUrl() + "' was not requested");
    }
    StateMarker marker;
    try {
      marker = StateMarker.parse(response.getSystemVersionInfo());
    } catch (IllegalArgumentException e) {
      return rejectWhole(response, e.getMessage());
    }
    return new ResponseReading(type.get(), marker, response, local).read();
  }

  private ReceivedResponse rejectWhole(DeltaDiscoveryResponse response, String problem) {
    SyncBatch empty =
        new SyncBatch(ResourceTypes.MESH, List.of(), List.of(), false); // type irrelevant: empty
    return new ReceivedResponse(empty, reply(response, List.of(problem)));
  }

  private DeltaDiscoveryRequest reply(DeltaDiscoveryResponse response, List<String> problems) {
    DeltaDiscoveryRequest.Builder reply =
        DeltaDiscoveryRequest.newBuilder()
            .setNode(node)
            .setTypeUrl(response.getTypeUrl())
            .setResponseNonce(response.getNonce());
    if (!problems.isEmpty()) {
      String detail = String.join("; ", problems);
      if (detail.length() > MAX_DETAIL_CHARS) {
        detail = detail.substring(0, MAX_DETAIL_CHARS) + "... (" + problems.size() + " problems)";
      }
      reply.setErrorDetail(Status.newBuilder().setCode(INVALID_ARGUMENT).setMessage(detail));
    }
    return reply.build();
  }

  /** One response being read; holds the per-response scratch state. */
  private final class ResponseReading {
    private final ResourceType type;
    private final StateMarker marker;
    private final DeltaDiscoveryResponse response;
    private final LocalView local;
    private final Map<ResourceKey, Resource> upserts = new LinkedHashMap<>();
    private final List<ResourceKey> deletes = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();
    private final Set<String> named = new HashSet<>();

    ResponseReading(
        ResourceType type, StateMarker marker, DeltaDiscoveryResponse response, LocalView local) {
      this.type = type;
      this.marker = marker;
      this.response = response;
      this.local = local;
    }

    ReceivedResponse read() {
      if (marker.complete() && marker.part() == 1) {
        completeSeen.put(type, new HashSet<>());
      }
      response.getResourcesList().forEach(this::readResource);
      response.getRemovedResourcesList().forEach(this::readRemoval);
      boolean reconcile = marker.complete() && marker.last();
      if (marker.complete() && completeSeen.get(type) == null) {
        // parts arrive in order on one stream; without part 1 the names seen are partial
        problems.add("complete state part " + marker.part() + " without part 1: not reconciled");
        reconcile = false;
      }
      if (reconcile) {
        reconcile();
      } else if (marker.complete() && completeSeen.get(type) != null) {
        completeSeen.get(type).addAll(named);
      }
      SyncBatch batch = new SyncBatch(type, List.copyOf(upserts.values()), deletes, reconcile);
      return new ReceivedResponse(batch, reply(response, problems));
    }

    private void readResource(io.envoyproxy.envoy.service.discovery.v3.Resource wire) {
      String name = wire.getName();
      if (!named.add(name)) {
        problems.add(name + ": listed twice");
        return;
      }
      if (!wire.hasResource()) {
        return; // name only: exists upstream but was not sent (oversized); keep the local copy
      }
      Resource received;
      try {
        received = attribution.apply(KdsEnvelope.fromWire(type, wire));
      } catch (KdsDecodingException e) {
        problems.add(e.getMessage());
        return;
      }
      if (!scope.contains(received)) {
        problems.add(name + ": outside the sender's scope");
        return;
      }
      if (overwritesOutOfScope(received)) {
        problems.add(name + ": would overwrite a resource outside the sender's scope");
        return;
      }
      List<String> invalid = validator.validate(received);
      if (!invalid.isEmpty()) {
        problems.add(name + ": " + String.join(", ", invalid));
        return;
      }
      upserts.put(received.key(), received);
    }

    /**
     * Whether an upsert lands on an existing resource the sender does not own: attribution makes
     * every received resource look like the sender's, so without this a zone naming another zone's
     * copy (or a global policy) by its key would take it over, and could then delete it. Mesh is
     * exempt: on a zone, global's Mesh always wins (zones cannot create Meshes; the zone's sink
     * applies the same exception), and global never subscribes to Meshes from zones.
     */
    private boolean overwritesOutOfScope(Resource received) {
      if (received.type() == ResourceTypes.MESH) {
        return false;
      }
      Optional<Resource> existing = local.get(received.key());
      return existing.isPresent() && !scope.contains(existing.get());
    }

    private void readRemoval(String name) {
      ResourceKey key;
      try {
        key = DeltaKey.parse(type, name);
      } catch (IllegalArgumentException e) {
        problems.add(name + ": " + e.getMessage());
        return;
      }
      if (upserts.containsKey(key)) {
        return; // removed and re-added in one response: an update
      }
      Optional<Resource> existing = local.get(key);
      if (existing.isEmpty()) {
        return;
      }
      if (!scope.contains(existing.get())) {
        problems.add(name + ": removal outside the sender's scope");
        return;
      }
      deletes.add(key);
    }

    private void reconcile() {
      Set<String> seen = completeSeen.get(type);
      seen.addAll(named);
      for (Resource existing : local.list(type)) {
        if (scope.contains(existing) && !seen.contains(DeltaKey.of(existing.key()))) {
          deletes.add(existing.key());
        }
      }
      completeSeen.put(type, null);
    }
  }
}
