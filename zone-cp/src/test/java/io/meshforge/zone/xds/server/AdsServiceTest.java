package io.meshforge.zone.xds.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.envoyproxy.controlplane.cache.Resources;
import io.envoyproxy.envoy.config.core.v3.Node;
import io.envoyproxy.envoy.service.discovery.v3.DiscoveryResponse;
import io.grpc.Metadata;
import io.grpc.Status;
import io.meshforge.ca.BuiltinBackend;
import io.meshforge.ca.LeafCertificateIssuer;
import io.meshforge.ca.LeafSettings;
import io.meshforge.ca.MeshCa;
import io.meshforge.ca.MeshCaGenerator;
import io.meshforge.ca.RotatingLeafCertificates;
import io.meshforge.ca.WorkloadCertificate;
import io.meshforge.ca.WorkloadIdentity;
import io.meshforge.model.Resource;
import io.meshforge.model.ResourceKey;
import io.meshforge.model.ResourceTypes;
import io.meshforge.model.store.DebounceSettings;
import io.meshforge.model.store.InMemoryResourceStore;
import io.meshforge.zone.xds.ProxyId;
import io.meshforge.zone.xds.XdsComponents;
import io.meshforge.zone.xds.generator.InboundSecurity;
import io.meshforge.zone.xds.generator.OutboundSecurity;
import io.meshforge.zone.xds.generator.SidecarGenerator;
import io.meshforge.zone.xds.insight.DataplaneInsightRecorder;
import io.meshforge.zone.xds.tls.MtlsInboundSecurity;
import io.meshforge.zone.xds.tls.MtlsOutboundSecurity;
import io.meshforge.zone.xds.tls.SdsSecretGenerator;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

/**
 * The ADS server with a hand-driven client: readiness gating, NACK handling (STACK.md P4) and
 * authentication refusal.
 */
class AdsServiceTest {

  private static final String LDS = Resources.V3.LISTENER_TYPE_URL;
  private static final Duration DEADLINE = Duration.ofSeconds(10);

  private final InMemoryResourceStore store = new InMemoryResourceStore();
  private XdsComponents xds;
  private DataplaneInsightRecorder insights;
  private final XdsMetrics metrics = XdsMetrics.standalone();

  @AfterEach
  void stop() {
    if (xds != null) {
      xds.close();
      insights.close();
    }
  }

  @Test
  void stream_beforeTheStoreIsLoaded_isHeldWithoutAnswerUntilReady() throws Exception {
    seed();
    xds = start(new OpenAuthenticator());
    try (AdsTestClient client = new AdsTestClient(xds.port(), "default.web-1", new Metadata())) {
      client.subscribe(LDS);

      await()
          .during(Duration.ofMillis(500))
          .atMost(DEADLINE)
          .until(() -> client.responses.isEmpty() && client.error.get() == null);

      xds.startReconciler();
      await().atMost(DEADLINE).until(() -> !client.responses.isEmpty());
      assertThat(client.responses.get(0).getResourcesCount()).isEqualTo(1);
    }
  }

  @Test
  void nack_ofTheCurrentSnapshot_isNotAnsweredUntilTheSnapshotChanges() throws Exception {
    seed();
    xds = start(new OpenAuthenticator());
    xds.startReconciler();
    try (AdsTestClient client = new AdsTestClient(xds.port(), "default.web-1", new Metadata())) {
      client.subscribe(LDS);
      await().atMost(DEADLINE).until(() -> client.responses.size() == 1);
      DiscoveryResponse first = client.responses.get(0);

      client.nack(first, "");

      await().atMost(DEADLINE).until(() -> metrics.nacks(LDS) == 1);
      await()
          .during(Duration.ofMillis(500))
          .atMost(DEADLINE)
          .until(() -> client.responses.size() == 1);

      store.update(
          dataplane("web-1", 8081)
              .withVersion(store.get(dataplane("web-1", 8080).key()).orElseThrow().version()));
      await().atMost(DEADLINE).until(() -> client.responses.size() == 2);
      assertThat(client.responses.get(1).getVersionInfo()).isNotEqualTo(first.getVersionInfo());
    }
  }

