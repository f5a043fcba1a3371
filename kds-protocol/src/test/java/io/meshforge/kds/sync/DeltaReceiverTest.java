package io.meshforge.kds.sync;

import static io.meshforge.kds.Fixtures.timeout;
import static org.assertj.core.api.Assertions.assertThat;

import io.envoyproxy.envoy.service.discovery.v3.DeltaDiscoveryResponse;
import io.envoyproxy.envoy.service.discovery.v3.Resource;
import io.meshforge.kds.MapStore;
import io.meshforge.kds.wire.KdsEnvelope;
import io.meshforge.model.ResourceKey;
import io.meshforge.model.ResourceType;
import io.meshforge.model.ResourceTypes;
import io.meshforge.model.WellKnownLabels;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DeltaReceiverTest {

  private static final ResourceType MT = ResourceTypes.MESH_TIMEOUT;
  private static final Map<String, String> EAST =
      Map.of(WellKnownLabels.ORIGIN, "zone", WellKnownLabels.ZONE, "east");
  private static final Map<String, String> WEST =
      Map.of(WellKnownLabels.ORIGIN, "zone", WellKnownLabels.ZONE, "west");
  private static final Map<String, String> GLOBAL = Map.of(WellKnownLabels.ORIGIN, "global");

  private final MapStore store = new MapStore();

  /** Global's receiver for zone east. */
  private DeltaReceiver onGlobal(ResourceValidator validator) {
    return new DeltaReceiver(
        List.of(MT), SyncScope.ofZone("east"), validator, new ZoneAttribution("east"), "east");
  }

  /** Zone east's receiver for global. */
  private DeltaReceiver onZone() {
    return new DeltaReceiver(
        List.of(MT),
        SyncScope.globalOrigin(),
        ResourceValidator.ACCEPT_ALL,
        UnaryOperator.identity(),
        "east");
  }

  private static DeltaDiscoveryResponse response(
      String marker, List<io.meshforge.model.Resource> upserts, String... removed) {
    return DeltaDiscoveryResponse.newBuilder()
        .setTypeUrl(MT.name())
        .setNonce("n-1")
        .setSystemVersionInfo(marker)
        .addAllResources(upserts.stream().map(KdsEnvelope::toWire).toList())
        .addAllRemovedResources(Arrays.asList(removed))
        .build();
  }

  private ReceivedResponse receive(DeltaReceiver receiver, DeltaDiscoveryResponse response) {
    ReceivedResponse received = receiver.onResponse(response, store);
    store.apply(received.batch());
    return received;
  }

  @Test
  void subscriptions_oneWildcardRequestPerTypeMeshFirst() {
    DeltaReceiver receiver =
        new DeltaReceiver(
            List.of(MT, ResourceTypes.MESH),
            SyncScope.globalOrigin(),
            ResourceValidator.ACCEPT_ALL,
            UnaryOperator.identity(),
            "east");

    assertThat(receiver.subscriptions())
        .extracting(r ->
            r.getTypeUrl() + ":" + r.getResourceNamesSubscribeList() + ":" + r.getNode().getId())
        .containsExactly("Mesh:[*]:east", "MeshTimeout:[*]:east");
  }

  @Test
  void onResponse_completeOnGlobal_deletesOnlyAbsentResourcesOfConnectedZone() {
    store.put(timeout("m", "stale-east", EAST, "{}"));
    store.put(timeout("m", "kept-west", WEST, "{}"));
    store.put(timeout("m", "kept-global", GLOBAL, "{}"));

    ReceivedResponse received =
        receive(
            onGlobal(ResourceValidator.ACCEPT_ALL),
            response("complete;part=1;of=1", List.of(timeout("m", "fresh", EAST, "{}"))));

    assertThat(received.nack()).isFalse();
    assertThat(received.batch().reconcile()).isTrue();
    assertThat(store.snapshot().keySet())
        .extracting(ResourceKey::name)
        .containsExactlyInAnyOrder("fresh", "kept-west", "kept-global");
  }

  @Test
  void onResponse_completeOnZone_neverDeletesZoneOwnResources() {
    store.put(timeout("m", "own", Map.of(), "{}"));
    store.put(timeout("m", "own-labelled", EAST, "{}"));
    store.put(timeout("m", "stale-copy", GLOBAL, "{}"));

    receive(onZone(), response("complete;part=1;of=1", List.of()));

    assertThat(store.snapshot().keySet())
        .extracting(ResourceKey::name)
        .containsExactlyInAnyOrder("own", "own-labelled");
  }

  @Test
  void onResponse_completeInParts_deletesOnlyAfterLastPart() {
    store.put(timeout("m", "a", GLOBAL, "{}"));
    store.put(timeout("m", "b", GLOBAL, "{}"));
    store.put(timeout("m", "stale", GLOBAL, "{}"));
    DeltaReceiver receiver = onZone();

    ReceivedResponse part1 =
        receive(
            receiver, response("complete;part=1;of=2", List.of(timeout("m", "a", GLOBAL, "{}"))));
    assertThat(part1.batch().deletes()).isEmpty();
    assertThat(store.snapshot()).hasSize(3);
    ReceivedResponse part2 =
        receive(
            receiver, response("complete;part=2;of=2", List.of(timeout("m", "b", GLOBAL, "{}"))));

    assertThat(part2.batch().deletes()).extracting(ResourceKey::name).containsExactly("stale");
    assertThat(store.snapshot().keySet()).extracting(ResourceKey::name).containsOnly("a", "b");
  }

  @Test
  void onResponse_invalidResource_nackNamesItAndValidRestApplied() {
    ResourceValidator rejectBad =
        r -> r.spec().has("bad") ? List.of("spec.bad: not allowed") : List.of();

    ReceivedResponse received =
        receive(
            onGlobal(rejectBad),
            response(
                "complete;part=1;of=1",
                List.of(
                    timeout("m", "good", EAST, "{}"), timeout("m", "evil", EAST, "{\"bad\":1}"))));

    assertThat(received.nack()).isTrue();
    assertThat(received.reply().getErrorDetail().getMessage())
        .contains("evil.m")
        .contains("spec.bad")
        .doesNotContain("good.m");
    assertThat(received.reply().getResponseNonce()).isEqualTo("n-1");
    assertThat(received.batch().upserts()).extracting(r -> r.name()).containsExactly("good");
  }

  @Test
  void onResponse_invalidInCompleteState_lastGoodLocalCopyKept() {
    store.put(timeout("m", "evil", EAST, "{}"));
    ResourceValidator rejectBad = r -> r.spec().has("bad") ? List.of("bad") : List.of();

    receive(
        onGlobal(rejectBad),
        response("complete;part=1;of=1", List.of(timeout("m", "evil", EAST, "{\"bad\":1}"))));

    assertThat(store.get(ResourceKey.inMesh(MT, "m", "evil"))).isPresent();
  }

  @Test
  void onResponse_payloadClaimsOtherZone_attributedToAuthenticatedZone() {
    ReceivedResponse received =
        receive(
            onGlobal(ResourceValidator.ACCEPT_ALL),
            response(
                "complete;part=1;of=1",
                List.of(timeout("m", "x", Map.of(WellKnownLabels.ZONE, "west"), "{}"))));

    assertThat(received.nack()).isFalse();
    assertThat(received.batch().upserts().getFirst().labels())
        .containsEntry(WellKnownLabels.ZONE, "east")
        .containsEntry(WellKnownLabels.ORIGIN, "zone");
  }

  @Test
  void onResponse_removalOfAnotherZonesResource_nackAndNothingDeleted() {
    DeltaReceiver receiver = onGlobal(ResourceValidator.ACCEPT_ALL);
    receive(receiver, response("complete;part=1;of=1", List.of()));
    store.put(timeout("m", "west-svc", WEST, "{}"));
    store.put(timeout("m", "global-pol", GLOBAL, "{}"));

    ReceivedResponse received =
        receive(receiver, response("delta;part=1;of=1", List.of(), "west-svc.m", "global-pol.m"));

    assertThat(received.nack()).isTrue();
    assertThat(received.batch().deletes()).isEmpty();
    assertThat(store.snapshot()).hasSize(2);
  }

  /** S4: a zone naming another zone's copy or a global policy by its key cannot take it over. */
  @ParameterizedTest
  @ValueSource(strings = {"west", "global"})
  void onResponse_upsertOnAKeyAnotherOwnerHolds_nackedAndTheResourceKeepsItsOwner(String holder) {
    DeltaReceiver receiver = onGlobal(ResourceValidator.ACCEPT_ALL);
    receive(receiver, response("complete;part=1;of=1", List.of()));
    io.meshforge.model.Resource theirs =
        timeout("m", "theirs", holder.equals("west") ? WEST : GLOBAL, "{}");
    store.put(theirs);

    ReceivedResponse overwrite =
        receive(
            receiver, response("delta;part=1;of=1", List.of(timeout("m", "theirs", EAST, "{}"))));
    ReceivedResponse reconcile = receive(receiver, response("complete;part=1;of=1", List.of()));

    assertThat(overwrite.nack()).isTrue();
    assertThat(overwrite.batch().upserts()).isEmpty();
    assertThat(reconcile.batch().deletes()).isEmpty();
    assertThat(store.get(theirs.key()).orElseThrow().labels()).isEqualTo(theirs.labels());
  }

  @Test
  void onResponse_zoneReceivesCopyNotOfGlobalOrigin_rejectedAsOutOfScope() {
    ReceivedResponse received =
        receive(onZone(), response("delta;part=1;of=1", List.of(timeout("m", "x", EAST, "{}"))));

    assertThat(received.nack()).isTrue();
    assertThat(received.batch().upserts()).isEmpty();
  }

  @Test
  void onResponse_deltaAfterComplete_upsertsAndRemovesWithoutReconcile() {
    DeltaReceiver receiver = onZone();
    receive(
        receiver,
        response(
            "complete;part=1;of=1",
            List.of(timeout("m", "a", GLOBAL, "{}"), timeout("m", "b", GLOBAL, "{}"))));
    store.put(timeout("m", "c", GLOBAL, "{}"));

    ReceivedResponse delta =
        receive(
            receiver,
            response("delta;part=1;of=1", List.of(timeout("m", "a", GLOBAL, "{\"v\":2}")), "b.m"));

    assertThat(delta.batch().reconcile()).isFalse();
    assertThat(store.snapshot().keySet()).extracting(ResourceKey::name).containsOnly("a", "c");
    assertThat(store.get(ResourceKey.inMesh(MT, "m", "a")).orElseThrow().spec().has("v")).isTrue();
  }

  @Test
  void onResponse_unrequestedType_nackWholeAndEmptyBatch() {
    DeltaDiscoveryResponse dataplanes =
        response("complete;part=1;of=1", List.of()).toBuilder().setTypeUrl("Mesh").build();

    ReceivedResponse received = receive(onZone(), dataplanes);

    assertThat(received.nack()).isTrue();
    assertThat(received.reply().getErrorDetail().getMessage()).contains("not requested");
    assertThat(received.batch().isEmpty()).isTrue();
  }

  @Test
  void onResponse_duplicateNamesAndGarbage_nackedWithoutFailing() {
    Resource wire = KdsEnvelope.toWire(timeout("m", "a", GLOBAL, "{}"));
    DeltaDiscoveryResponse response =
        response("delta;part=1;of=1", List.of()).toBuilder()
            .addResources(wire)
            .addResources(wire)
            .addResources(
                Resource.newBuilder()
                    .setName("junk.m")
                    .setResource(
                        com.google.protobuf.Any.newBuilder()
                            .setTypeUrl("x/y")
                            .setValue(com.google.protobuf.ByteString.copyFromUtf8("\u0001\u0002"))))
            .addRemovedResources("nodot")
            .build();

    ReceivedResponse received = receive(onZone(), response);

    assertThat(received.reply().getErrorDetail().getMessage())
        .contains("a.m: listed twice")
        .contains("junk.m")
        .contains("nodot");
    assertThat(received.batch().upserts()).hasSize(1);
  }

  @Test
  void onResponse_lastPartWithoutFirst_notReconciled() {
    store.put(timeout("m", "keep", GLOBAL, "{}"));

    ReceivedResponse received = receive(onZone(), response("complete;part=2;of=2", List.of()));

    assertThat(received.nack()).isTrue();
    assertThat(store.snapshot()).hasSize(1);
  }
}
