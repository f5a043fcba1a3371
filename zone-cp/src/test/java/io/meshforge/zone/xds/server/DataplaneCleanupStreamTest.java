package io.meshforge.zone.xds.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.envoyproxy.controlplane.cache.Resources;
import io.grpc.Metadata;
import io.meshforge.model.ResourceKey;
import io.meshforge.model.ResourceTypes;
import io.meshforge.model.store.DebounceSettings;
import io.meshforge.model.store.InMemoryResourceStore;
import io.meshforge.zone.TestClock;
import io.meshforge.zone.xds.XdsComponents;
import io.meshforge.zone.xds.generator.InboundSecurity;
import io.meshforge.zone.xds.generator.OutboundSecurity;
import io.meshforge.zone.xds.generator.SidecarGenerator;
import io.meshforge.zone.xds.insight.DataplaneInsightRecorder;
import io.meshforge.zone.xds.lifecycle.DataplaneCleanup;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** L4 with a real ADS stream: the Dataplane stays while connected and goes after the grace. */
class DataplaneCleanupStreamTest {

  private static final Duration DEADLINE = Duration.ofSeconds(10);
  private static final Duration GRACE = Duration.ofMinutes(10);
  private static final ResourceKey DATAPLANE =
      ResourceKey.inMesh(ResourceTypes.DATAPLANE, "default", "web-1");
  private static final ResourceKey INSIGHT =
      ResourceKey.inMesh(ResourceTypes.DATAPLANE_INSIGHT, "default", "web-1");

  private final InMemoryResourceStore store = new InMemoryResourceStore();
  private final TestClock clock = new TestClock(Instant.parse("2026-01-01T10:00:00Z"));
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
  private final DataplaneInsightRecorder insights =
      new DataplaneInsightRecorder(store, "cp-1", clock);
  private XdsComponents xds;

  @AfterEach
  void stop() {
    if (xds != null) {
      xds.close();
    }
    insights.close();
    scheduler.shutdownNow();
  }

  @Test
  void sweep_proxyStreamGoneForTheGrace_removesItsDataplaneButNotWhileConnected() throws Exception {
    store.create(io.meshforge.zone.Resources.mesh("default"));
    store.create(io.meshforge.zone.Resources.dataplane("default", "web-1"));
    xds =
        XdsComponents.start(
            new XdsComponents.Settings(
                "127.0.0.1", 0, new DebounceSettings(Duration.ofMillis(5), Duration.ofMillis(50))),
            store.view(),
            SidecarGenerator.standard(InboundSecurity.NONE, OutboundSecurity.NONE),
            new OpenAuthenticator(),
            XdsMetrics.standalone(),
            insights);
    xds.startReconciler();
    DataplaneCleanup cleanup =
        new DataplaneCleanup(
            store,
            xds.connectedProxies()::isConnected,
            "cp-1",
            new DataplaneCleanup.Settings(GRACE, Duration.ofHours(1)),
            clock,
            scheduler,
            new SimpleMeterRegistry());
    cleanup.gained();

    try (AdsTestClient client = new AdsTestClient(xds.port(), "default.web-1", new Metadata())) {
      client.subscribe(Resources.V3.LISTENER_TYPE_URL);
      await().atMost(DEADLINE).until(() -> store.get(INSIGHT).isPresent());
      clock.advance(GRACE.multipliedBy(3));
      assertThat(cleanup.sweep()).as("while its stream is open").isZero();
    }
    await()
        .atMost(DEADLINE)
        .until(() ->
            store
                .get(INSIGHT)
                .orElseThrow()
                .spec()
                .path("subscriptions")
                .path(0)
                .has("disconnectTime"));

    clock.advance(GRACE.minusSeconds(1));
    assertThat(cleanup.sweep()).as("within the grace").isZero();
    clock.advance(Duration.ofSeconds(1));
    assertThat(cleanup.sweep()).isEqualTo(1);
    assertThat(store.get(DATAPLANE)).isEmpty();
    assertThat(store.get(INSIGHT)).isEmpty();
  }
}
