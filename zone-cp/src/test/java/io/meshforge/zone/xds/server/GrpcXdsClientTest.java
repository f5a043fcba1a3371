package io.meshforge.zone.xds.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.InsecureServerCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.protobuf.services.HealthStatusManager;
import io.meshforge.model.Resource;
import io.meshforge.model.store.DebounceSettings;
import io.meshforge.model.store.InMemoryResourceStore;
import io.meshforge.zone.Resources;
import io.meshforge.zone.xds.XdsComponents;
import io.meshforge.zone.xds.context.ProxyMetadata;
import io.meshforge.zone.xds.generator.InboundSecurity;
import io.meshforge.zone.xds.generator.OutboundSecurity;
import io.meshforge.zone.xds.generator.SidecarGenerator;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * grpc-java's own xDS client (grpc-xds) as an independent proxy: it resolves {@code xds:///greeter}
 * through our ADS (LDS API listener, RDS, CDS, EDS) and makes real calls to backends registered as
 * Dataplanes. grpc-xds reads its bootstrap once per JVM (STACK.md P10), so this is the only test
 * class that uses it.
 */
class GrpcXdsClientTest {

  private static final Duration DEADLINE = Duration.ofSeconds(30);
  private static final InMemoryResourceStore store = new InMemoryResourceStore();
  private static final XdsMetrics metrics = XdsMetrics.standalone();
  private static XdsComponents xds;
  private static Server backend1;
  private static Server backend2;
  private static ManagedChannel channel;

  @BeforeAll
  static void start() throws Exception {
    backend1 = backend("greeter-1");
    backend2 = backend("greeter-2");
    store.create(Resources.mesh("default"));
    store.create(client());
    store.create(greeter("greeter-1", backend1.getPort()));
    xds =
        XdsComponents.start(
            new XdsComponents.Settings(
                "127.0.0.1", 0, new DebounceSettings(Duration.ofMillis(5), Duration.ofMillis(50))),
            store.view(),
            SidecarGenerator.standard(InboundSecurity.NONE, OutboundSecurity.NONE),
            new OpenAuthenticator(),
            metrics);
    xds.startReconciler();
    System.setProperty(
        "io.grpc.xds.bootstrapConfig",
        """
        {
          "xds_servers": [{
            "server_uri": "127.0.0.1:%d",
            "channel_creds": [{"type": "insecure"}],
            "server_features": ["xds_v3"]
          }],
          "node": {"id": "default.client", "metadata": {"%s": true}}
        }
        """
            .formatted(xds.port(), ProxyMetadata.API_LISTENERS));
    channel = Grpc.newChannelBuilder("xds:///greeter", InsecureChannelCredentials.create()).build();
  }

  @AfterAll
  static void stop() throws Exception {
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    xds.close();
    backend1.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    backend2.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }

  @Test
  void call_throughXdsResolvedTarget_reachesTheRegisteredBackendAndFollowsItsReplacement() {
    await()
        .atMost(DEADLINE)
        .ignoreExceptions()
        .until(() -> servingAs("greeter-1") == HealthCheckResponse.ServingStatus.SERVING);

    store.delete(greeter("greeter-1", backend1.getPort()).key());
    store.create(greeter("greeter-2", backend2.getPort()));

    await()
        .atMost(DEADLINE)
        .ignoreExceptions()
        .until(() -> servingAs("greeter-2") == HealthCheckResponse.ServingStatus.SERVING);
    assertThat(metrics.nacks(io.envoyproxy.controlplane.cache.Resources.V3.LISTENER_TYPE_URL))
        .isZero();
    assertThat(metrics.nacks(io.envoyproxy.controlplane.cache.Resources.V3.CLUSTER_TYPE_URL))
        .isZero();
  }

  /** Asks whichever backend the channel picks for its own name: only that backend knows it. */
  private static HealthCheckResponse.ServingStatus servingAs(String name) {
    return HealthGrpc.newBlockingStub(channel)
        .withDeadlineAfter(2, TimeUnit.SECONDS)
        .check(HealthCheckRequest.newBuilder().setService(name).build())
        .getStatus();
  }

  private static Server backend(String name) throws Exception {
    HealthStatusManager health = new HealthStatusManager();
    health.setStatus(name, HealthCheckResponse.ServingStatus.SERVING);
    return Grpc.newServerBuilderForPort(0, InsecureServerCredentials.create())
        .addService(health.getHealthService())
        .build()
        .start();
  }

  private static Resource client() {
    return Resources.yaml(
        """
        type: Dataplane
        mesh: default
        name: client
        networking:
          address: 127.0.0.1
          inbound:
          - port: 10000
            tags: {kuma.io/service: client}
          outbound:
          - port: 10001
            tags: {kuma.io/service: greeter}
        """);
  }

  private static Resource greeter(String name, int port) {
    return Resources.yaml(
        """
        type: Dataplane
        mesh: default
        name: %s
        networking:
          address: 127.0.0.1
          inbound:
          - port: %d
            tags: {kuma.io/service: greeter, kuma.io/protocol: grpc}
        """
            .formatted(name, port));
  }
}
