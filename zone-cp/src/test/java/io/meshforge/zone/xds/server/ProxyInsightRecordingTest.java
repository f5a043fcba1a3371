package io.meshforge.zone.xds.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.envoyproxy.envoy.config.core.v3.Node;
import io.meshforge.ca.BuiltinBackend;
import io.meshforge.ca.LeafCertificateIssuer;
import io.meshforge.ca.LeafSettings;
import io.meshforge.ca.MeshCa;
import io.meshforge.ca.MeshCaGenerator;
import io.meshforge.ca.WorkloadCertificate;
import io.meshforge.ca.WorkloadIdentity;
import io.meshforge.model.Resource;
import io.meshforge.model.ResourceKey;
import io.meshforge.model.ResourceType;
import io.meshforge.model.ResourceTypes;
import io.meshforge.model.store.InMemoryResourceStore;
import io.meshforge.model.store.ResourceQuery;
import io.meshforge.zone.Resources;
import io.meshforge.zone.xds.ProxyId;
import io.meshforge.zone.xds.insight.DataplaneInsightRecorder;
import io.meshforge.zone.xds.insight.ProxyInsights;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Unit tests of {@link DataplaneInsightRecorder}: the insight type of each proxy kind, the Envoy
 * version of each subscription, the certificate in {@code mTLS}, and insights deleted with their
 * proxy staying deleted.
 */
class ProxyInsightRecordingTest {

  private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
  private static final Duration DEADLINE = Duration.ofSeconds(10);

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
  void flush_openStreamWhoseCountersMoved_writesThemWhileConnectedAndIdleOnesNot() {
    store.create(Resources.yaml("type: Mesh\nname: default\n"));
    store.create(Resources.yaml(DATAPLANE));
    ProxyStream stream = new ProxyStream(WEB_1, NOW, status -> {});
    String cds = io.envoyproxy.controlplane.cache.Resources.V3.CLUSTER_TYPE_URL;

    try (DataplaneInsightRecorder recorder =
        new DataplaneInsightRecorder(store, "cp-1", clock, Duration.ofMillis(20))) {
      recorder.onStreamOpened(stream);
      await().atMost(DEADLINE).until(() -> store.get(WEB_1_INSIGHT).isPresent());

      stream.sent(cds);
      stream.acked(cds);
      await()
          .atMost(DEADLINE)
          .until(() -> subscription().at("/status/cds/responsesAcknowledged").asLong() == 1);
      assertThat(subscription().has("disconnectTime")).isFalse();

      // Nothing moves: ten flush intervals write nothing.
      long version = store.get(WEB_1_INSIGHT).orElseThrow().version();
      await()
          .during(Duration.ofMillis(200))
          .atMost(DEADLINE)
          .until(() -> store.get(WEB_1_INSIGHT).orElseThrow().version() == version);

      recorder.onStreamClosed(stream);
      await().atMost(DEADLINE).until(() -> subscription().has("disconnectTime"));
      stream.sent(cds); // a late count after the close is never flushed over the close
      await()
          .during(Duration.ofMillis(200))
          .atMost(DEADLINE)
          .until(() -> subscription().has("disconnectTime"));
      assertThat(subscription().at("/status/total/responsesSent").asLong()).isEqualTo(1);
    }
  }

