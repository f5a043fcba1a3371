package io.meshforge.kds.sync;

import static io.meshforge.kds.Fixtures.inMesh;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.rpc.Status;
import io.envoyproxy.envoy.service.discovery.v3.DeltaDiscoveryRequest;
import io.envoyproxy.envoy.service.discovery.v3.DeltaDiscoveryResponse;
import io.meshforge.model.ResourceType;
import io.meshforge.model.ResourceTypes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The ACK clock of a response runs from the later of its emission and the last answer to a response
 * emitted before it ({@link DeltaSender#oldestUnackedSince}).
 */
class DeltaSenderAckClockTest {

  private static final List<ResourceType> TYPES =
      List.of(
          ResourceTypes.MESH_TIMEOUT, ResourceTypes.MESH_RETRY, ResourceTypes.MESH_CIRCUIT_BREAKER);
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private Instant now = T0;
  private final DeltaSender sender =
      new DeltaSender(TYPES, 1 << 20, "global", () -> now, SenderEvents.NONE);

  /** Subscribes every type and gives each a one-resource state: one response per type at T0. */
  private List<DeltaDiscoveryResponse> emitOnePerType() {
    List<DeltaDiscoveryResponse> out = new ArrayList<>();
    for (ResourceType type : TYPES) {
      sender.onRequest(DeltaDiscoveryRequest.newBuilder().setTypeUrl(type.name()).build());
      out.addAll(sender.onSnapshot(type, List.of(inMesh(type, "m", "a", Map.of(), "{}"))));
    }
    assertThat(out).hasSize(TYPES.size());
    return out;
  }

  private static DeltaDiscoveryRequest answer(DeltaDiscoveryResponse response, boolean nack) {
    DeltaDiscoveryRequest.Builder request =
        DeltaDiscoveryRequest.newBuilder()
            .setTypeUrl(response.getTypeUrl())
            .setResponseNonce(response.getNonce());
    if (nack) {
      request.setErrorDetail(Status.newBuilder().setCode(3).setMessage("bad"));
    }
    return request.build();
  }

  private void advance(int seconds) {
    now = now.plus(Duration.ofSeconds(seconds));
  }

  @ParameterizedTest(name = "answer #{0} (nack={1}) at +5 s: oldest clock at +{2} s")
  @CsvSource({
    // the first emitted: both later ones were behind it, their clocks restart
    "0, false, 5",
    "0, true, 5",
    // the second: the first is still unanswered, its clock keeps running
    "1, false, 0",
    // the last: nothing was behind it; the two before it were skipped and keep their clocks
    "2, false, 0",
  })
  void onRequest_answerAfterSomeTime_restartsOnlyTheClocksOfLaterResponses(
      int answered, boolean nack, int expectedOldest) {
    List<DeltaDiscoveryResponse> emitted = emitOnePerType();
    advance(5);

    sender.onRequest(answer(emitted.get(answered), nack));

    assertThat(sender.oldestUnackedSince()).contains(T0.plusSeconds(expectedOldest));
  }

  @Test
  void onRequest_staleNonce_restartsNoClock() {
    List<DeltaDiscoveryResponse> emitted = emitOnePerType();
    sender.onRequest(answer(emitted.getFirst(), false));
    advance(5);

    sender.onRequest(answer(emitted.getFirst(), false)); // replayed: nothing waits for it

    assertThat(sender.oldestUnackedSince()).contains(T0);
  }

  @Test
  void oldestUnackedSince_peerAnswersNothing_staysAtEmission() {
    emitOnePerType();

    advance(3_600);

    assertThat(sender.oldestUnackedSince()).contains(T0);
  }

  @Test
  void oldestUnackedSince_slowLinkAnswersEvery3s_neverOlderThanOneAnswerGap() {
    List<DeltaDiscoveryResponse> emitted = emitOnePerType();

    // Each response takes 3 s to cross the link behind the one before it: the last is answered 9 s
    // after its emission, yet the peer never made us wait more than 3 s for an answer.
    for (DeltaDiscoveryResponse response : emitted) {
      advance(3);
      assertThat(sender.oldestUnackedSince()).contains(now.minusSeconds(3));
      sender.onRequest(answer(response, false));
    }

    assertThat(sender.oldestUnackedSince()).isEmpty();
  }

  @Test
  void oldestUnackedSince_answerEmitsTheNextPart_newPartClockStartsAtItsEmission() {
    List<DeltaDiscoveryResponse> emitted = emitOnePerType();
    advance(4);
    sender.onRequest(answer(emitted.getFirst(), false));
    advance(1);

    // a new state for the first type: emitted now, behind the two still outstanding
    List<DeltaDiscoveryResponse> next =
        sender.onSnapshot(
            TYPES.getFirst(), List.of(inMesh(TYPES.getFirst(), "m", "a", Map.of(), "{\"v\":1}")));
    assertThat(next).hasSize(1);
    advance(1);
    sender.onRequest(answer(emitted.get(1), false));

    // the third was restarted at +4 s (first answered) and +6 s (second answered); the new one,
    // emitted at +5 s, was behind the second too
    assertThat(sender.oldestUnackedSince()).contains(T0.plusSeconds(6));
  }
}