  @Test
  void revokedToken_whileStreamOpen_closesItUnauthenticatedAndForgetsTheProxy() throws Exception {
    seed();
    xds = start(new OpenAuthenticator());
    xds.startReconciler();
    FakeRevokedTokens revoked = new FakeRevokedTokens();
    try (var closer =
            new io.meshforge.zone.token.RevokedStreamCloser(revoked, xds.connectedProxies());
        AdsTestClient client = new AdsTestClient(xds.port(), "default.web-1", new Metadata());
        AdsTestClient other = new AdsTestClient(xds.port(), "default.web-2", new Metadata())) {
      client.subscribe(LDS);
      other.subscribe(LDS);
      await().atMost(DEADLINE).until(() -> client.responses.size() == 1);
      ProxyId proxy = ProxyId.parse("default.web-1");
      assertThat(xds.connectedProxies().isConnected(proxy)).isTrue();

      revoked.listener.onRevoked(proxy, "revoked");

      await().atMost(DEADLINE).until(() -> client.error.get() != null);
      assertThat(io.grpc.Status.fromThrowable(client.error.get()).getCode())
          .isEqualTo(io.grpc.Status.Code.UNAUTHENTICATED);
      await().atMost(DEADLINE).until(() -> !xds.connectedProxies().isConnected(proxy));
      assertThat(revoked.ended).containsExactly(proxy);
      // another proxy's stream is untouched
      assertThat(other.error.get()).isNull();
      assertThat(xds.connectedProxies().isConnected(ProxyId.parse("default.web-2"))).isTrue();
    }
  }

  /** Records what the xDS side does with revocations. */
  private static final class FakeRevokedTokens implements io.meshforge.zone.token.RevokedTokens {
    volatile Listener listener;
    final List<ProxyId> ended = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Override
    public AutoCloseable subscribe(Listener subscriber) {
      this.listener = subscriber;
      return () -> listener = null;
    }

    @Override
    public void streamEnded(ProxyId proxy) {
      ended.add(proxy);
    }
  }

  @Test
  void ack_ofTheCurrentSnapshot_isNotAnsweredAgain() throws Exception {
    seed();
    xds = start(new OpenAuthenticator());
    xds.startReconciler();
    try (AdsTestClient client = new AdsTestClient(xds.port(), "default.web-1", new Metadata())) {
      client.subscribe(LDS);
      await().atMost(DEADLINE).until(() -> client.responses.size() == 1);

      client.ack(client.responses.get(0));

      await()
          .during(Duration.ofMillis(300))
          .atMost(DEADLINE)
          .until(() -> client.responses.size() == 1);
      assertThat(metrics.nacks(LDS)).isZero();
    }
  }

  @Test
  void change_inTheMeshThatDoesNotAlterTheProxy_sendsNothing() throws Exception {
    seed();
    xds = start(new OpenAuthenticator());
    xds.startReconciler();
    try (AdsTestClient client = new AdsTestClient(xds.port(), "default.web-1", new Metadata())) {
      client.subscribe(LDS);
      await().atMost(DEADLINE).until(() -> client.responses.size() == 1);
      client.ack(client.responses.get(0));

      // web-1 has no outbounds: another service in its mesh changes nothing it is sent.
      store.create(dataplane("other-1", 9090));
      await().atMost(DEADLINE).until(() -> metrics.unchangedSnapshots() >= 1);

      assertThat(client.responses).hasSize(1);
    }
  }

