package io.meshforge.kds.sync;

import static io.meshforge.kds.Fixtures.mesh;
import static io.meshforge.kds.Fixtures.timeout;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.rpc.Status;
import io.envoyproxy.envoy.service.discovery.v3.DeltaDiscoveryRequest;
import io.envoyproxy.envoy.service.discovery.v3.DeltaDiscoveryResponse;
import io.envoyproxy.envoy.service.discovery.v3.Resource;
import io.meshforge.model.ResourceType;
import io.meshforge.model.ResourceTypes;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class DeltaSenderTest {

  private static final ResourceType MT = ResourceTypes.MESH_TIMEOUT;
  private static final ResourceType MR = ResourceTypes.MESH_RETRY;

  private final List<String> oversized = new ArrayList<>();
  private final SenderEvents events =
      new SenderEvents() {
        @Override
        public void oversized(ResourceType type, String deltaKey, int bytes, int limit) {
          oversized.add(type + "/" + deltaKey);
        }
      };

  private DeltaSender sender(List<ResourceType> types, int maxBytes) {
    return new DeltaSender(types, maxBytes, "global", InstantSource.fixed(Instant.EPOCH), events);
  }

  private static DeltaDiscoveryRequest subscribe(ResourceType type) {
    return DeltaDiscoveryRequest.newBuilder().setTypeUrl(type.name()).build();
  }

  private static DeltaDiscoveryRequest ack(DeltaDiscoveryResponse response) {
    return DeltaDiscoveryRequest.newBuilder()
        .setTypeUrl(response.getTypeUrl())
        .setResponseNonce(response.getNonce())
        .build();
  }

  private static DeltaDiscoveryRequest nack(DeltaDiscoveryResponse response) {
    return ack(response).toBuilder()
        .setErrorDetail(Status.newBuilder().setCode(3).setMessage("bad"))
        .build();
  }

  private static List<String> names(DeltaDiscoveryResponse response) {
    return response.getResourcesList().stream().map(Resource::getName).toList();
  }

  private static io.meshforge.model.Resource mt(String name, String spec) {
    return timeout("m", name, Map.of(), spec);
  }

  @Test
  void onRequest_subscribedBeforeSnapshot_sendsNothingUntilStateKnown() {
    DeltaSender sender = sender(List.of(MT), 1 << 20);

    assertThat(sender.onRequest(subscribe(MT))).isEmpty();
    List<DeltaDiscoveryResponse> out = sender.onSnapshot(MT, List.of());

    assertThat(out).hasSize(1);
    assertThat(out.getFirst().getSystemVersionInfo()).isEqualTo("complete;part=1;of=1");
    assertThat(out.getFirst().getResourcesCount()).isZero();
  }

  @Test
  void onSnapshot_afterCompleteAcked_sendsOnlyChangesAndRemovals() {
    DeltaSender sender = sender(List.of(MT), 1 << 20);
    sender.onRequest(subscribe(MT));
    var first = sender.onSnapshot(MT, List.of(mt("a", "{}"), mt("b", "{}"), mt("c", "{}")));
    assertThat(names(first.getFirst())).containsExactly("a.m", "b.m", "c.m");
    sender.onRequest(ack(first.getFirst()));

    var next = sender.onSnapshot(MT, List.of(mt("a", "{}"), mt("b", "{\"x\":1}"), mt("d", "{}")));

    assertThat(next).hasSize(1);
    assertThat(next.getFirst().getSystemVersionInfo()).startsWith("delta;");
    assertThat(names(next.getFirst())).containsExactly("b.m", "d.m");
    assertThat(next.getFirst().getRemovedResourcesList()).containsExactly("c.m");
  }

  @Test
  void onSnapshot_whileUnacked_coalescesIntoOneResponseAfterAck() {
    DeltaSender sender = sender(List.of(MT), 1 << 20);
    sender.onRequest(subscribe(MT));
    var first = sender.onSnapshot(MT, List.of(mt("a", "{}")));

    assertThat(sender.onSnapshot(MT, List.of(mt("a", "{\"v\":1}")))).isEmpty();
    assertThat(sender.onSnapshot(MT, List.of(mt("a", "{\"v\":2}"), mt("b", "{}")))).isEmpty();
    assertThat(sender.oldestUnackedSince()).contains(Instant.EPOCH);
    var afterAck = sender.onRequest(ack(first.getFirst()));

    assertThat(afterAck).hasSize(1);
    assertThat(names(afterAck.getFirst())).containsExactly("a.m", "b.m");
  }

  @Test
  void onRequest_nack_notResentUntilResourceChanges() {
    DeltaSender sender = sender(List.of(MT), 1 << 20);
    sender.onRequest(subscribe(MT));
    var first = sender.onSnapshot(MT, List.of(mt("a", "{}")));
    sender.onRequest(ack(first.getFirst()));
    var bad = sender.onSnapshot(MT, List.of(mt("a", "{\"bad\":1}")));

    assertThat(sender.onRequest(nack(bad.getFirst()))).isEmpty();
    assertThat(sender.onSnapshot(MT, List.of(mt("a", "{\"bad\":1}")))).isEmpty();
    assertThat(sender.oldestUnackedSince()).isEmpty();
    var fixed = sender.onSnapshot(MT, List.of(mt("a", "{\"good\":1}")));

    assertThat(fixed).hasSize(1);
    assertThat(names(fixed.getFirst())).containsExactly("a.m");
  }

  @Test
  void onRequest_staleNonce_ignored() {
    DeltaSender sender = sender(List.of(MT), 1 << 20);
    sender.onRequest(subscribe(MT));
    var first = sender.onSnapshot(MT, List.of(mt("a", "{}")));
    sender.onSnapshot(MT, List.of(mt("a", "{\"v\":1}")));

    var replay = ack(first.getFirst()).toBuilder().setResponseNonce("n-999").build();

    assertThat(sender.onRequest(replay)).isEmpty();
    assertThat(sender.onRequest(ack(first.getFirst()))).hasSize(1);
  }

  @Test
  void onSnapshot_overLimit_splitsCompleteStateIntoMarkedPartsSentOnePerAck() {
    DeltaSender sender = sender(List.of(MT), 2_000);
    sender.onRequest(subscribe(MT));
    var resources =
        IntStream.range(0, 40)
            .mapToObj(i -> mt("policy-" + i, "{\"pad\":\"" + "x".repeat(100) + "\"}"))
            .toList();

    List<DeltaDiscoveryResponse> parts = new ArrayList<>(sender.onSnapshot(MT, resources));
    while (true) {
      DeltaDiscoveryResponse last = parts.getLast();
      assertThat(last.getSerializedSize()).isLessThanOrEqualTo(2_000);
      List<DeltaDiscoveryResponse> more = sender.onRequest(ack(last));
      if (more.isEmpty()) {
        break;
      }
      assertThat(more).hasSize(1);
      parts.addAll(more);
    }

    int total = parts.size();
    assertThat(total).isGreaterThan(1);
    assertThat(parts.stream().mapToInt(DeltaDiscoveryResponse::getResourcesCount).sum())
        .isEqualTo(40);
    for (int i = 0; i < total; i++) {
      assertThat(StateMarker.parse(parts.get(i).getSystemVersionInfo()))
          .isEqualTo(new StateMarker(true, i + 1, total));
    }
  }

  @Test
  void onSnapshot_oneResourceOverLimit_namedAndOthersStillSent() {
    DeltaSender sender = sender(List.of(MT, MR), 2_000);
    sender.onRequest(subscribe(MT));
    sender.onRequest(subscribe(MR));
    var huge = mt("huge", "{\"pad\":\"" + "x".repeat(5_000) + "\"}");

    var out = sender.onSnapshot(MT, List.of(huge, mt("small", "{}")));
    var retries =
        sender.onSnapshot(
            MR, List.of(io.meshforge.kds.Fixtures.inMesh(MR, "m", "r", Map.of(), "{\"ok\":true}")));

    assertThat(oversized).containsExactly("MeshTimeout/huge.m");
    assertThat(out).hasSize(1);
    Resource placeholder = out.getFirst().getResources(0);
    assertThat(placeholder.getName()).isEqualTo("huge.m");
    assertThat(placeholder.hasResource()).isFalse();
    assertThat(out.getFirst().getResources(1).getName()).isEqualTo("small.m");
    assertThat(out.getFirst().getResources(1).hasResource()).isTrue();
    assertThat(retries).hasSize(1);
    assertThat(names(retries.getFirst())).containsExactly("r.m");
  }

  @Test
  void onSnapshot_policiesBeforeMeshes_policyCompleteStateWaitsAndFollowsMeshes() {
    DeltaSender sender = sender(List.of(MT, ResourceTypes.MESH), 1 << 20);
    sender.onRequest(subscribe(MT));
    sender.onRequest(subscribe(ResourceTypes.MESH));

    assertThat(sender.onSnapshot(MT, List.of(mt("a", "{}")))).isEmpty();
    var out = sender.onSnapshot(ResourceTypes.MESH, List.of(mesh("m")));

    assertThat(out)
        .extracting(DeltaDiscoveryResponse::getTypeUrl)
        .containsExactly("Mesh", "MeshTimeout");
  }

  @Test
  void onSnapshot_policyInNewMeshWhileMeshUnacked_heldUntilMeshSent() {
    DeltaSender sender = sender(List.of(ResourceTypes.MESH, MT), 1 << 20);
    sender.onRequest(subscribe(ResourceTypes.MESH));
    sender.onRequest(subscribe(MT));
    sender.onSnapshot(MT, List.of());
    var complete = sender.onSnapshot(ResourceTypes.MESH, List.of(mesh("m")));
    assertThat(complete).hasSize(2);
    sender.onRequest(ack(complete.get(1)));

    assertThat(sender.onSnapshot(ResourceTypes.MESH, List.of(mesh("m"), mesh("n")))).isEmpty();
    var held = sender.onSnapshot(MT, List.of(timeout("n", "p", Map.of(), "{}")));
    var released = sender.onRequest(ack(complete.get(0)));

    assertThat(held).isEmpty();
    assertThat(released)
        .extracting(DeltaDiscoveryResponse::getTypeUrl)
        .containsExactly("Mesh", "MeshTimeout");
    assertThat(names(released.get(0))).containsExactly("n.");
    assertThat(names(released.get(1))).containsExactly("p.n");
  }

  @Test
  void onRequest_unknownType_ignored() {
    DeltaSender sender = sender(List.of(MT), 1 << 20);

    assertThat(sender.onRequest(subscribe(ResourceTypes.DATAPLANE))).isEmpty();
    assertThat(sender.onRequest(DeltaDiscoveryRequest.newBuilder().setTypeUrl("Bogus").build()))
        .isEmpty();
  }
}
