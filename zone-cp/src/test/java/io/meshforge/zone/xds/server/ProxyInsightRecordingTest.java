package io.meshforge.zone.xds.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshforge.model.ResourceKey;
import io.meshforge.model.ResourceType;
import io.meshforge.model.ResourceTypes;
import io.meshforge.model.store.InMemoryResourceStore;
import io.meshforge.model.store.ResourceQuery;
import io.meshforge.zone.Resources;
import io.meshforge.zone.xds.ProxyId;
import io.meshforge.zone.xds.insight.DataplaneInsightRecorder;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/** Unit tests of {@link DataplaneInsightRecorder} choosing the insight type of each proxy kind. */
class ProxyInsightRecordingTest {

  private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

  private final InMemoryResourceStore store = new InMemoryResourceStore();
  private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

  static Stream<Arguments> proxies() {
    return Stream.of(
        Arguments.of(
            "type: Mesh\nname: default\n",
            "type: Dataplane\nmesh: default\nname: web-1\nnetworking: {address: 127.0.0.1, inbound: [{port: 80, tags: {kuma.io/service: web}}]}\n",
            new ProxyId("default", "web-1"),
            ResourceKey.inMesh(ResourceTypes.DATAPLANE_INSIGHT, "default", "web-1")),
        Arguments.of(
            "type: Mesh\nname: default\n",
            "type: ZoneIngress\nname: in-1\nnetworking: {address: 127.0.0.1, port: 10001}\n",
            new ProxyId("", "in-1"),
            ResourceKey.global(ResourceTypes.ZONE_INGRESS_INSIGHT, "in-1")),
        Arguments.of(
            "type: Mesh\nname: default\n",
            "type: ZoneEgress\nname: eg-1\nnetworking: {address: 127.0.0.1, port: 10002}\n",
            new ProxyId("", "eg-1"),
            ResourceKey.global(ResourceTypes.ZONE_EGRESS_INSIGHT, "eg-1")));
  }

  @ParameterizedTest
  @MethodSource("proxies")
  void record_streamOpenedThenClosed_writesTheProxysInsightWithBothTimesAndCounters(
      String mesh, String proxy, ProxyId id, ResourceKey expected) {
    store.create(Resources.yaml(mesh));
    store.create(Resources.yaml(proxy));
    ProxyStream stream = new ProxyStream(id, NOW.minusSeconds(30), status -> {});
    stream.sent(io.envoyproxy.controlplane.cache.Resources.V3.CLUSTER_TYPE_URL);
    stream.acked(io.envoyproxy.controlplane.cache.Resources.V3.CLUSTER_TYPE_URL);
    stream.nacked(io.envoyproxy.controlplane.cache.Resources.V3.LISTENER_TYPE_URL);

    try (DataplaneInsightRecorder recorder = new DataplaneInsightRecorder(store, "cp-1", clock)) {
      recorder.onStreamOpened(stream);
      recorder.onStreamClosed(stream);
    } // close() finishes the queued writes

    JsonNode subscriptions = store.get(expected).orElseThrow().spec().path("subscriptions");
    assertThat(subscriptions).hasSize(1);
    JsonNode subscription = subscriptions.get(0);
    assertThat(subscription.path("id").asString()).isEqualTo(stream.id());
    assertThat(subscription.path("controlPlaneInstanceId").asString()).isEqualTo("cp-1");
    assertThat(subscription.path("connectTime").asString()).isEqualTo("2026-03-01T09:59:30Z");
    assertThat(subscription.path("disconnectTime").asString()).isEqualTo("2026-03-01T10:00:00Z");
    assertThat(subscription.at("/status/cds/responsesAcknowledged").asLong()).isEqualTo(1);
    assertThat(subscription.at("/status/lds/responsesRejected").asLong()).isEqualTo(1);
    assertThat(subscription.at("/status/total/responsesSent").asLong()).isEqualTo(1);
    for (ResourceType other :
        new ResourceType[] {
          ResourceTypes.DATAPLANE_INSIGHT,
          ResourceTypes.ZONE_INGRESS_INSIGHT,
          ResourceTypes.ZONE_EGRESS_INSIGHT
        }) {
      if (other != expected.type()) {
        assertThat(store.list(ResourceQuery.all(other)).items()).as(other.name()).isEmpty();
      }
    }
  }

  @Test
  void record_meshlessProxyThatIsNoZoneProxy_writesNothing() {
    ProxyStream stream = new ProxyStream(new ProxyId("", "ghost"), NOW, status -> {});

    try (DataplaneInsightRecorder recorder = new DataplaneInsightRecorder(store, "cp-1", clock)) {
      recorder.onStreamOpened(stream);
    }

    assertThat(store.list(ResourceQuery.all(ResourceTypes.ZONE_INGRESS_INSIGHT)).items()).isEmpty();
    assertThat(store.list(ResourceQuery.all(ResourceTypes.ZONE_EGRESS_INSIGHT)).items()).isEmpty();
  }
}