  private JsonNode subscription() {
    return store.get(WEB_1_INSIGHT).orElseThrow().spec().path("subscriptions").path(0);
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

  @ParameterizedTest
  @MethodSource("proxies")
  void record_streamOfAnEnvoy_writesItsAndItsAgentsVersionOnTheSubscription(
      String mesh, String proxy, ProxyId id, ResourceKey expected) {
    store.create(Resources.yaml(mesh));
    store.create(Resources.yaml(proxy));
    Node node =
        EnvoyVersionTest.envoy(java.util.Map.of("revision.sha", "abc", "revision.status", "Clean"));
    ProxyStream stream =
        new ProxyStream(id, NOW, EnvoyVersion.of(node), new AgentVersion("0.1.0"), status -> {});

    try (DataplaneInsightRecorder recorder = new DataplaneInsightRecorder(store, "cp-1", clock)) {
      recorder.onStreamOpened(stream);
    }

    JsonNode version = store.get(expected).orElseThrow().spec().at("/subscriptions/0/version");
    assertThat(version.at("/envoy/version").asString()).isEqualTo("1.34.2");
    assertThat(version.at("/envoy/build").asString()).isEqualTo("abc/1.34.2/Clean");
    assertThat(version.at("/kumaDp/version").asString()).isEqualTo("0.1.0");
  }

  @Test
  void record_streamOfANodeWithoutVersion_writesNoVersion() {
    store.create(Resources.mesh("default"));
    store.create(Resources.yaml(DATAPLANE));
    ProxyStream stream = new ProxyStream(WEB_1, NOW, status -> {});

    try (DataplaneInsightRecorder recorder = new DataplaneInsightRecorder(store, "cp-1", clock)) {
      recorder.onStreamOpened(stream);
    }

    assertThat(store.get(WEB_1_INSIGHT).orElseThrow().spec().at("/subscriptions/0").has("version"))
        .isFalse();
  }

  @Test
  void handed_sameCertificateAgainThenARenewedOne_recordsTwoRegenerations() {
    store.create(Resources.mesh("default"));
    store.create(Resources.yaml(DATAPLANE));
    WorkloadCertificate first = certificate(NOW);
    WorkloadCertificate renewed = certificate(NOW.plusSeconds(3600));

    try (DataplaneInsightRecorder recorder = new DataplaneInsightRecorder(store, "cp-1", clock)) {
      recorder.onStreamOpened(new ProxyStream(WEB_1, NOW, status -> {}));
      recorder.handed(WEB_1, first, "ca-1", List.of("ca-1"));
      recorder.handed(WEB_1, first, "ca-1", List.of("ca-1"));
      recorder.onDisconnected(WEB_1); // a reconnect is handed the same certificate again
      recorder.handed(WEB_1, first, "ca-1", List.of("ca-1"));
      recorder.handed(WEB_1, renewed, "ca-1", List.of("ca-1"));
    }

    JsonNode mtls = store.get(WEB_1_INSIGHT).orElseThrow().spec().path("mTLS");
    assertThat(mtls.path("certificateRegenerations").asLong()).isEqualTo(2);
    assertThat(mtls.path("certificateExpirationTime").asString())
        .isEqualTo(renewed.expiresAt().toString());
    assertThat(mtls.path("lastCertificateRegeneration").asString()).isEqualTo(NOW.toString());
    assertThat(mtls.path("issuedBackend").asString()).isEqualTo("ca-1");
    assertThat(mtls.path("supportedBackends").get(0).asString()).isEqualTo("ca-1");
    assertThat(store.get(WEB_1_INSIGHT).orElseThrow().spec().path("subscriptions")).hasSize(1);
  }

  @Test
  void
      record_closeAndCertificateAfterTheProxyWasDeleted_leaveNoInsight_thenANewStreamStartsFresh() {
    store.create(Resources.mesh("default"));
    store.create(Resources.yaml(DATAPLANE));
    ProxyStream old = new ProxyStream(WEB_1, NOW.minusSeconds(60), status -> {});
    ProxyStream fresh = new ProxyStream(WEB_1, NOW, status -> {});

    try (DataplaneInsightRecorder recorder = new DataplaneInsightRecorder(store, "cp-1", clock)) {
      recorder.onStreamOpened(old);
      recorder.handed(WEB_1, certificate(NOW), "ca-1", List.of("ca-1"));
      recorder.close(); // let the writes land before the delete
    }
    ResourceKey dataplane = ResourceKey.inMesh(ResourceTypes.DATAPLANE, "default", "web-1");
    store.delete(dataplane);
    assertThat(ProxyInsights.removeFor(store, dataplane)).isTrue();
    try (DataplaneInsightRecorder recorder = new DataplaneInsightRecorder(store, "cp-1", clock)) {
      recorder.onStreamClosed(old);
      recorder.handed(WEB_1, certificate(NOW.plusSeconds(1)), "ca-1", List.of("ca-1"));
    }
    assertThat(store.get(WEB_1_INSIGHT)).isEmpty();

    store.create(Resources.yaml(DATAPLANE));
    try (DataplaneInsightRecorder recorder = new DataplaneInsightRecorder(store, "cp-1", clock)) {
      recorder.onStreamOpened(fresh);
    }

    JsonNode spec = store.get(WEB_1_INSIGHT).orElseThrow().spec();
    assertThat(spec.path("subscriptions")).hasSize(1);
    assertThat(spec.at("/subscriptions/0/id").asString()).isEqualTo(fresh.id());
    assertThat(spec.has("mTLS")).isFalse();
  }

  @ParameterizedTest
  @CsvSource({
    "Dataplane, default, DataplaneInsight",
    "ZoneIngress, '', ZoneIngressInsight",
    "ZoneEgress, '', ZoneEgressInsight",
  })
  void removeFor_aProxyRegistration_deletesItsInsightOnly(
      String registration, String mesh, String insight) {
    store.create(Resources.mesh("default"));
    ResourceKey insightKey =
        new ResourceKey(ResourceTypes.byName(insight).orElseThrow(), mesh, "p-1");
    ResourceKey otherKey = new ResourceKey(insightKey.type(), mesh, "p-2");
    store.create(
        Resource.of(insightKey, java.util.Map.of(), JsonNodeFactory.instance.objectNode()));
    store.create(Resource.of(otherKey, java.util.Map.of(), JsonNodeFactory.instance.objectNode()));

    boolean removed =
        ProxyInsights.removeFor(
            store, new ResourceKey(ResourceTypes.byName(registration).orElseThrow(), mesh, "p-1"));

    assertThat(removed).isTrue();
    assertThat(store.get(insightKey)).isEmpty();
    assertThat(store.get(otherKey)).isPresent();
  }

  @Test
  void removeFor_anotherType_deletesNothing() {
    assertThat(
            ProxyInsights.removeFor(
                store, ResourceKey.inMesh(ResourceTypes.MESH_TIMEOUT, "default", "t")))
        .isFalse();
  }

  private static final String DATAPLANE =
      "type: Dataplane\nmesh: default\nname: web-1\nnetworking: {address: 127.0.0.1, inbound:"
          + " [{port: 80, tags: {kuma.io/service: web}}]}\n";
  private static final ProxyId WEB_1 = new ProxyId("default", "web-1");
  private static final ResourceKey WEB_1_INSIGHT =
      ResourceKey.inMesh(ResourceTypes.DATAPLANE_INSIGHT, "default", "web-1");
  private static final MeshCa CA =
      MeshCaGenerator.systemDefault()
          .generate(new BuiltinBackend("default", "ca-1", Duration.ofDays(1), 0));

  private static WorkloadCertificate certificate(Instant issuedAt) {
    return new LeafCertificateIssuer(new SecureRandom())
        .issue(CA, WorkloadIdentity.of("default", "web"), issuedAt, LeafSettings.defaults());
  }
}
