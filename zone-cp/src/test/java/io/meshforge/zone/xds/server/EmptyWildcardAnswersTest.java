package io.meshforge.zone.xds.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.envoyproxy.controlplane.cache.Resources;
import io.envoyproxy.envoy.service.discovery.v3.DeltaDiscoveryResponse;
import io.meshforge.model.Resource;
import io.meshforge.model.store.DebounceSettings;
import io.meshforge.model.store.InMemoryResourceStore;
import io.meshforge.zone.DeltaAdsClient;
import io.meshforge.zone.xds.XdsComponents;
import io.meshforge.zone.xds.generator.InboundSecurity;
import io.meshforge.zone.xds.generator.OutboundSecurity;
import io.meshforge.zone.xds.generator.SidecarGenerator;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Delta streams get an answer for a wildcard type with nothing in it (java-control-plane's cache
 * sends none, and Envoy would wait its initial fetch timeout): a zone ingress before any service
 * exists has no clusters.
 */
class EmptyWildcardAnswersTest {

  private static final String CDS = Resources.V3.CLUSTER_TYPE_URL;
  private static final String LDS = Resources.V3.LISTENER_TYPE_URL;
  private static final Duration DEADLINE = Duration.ofSeconds(10);

  private final InMemoryResourceStore store = new InMemoryResourceStore();
  private final XdsMetrics metrics = XdsMetrics.standalone();
  private XdsComponents xds;

  @AfterEach
  void stop() {
    if (xds != null) {
      xds.close();
    }
  }

  @Test
  void deltaStream_ofAnIngressWithoutServices_getsAnEmptyClusterAnswerThenItsClusters()
      throws Exception {
    store.create(mtlsMesh());
    store.create(ingress());
    xds = start();
    xds.startReconciler();

    try (DeltaAdsClient ingress =
        new DeltaAdsClient(xds.port(), "ingress-1", "", List.of(CDS, LDS))) {
      await().atMost(DEADLINE).until(() -> !ingress.responses(CDS).isEmpty());
      DeltaDiscoveryResponse empty = ingress.responses(CDS).getFirst();
      assertThat(empty.getResourcesList()).isEmpty();
      assertThat(empty.getRemovedResourcesList()).isEmpty();
      assertThat(empty.getSystemVersionInfo()).isNotEmpty();
      await().atMost(DEADLINE).until(() -> !ingress.held(LDS).isEmpty());

      // The proxy's ACK of the empty answer must not disturb the stream: a service appears.
      store.create(backend());

      await().atMost(DEADLINE).until(() -> !ingress.held(CDS).isEmpty());
      assertThat(ingress.responses(CDS)).hasSize(2);
      assertThat(ingress.error.get()).isNull();
      assertThat(metrics.nacks(CDS)).isZero();
    }
  }

  @Test
  void deltaStream_ofAProxyWhoseEmptySnapshotExists_isAnsweredOnItsFirstRequest() throws Exception {
    store.create(mtlsMesh());
    store.create(ingress());
    xds = start();
    xds.startReconciler();
    try (DeltaAdsClient first = new DeltaAdsClient(xds.port(), "ingress-1", "", List.of(CDS))) {
      await().atMost(DEADLINE).until(() -> !first.responses(CDS).isEmpty());

      // A second stream of the same proxy: its snapshot is in the cache and does not change.
      try (DeltaAdsClient second = new DeltaAdsClient(xds.port(), "ingress-1", "", List.of(CDS))) {
        await().atMost(DEADLINE).until(() -> !second.responses(CDS).isEmpty());
        assertThat(second.responses(CDS).getFirst().getResourcesList()).isEmpty();
      }
    }
  }

  @Test
  void deltaStream_withClusters_getsOnlyTheCachesAnswer() throws Exception {
    store.create(mtlsMesh());
    store.create(ingress());
    store.create(backend());
    xds = start();
    xds.startReconciler();

    try (DeltaAdsClient ingress = new DeltaAdsClient(xds.port(), "ingress-1", "", List.of(CDS))) {
      await().atMost(DEADLINE).until(() -> !ingress.held(CDS).isEmpty());
      await()
          .during(Duration.ofMillis(300))
          .atMost(DEADLINE)
          .until(() -> ingress.responses(CDS).size() == 1);
      assertThat(ingress.responses(CDS).getFirst().getNonce())
          .doesNotStartWith(EmptyWildcardAnswers.NONCE_PREFIX);
    }
  }

  private XdsComponents start() {
    return XdsComponents.start(
        new XdsComponents.Settings(
            "127.0.0.1",
            0,
            new DebounceSettings(Duration.ofMillis(5), Duration.ofMillis(50)),
            "east"),
        store.view(),
        SidecarGenerator.standard(InboundSecurity.NONE, OutboundSecurity.NONE),
        new OpenAuthenticator(),
        metrics);
  }

  /** An ingress routes the local services of meshes with mTLS. */
  private static Resource mtlsMesh() {
    return io.meshforge.zone.Resources.yaml(
        """
        type: Mesh
        name: default
        mtls:
          enabledBackend: ca-1
          backends:
          - {name: ca-1, type: builtin}
        """);
  }

  private static Resource ingress() {
    return io.meshforge.zone.Resources.yaml(
        """
        type: ZoneIngress
        name: ingress-1
        networking: {address: 127.0.0.1, port: 10001}
        """);
  }

  /** A local instance of {@code backend}: the ingress gets a cluster for it. */
  private static Resource backend() {
    return io.meshforge.zone.Resources.yaml(
        """
        type: Dataplane
        mesh: default
        name: backend-1
        networking:
          address: 127.0.0.1
          inbound:
          - port: 8080
            tags: {kuma.io/service: backend}
        """);
  }
}
