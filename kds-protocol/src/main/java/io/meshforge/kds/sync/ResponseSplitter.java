package io.meshforge.kds.sync;

import com.google.protobuf.CodedOutputStream;
import io.envoyproxy.envoy.config.core.v3.ControlPlane;
import io.envoyproxy.envoy.service.discovery.v3.DeltaDiscoveryResponse;
import io.envoyproxy.envoy.service.discovery.v3.Resource;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ResponseSplitter} packs upserts and removals into as few responses as fit under a message
 * limit, and stamps each with its {@link StateMarker}. Nonces are left empty: the sender assigns
 * them when a part is actually emitted.
 */
final class ResponseSplitter {

  /** Room kept for the nonce a part gets later (a decimal long plus a prefix). */
  private static final String WIDEST_NONCE = "n-" + Long.MAX_VALUE;

  private final int maxMessageBytes;
  private final String controlPlaneId;

  ResponseSplitter(int maxMessageBytes, String controlPlaneId) {
    this.maxMessageBytes = maxMessageBytes;
    this.controlPlaneId = controlPlaneId;
  }

  /** Returns how many bytes of resources and removals fit in one response of this type. */
  int budget(String typeUrl) {
    int envelope =
        DeltaDiscoveryResponse.newBuilder()
            .setTypeUrl(typeUrl)
            .setSystemVersionInfo(new StateMarker(true, 999_999_999, 999_999_999).format())
            .setNonce(WIDEST_NONCE)
            .setControlPlane(ControlPlane.newBuilder().setIdentifier(controlPlaneId))
            .build()
            .getSerializedSize();
    return maxMessageBytes - envelope;
  }

  /** Returns what one resource costs inside a response. */
  static int cost(Resource resource) {
    return CodedOutputStream.computeMessageSize(
        DeltaDiscoveryResponse.RESOURCES_FIELD_NUMBER, resource);
  }

  private static int cost(String removedName) {
    return CodedOutputStream.computeStringSize(
        DeltaDiscoveryResponse.REMOVED_RESOURCES_FIELD_NUMBER, removedName);
  }

  /**
   * Splits upserts and removals into parts; every resource must already fit alone ({@link
   * #budget}). Always returns at least one part, so an empty complete state is still sent.
   */
  List<DeltaDiscoveryResponse> split(
      String typeUrl, boolean complete, List<Resource> upserts, List<String> removed) {
    int budget = budget(typeUrl);
    List<DeltaDiscoveryResponse.Builder> parts = new ArrayList<>();
    DeltaDiscoveryResponse.Builder current = newPart(typeUrl);
    int used = 0;
    for (Resource resource : upserts) {
      int cost = cost(resource);
      if (used + cost > budget && used > 0) {
        parts.add(current);
        current = newPart(typeUrl);
        used = 0;
      }
      current.addResources(resource);
      used += cost;
    }
    for (String name : removed) {
      int cost = cost(name);
      if (used + cost > budget && used > 0) {
        parts.add(current);
        current = newPart(typeUrl);
        used = 0;
      }
      current.addRemovedResources(name);
      used += cost;
    }
    parts.add(current);
    List<DeltaDiscoveryResponse> out = new ArrayList<>(parts.size());
    for (int i = 0; i < parts.size(); i++) {
      StateMarker marker = new StateMarker(complete, i + 1, parts.size());
      out.add(parts.get(i).setSystemVersionInfo(marker.format()).build());
    }
    return out;
  }

  private DeltaDiscoveryResponse.Builder newPart(String typeUrl) {
    return DeltaDiscoveryResponse.newBuilder()
        .setTypeUrl(typeUrl)
        .setControlPlane(ControlPlane.newBuilder().setIdentifier(controlPlaneId));
  }
}