  @Test
  void insight_ofAClosedStream_recordsItsTimesAndCounters() throws Exception {
    seed();
    xds = start(new OpenAuthenticator());
    xds.startReconciler();
    ResourceKey insight = ResourceKey.inMesh(ResourceTypes.DATAPLANE_INSIGHT, "default", "web-1");
    Node envoy =
        EnvoyVersionTest.envoy(Map.of("revision.sha", "abc", "revision.status", "Clean"))
            .toBuilder()
            .setId("default.web-1")
            .build();
    try (AdsTestClient client = new AdsTestClient(xds.port(), envoy, new Metadata())) {
      client.subscribe(LDS);
      await().atMost(DEADLINE).until(() -> client.responses.size() == 1);
      client.ack(client.responses.get(0));
      await().atMost(DEADLINE).until(() -> store.get(insight).isPresent());
    }

    await()
        .atMost(DEADLINE)
        .until(() ->
            store
                .get(insight)
                .orElseThrow()
                .spec()
                .path("subscriptions")
                .path(0)
                .has("disconnectTime"));
    JsonNode subscription = store.get(insight).orElseThrow().spec().path("subscriptions").path(0);
    assertThat(subscription.path("controlPlaneInstanceId").asString()).isEqualTo("cp-1");
    assertThat(subscription.path("status").path("lds").path("responsesSent").asLong()).isEqualTo(1);
    assertThat(subscription.path("status").path("total").path("responsesAcknowledged").asLong())
        .isEqualTo(1);
    assertThat(subscription.path("status").path("total").path("responsesRejected").asLong())
        .isZero();
    assertThat(subscription.at("/version/envoy/version").asString()).isEqualTo("1.34.2");
    assertThat(subscription.at("/version/envoy/build").asString()).isEqualTo("abc/1.34.2/Clean");
  }

  @Test
  void insight_ofAProxyInAnMtlsMesh_recordsTheCertificateItWasHanded() throws Exception {
    store.create(
        io.meshforge.zone.Resources.yaml(
            """
            type: Mesh
            name: default
            mtls:
              enabledBackend: ca-1
              backends:
              - {name: ca-1, type: builtin}
            """));
    store.create(dataplane("web-1", 8080));
    MeshCa ca =
        MeshCaGenerator.systemDefault()
            .generate(new BuiltinBackend("default", "ca-1", Duration.ofDays(1), 0));
    RotatingLeafCertificates certificates =
        new RotatingLeafCertificates(
            mesh -> Optional.of(ca),
            new LeafCertificateIssuer(new SecureRandom()),
            LeafSettings.defaults(),
            Clock.systemUTC());
    insights = new DataplaneInsightRecorder(store, "cp-1", Clock.systemUTC());
    xds =
        start(
            new OpenAuthenticator(),
            SidecarGenerator.standard(new MtlsInboundSecurity(), new MtlsOutboundSecurity())
                .with(new SdsSecretGenerator(certificates, insights)));
    xds.startReconciler();
    ResourceKey insight = ResourceKey.inMesh(ResourceTypes.DATAPLANE_INSIGHT, "default", "web-1");

    try (AdsTestClient client = new AdsTestClient(xds.port(), "default.web-1", new Metadata())) {
      client.subscribe(Resources.V3.SECRET_TYPE_URL);
      await().atMost(DEADLINE).until(() -> client.responses.size() == 1);
      await()
          .atMost(DEADLINE)
          .until(() -> store.get(insight).map(r -> r.spec().has("mTLS")).orElse(false));
    }

    JsonNode mtls = store.get(insight).orElseThrow().spec().path("mTLS");
    WorkloadCertificate handed =
        certificates
            .certificateFor(WorkloadIdentity.ofDataplane(dataplane("web-1", 8080)))
            .orElseThrow();
    assertThat(mtls.path("certificateExpirationTime").asString())
        .isEqualTo(handed.expiresAt().toString());
    assertThat(mtls.path("certificateRegenerations").asLong()).isEqualTo(1);
    assertThat(mtls.path("lastCertificateRegeneration").asString()).isNotEmpty();
    assertThat(mtls.path("issuedBackend").asString()).isEqualTo("ca-1");
    assertThat(mtls.path("supportedBackends").get(0).asString()).isEqualTo("ca-1");
  }

