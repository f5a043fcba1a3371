package io.meshforge.zone.xds.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.Any;
import io.envoyproxy.controlplane.cache.Resources;
import io.envoyproxy.envoy.config.endpoint.v3.ClusterLoadAssignment;
import io.envoyproxy.envoy.config.endpoint.v3.LocalityLbEndpoints;
import io.envoyproxy.envoy.service.discovery.v3.DiscoveryResponse;
import io.grpc.Metadata;
import io.meshforge.model.store.DebounceSettings;
import io.meshforge.model.store.InMemoryResourceStore;
import io.meshforge.zone.xds.XdsComponents;
import io.meshforge.zone.xds.context.ProxyContext;
import io.meshforge.zone.xds.generator.EnvoyResources;
import io.meshforge.zone.xds.generator.InboundSecurity;
import io.meshforge.zone.xds.generator.OutboundSecurity;
import io.meshforge.zone.xds.generator.ResourceGenerator;
import io.meshforge.zone.xds.generator.SidecarGenerator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A change reaching more proxies than the reconciler regenerates inline goes through its generator
 * pool: every proxy still gets every change, and never an older state after a newer one.
 */
class ManyProxiesReconcileTest {

  private static final String EDS = Resources.V3.ENDPOINT_TYPE_URL;
  private static final Duration DEADLINE = Duration.ofSeconds(30);
  private static final int PROXIES = 12;
  private static final int CHANGES = 5;

  private final InMemoryResourceStore store = new InMemoryResourceStore();
  private XdsComponents xds;

  @AfterEach
  void stop() {
    if (xds != null) {
      xds.close();
    }
  }

  @Test
  void reconcile_changeOfAMeshWithManyProxies_reachesEveryProxyInOrder() throws Exception {
    store.create(io.meshforge.zone.Resources.mesh("default"));
    for (int i = 1; i <= PROXIES; i++) {
      store.create(io.meshforge.zone.Resources.dataplane("default", "web-" + i));
    }
    xds =
        XdsComponents.start(
            new XdsComponents.Settings(
                "127.0.0.1", 0, new DebounceSettings(Duration.ofMillis(5), Duration.ofMillis(50))),
            store.view(),
            SidecarGenerator.standard(InboundSecurity.NONE, OutboundSecurity.NONE)
                .with(new WebInstances()),
            new OpenAuthenticator(),
            XdsMetrics.standalone());
    xds.startReconciler();
    List<AdsTestClient> clients = new ArrayList<>();
    try {
      for (int i = 1; i <= PROXIES; i++) {
        AdsTestClient client = new AdsTestClient(xds.port(), "default.web-" + i, new Metadata());
        clients.add(client);
        client.subscribe(EDS);
      }
      for (AdsTestClient client : clients) {
        awaitInstances(client, PROXIES);
      }

      for (int k = 1; k <= CHANGES; k++) {
        store.create(io.meshforge.zone.Resources.dataplane("default", "extra-" + k));
      }

      for (AdsTestClient client : clients) {
        awaitInstances(client, PROXIES + CHANGES);
        List<Integer> seen = new ArrayList<>();
        for (DiscoveryResponse response : client.responses) {
          seen.add(instances(response));
        }
        assertThat(seen).isSorted();
      }
    } finally {
      for (AdsTestClient client : clients) {
        client.close();
      }
    }
  }

  /**
   * Puts one endpoint per instance of {@code web} in an assignment named {@code web-instances}: an
   * endpoint change, which the reconciler may send as new ClusterLoadAssignments alone.
   */
  private static final class WebInstances implements ResourceGenerator {
    @Override
    public void generate(ProxyContext proxy, EnvoyResources out) {
      generateEndpoints(proxy, out);
    }

    @Override
    public void generateEndpoints(ProxyContext proxy, EnvoyResources out) {
      LocalityLbEndpoints.Builder locality = LocalityLbEndpoints.newBuilder();
      for (var endpoint : proxy.mesh().service("web").endpoints()) {
        locality.addLbEndpoints(
            io.meshforge.zone.xds.envoy.Clusters.endpoint(endpoint.address(), endpoint.port()));
      }
      out.add(
          ClusterLoadAssignment.newBuilder()
              .setClusterName("web-instances")
              .addEndpoints(locality)
              .build());
    }
  }

  /** Acks every response as it comes (SotW sends the next one after that) until the count shows. */
  private static void awaitInstances(AdsTestClient client, int expected) {
    int[] acked = {0};
    await()
        .atMost(DEADLINE)
        .until(() -> {
          List<DiscoveryResponse> responses = List.copyOf(client.responses);
          for (int i = acked[0]; i < responses.size(); i++) {
            client.ack(responses.get(i));
          }
          acked[0] = Math.max(acked[0], responses.size());
          return !responses.isEmpty() && instances(responses.getLast()) == expected;
        });
  }

  private static int instances(DiscoveryResponse response) throws Exception {
    for (Any any : response.getResourcesList()) {
      ClusterLoadAssignment assignment = any.unpack(ClusterLoadAssignment.class);
      if (assignment.getClusterName().equals("web-instances")) {
        return assignment.getEndpoints(0).getLbEndpointsCount();
      }
    }
    throw new AssertionError("no web-instances assignment in " + response);
  }
}
