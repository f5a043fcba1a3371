package io.meshforge.zone.xds.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.Any;
import io.envoyproxy.controlplane.cache.Resources;
import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.service.discovery.v3.DiscoveryResponse;
import io.grpc.Metadata;
import io.meshforge.model.store.DebounceSettings;
import io.meshforge.model.store.InMemoryResourceStore;
import io.meshforge.zone.xds.XdsComponents;
import io.meshforge.zone.xds.generator.InboundSecurity;
import io.meshforge.zone.xds.generator.OutboundSecurity;
import io.meshforge.zone.xds.generator.ResourceGenerator;
import io.meshforge.zone.xds.generator.SidecarGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The reconciler's timed path: a generator whose output changes with time alone (certificate
 * renewal) is regenerated when it says, with no resource changing, and the proxy receives it.
 */
class TimedRefreshTest {

  private static final String CDS = Resources.V3.CLUSTER_TYPE_URL;
  private static final Duration DEADLINE = Duration.ofSeconds(15);

  private final InMemoryResourceStore store = new InMemoryResourceStore();
  private XdsComponents xds;

  @AfterEach
  void stop() {
    if (xds != null) {
      xds.close();
    }
  }

  /** Emits a cluster named after how often it ran, and is always due for another change. */
  private static final class Renewing implements ResourceGenerator {
    final AtomicInteger runs = new AtomicInteger();
    volatile Instant next = Instant.now();

    @Override
    public void generate(
        io.meshforge.zone.xds.context.ProxyContext proxy,
        io.meshforge.zone.xds.generator.EnvoyResources out) {
      out.add(Cluster.newBuilder().setName("renewed-" + runs.incrementAndGet()).build());
    }

    @Override
    public Optional<Instant> nextChange() {
      return Optional.ofNullable(next);
    }
  }

  private static List<String> clusters(DiscoveryResponse response) throws Exception {
    List<String> names = new ArrayList<>();
    for (Any any : response.getResourcesList()) {
      names.add(any.unpack(Cluster.class).getName());
    }
    return names;
  }

  @Test
  void refresh_generatorDueForAChange_regeneratesAndSendsWithoutAnyResourceChange()
      throws Exception {
    store.create(io.meshforge.zone.Resources.mesh("default"));
    store.create(io.meshforge.zone.Resources.dataplane("default", "web-1"));
    Renewing renewing = new Renewing();
    xds =
        XdsComponents.start(
            new XdsComponents.Settings(
                "127.0.0.1", 0, new DebounceSettings(Duration.ofMillis(5), Duration.ofMillis(50))),
            store.view(),
            SidecarGenerator.standard(InboundSecurity.NONE, OutboundSecurity.NONE).with(renewing),
            new OpenAuthenticator(),
            XdsMetrics.standalone());
    xds.startReconciler();
    try (AdsTestClient client = new AdsTestClient(xds.port(), "default.web-1", new Metadata())) {
      client.subscribe(CDS);
      await().atMost(DEADLINE).until(() -> client.responses.size() >= 1);
      client.ack(client.responses.get(0)); // SotW: the next version goes out on the next request
      int before = renewing.runs.get();

      // Due now: the timed refresh runs after the reconciler's minimum delay, by itself.
      await().atMost(DEADLINE).until(() -> renewing.runs.get() > before);
      await().atMost(DEADLINE).until(() -> client.responses.size() >= 2);

      List<String> first = clusters(client.responses.get(0));
      List<String> last = clusters(client.responses.get(client.responses.size() - 1));
      assertThat(last).anyMatch(name -> name.startsWith("renewed-")).isNotEqualTo(first);
    }
  }
}