  @ParameterizedTest
  @CsvSource({"ZoneIngress, ZoneIngressInsight", "ZoneEgress, ZoneEgressInsight"})
  void insight_ofAZoneProxyStream_isWrittenAsItsOwnInsightType(String proxyType, String insightType)
      throws Exception {
    store.create(
        io.meshforge.zone.Resources.yaml(
            """
            type: %s
            name: proxy-1
            networking: {address: 127.0.0.1, port: 10001}
            """
                .formatted(proxyType)));
    xds = start(new OpenAuthenticator());
    xds.startReconciler();
    ResourceKey insight =
        ResourceKey.global(ResourceTypes.byName(insightType).orElseThrow(), "proxy-1");
    try (AdsTestClient client = new AdsTestClient(xds.port(), "proxy-1", new Metadata())) {
      client.subscribe(LDS);
      await().atMost(DEADLINE).until(() -> client.responses.size() == 1);
      client.ack(client.responses.get(0));
      await().atMost(DEADLINE).until(() -> store.get(insight).isPresent());
      assertThat(
              store
                  .get(insight)
                  .orElseThrow()
                  .spec()
                  .path("subscriptions")
                  .path(0)
                  .has("disconnectTime"))
          .isFalse();
    }

    await()
        .atMost(DEADLINE)
        .until(() ->
            store
                .get(insight)
                .orElseThrow()
                .spec()
                .path("subscriptions")
                .path(0)
                .has("disconnectTime"));
    JsonNode subscription = store.get(insight).orElseThrow().spec().path("subscriptions").path(0);
    assertThat(subscription.path("status").path("total").path("responsesAcknowledged").asLong())
        .isEqualTo(1);
    assertThat(
            store
                .list(io.meshforge.model.store.ResourceQuery.all(ResourceTypes.DATAPLANE_INSIGHT))
                .items())
        .isEmpty();
  }

  @Test
  void stream_withoutAnAuthenticator_isRefusedUnauthenticated() throws Exception {
    seed();
    xds = start(new RefusingAuthenticator());
    xds.startReconciler();
    try (AdsTestClient client = new AdsTestClient(xds.port(), "default.web-1", new Metadata())) {
      client.subscribe(LDS);

      await().atMost(DEADLINE).until(() -> client.error.get() != null);
      assertThat(Status.fromThrowable(client.error.get()).getCode())
          .isEqualTo(Status.Code.UNAUTHENTICATED);
      assertThat(client.responses).isEmpty();
    }
  }

  @Test
  void stream_withAMalformedNodeId_isRefusedAsInvalid() throws Exception {
    xds = start(new OpenAuthenticator());
    xds.startReconciler();
    try (AdsTestClient client = new AdsTestClient(xds.port(), "", new Metadata())) {
      client.subscribe(LDS);

      await().atMost(DEADLINE).until(() -> client.error.get() != null);
      assertThat(Status.fromThrowable(client.error.get()).getCode())
          .isEqualTo(Status.Code.INVALID_ARGUMENT);
    }
  }

  private void seed() {
    store.create(io.meshforge.zone.Resources.mesh("default"));
    store.create(dataplane("web-1", 8080));
  }

  private static Resource dataplane(String name, int port) {
    return io.meshforge.zone.Resources.yaml(
        """
        type: Dataplane
        mesh: default
        name: %s
        networking:
          address: 127.0.0.1
          inbound:
          - port: %d
            tags: {kuma.io/service: web}
        """
            .formatted(name, port));
  }

  private XdsComponents start(io.meshforge.zone.xds.ProxyAuthenticator authenticator) {
    insights = new DataplaneInsightRecorder(store, "cp-1", Clock.systemUTC());
    return start(
        authenticator, SidecarGenerator.standard(InboundSecurity.NONE, OutboundSecurity.NONE));
  }

  /** Starts the server with {@code generator}; {@link #insights} must be set already. */
  private XdsComponents start(
      io.meshforge.zone.xds.ProxyAuthenticator authenticator, SidecarGenerator generator) {
    return XdsComponents.start(
        new XdsComponents.Settings(
            "127.0.0.1", 0, new DebounceSettings(Duration.ofMillis(5), Duration.ofMillis(50))),
        store.view(),
        generator,
        authenticator,
        metrics,
        insights);
  }
}
