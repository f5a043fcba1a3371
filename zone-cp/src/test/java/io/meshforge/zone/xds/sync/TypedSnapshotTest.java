package io.meshforge.zone.xds.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.envoyproxy.controlplane.cache.Resources.ResourceType;
import io.envoyproxy.controlplane.cache.v3.Snapshot;
import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.endpoint.v3.ClusterLoadAssignment;
import io.envoyproxy.envoy.config.listener.v3.Listener;
import io.meshforge.zone.xds.envoy.Clusters;
import io.meshforge.zone.xds.generator.EnvoyResources;
import java.util.List;
import org.junit.jupiter.api.Test;

class TypedSnapshotTest {

  @Test
  void of_endpointsChanged_reusesEveryOtherTypeAndMatchesAFreshSnapshot() {
    EnvoyResources first = resources("10.0.0.1");
    SnapshotVersions firstVersions = SnapshotVersions.of(first);
    Snapshot previous = TypedSnapshot.of(null, first, firstVersions);

    EnvoyResources second = resources("10.0.0.2");
    SnapshotVersions secondVersions = SnapshotVersions.of(second);
    Snapshot next = TypedSnapshot.of(previous, second, secondVersions);

    assertThat(next.clusters()).isSameAs(previous.clusters());
    assertThat(next.listeners()).isSameAs(previous.listeners());
    assertThat(next.endpoints()).isNotSameAs(previous.endpoints());
    assertThat(secondVersions.describe(next)).isTrue();
    assertThat(firstVersions.describe(next)).isFalse();
    Snapshot fresh =
        Snapshot.create(
            second.clusters(),
            secondVersions.of("clusters"),
            second.endpoints(),
            secondVersions.of("endpoints"),
            second.listeners(),
            secondVersions.of("listeners"),
            second.routes(),
            secondVersions.of("routes"),
            second.secrets(),
            secondVersions.of("secrets"));
    for (ResourceType type : ResourceType.values()) {
      assertThat(next.versionedResources(type))
          .as(type.name())
          .isEqualTo(fresh.versionedResources(type));
      assertThat(next.version(type, List.of())).as(type.name()).isEqualTo(fresh.version(type));
    }
  }

  private static EnvoyResources resources(String endpoint) {
    return new EnvoyResources()
        .add(Cluster.newBuilder().setName("backend").build())
        .add(Listener.newBuilder().setName("outbound:10001").build())
        .add(
            ClusterLoadAssignment.newBuilder()
                .setClusterName("backend")
                .addEndpoints(
                    io.envoyproxy.envoy.config.endpoint.v3.LocalityLbEndpoints.newBuilder()
                        .addLbEndpoints(Clusters.endpoint(endpoint, 8080)))
                .build());
  }
}
