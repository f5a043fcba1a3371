package io.meshforge.bench;

import static io.meshforge.bench.ChurnObserverTest.endpoint;
import static org.assertj.core.api.Assertions.assertThat;

import io.envoyproxy.envoy.config.core.v3.Locality;
import io.envoyproxy.envoy.config.endpoint.v3.ClusterLoadAssignment;
import io.envoyproxy.envoy.config.endpoint.v3.LocalityLbEndpoints;
import org.junit.jupiter.api.Test;

class AssignmentLevelsTest {
  private final ClusterLoadAssignment mixed =
      ClusterLoadAssignment.newBuilder()
          .addEndpoints(
              LocalityLbEndpoints.newBuilder()
                  .addLbEndpoints(endpoint("127.4.0.1", 0))
                  .addLbEndpoints(endpoint("127.4.0.2", 0))
                  .addLbEndpoints(endpoint("127.6.0.1", 0)))
          .addEndpoints(
              LocalityLbEndpoints.newBuilder()
                  .setLocality(Locality.newBuilder().setZone("west"))
                  .setPriority(1)
                  .addLbEndpoints(endpoint("127.4.9.9", 7)))
          .addEndpoints(
              LocalityLbEndpoints.newBuilder()
                  .setLocality(Locality.newBuilder().setZone("north"))
                  .setPriority(1)
                  .addLbEndpoints(endpoint("127.7.0.3", 5))
                  .addLbEndpoints(endpoint("127.7.0.4", 0)))
          .build();

  @Test
  void localEndpoints_countsOnlyPriorityZeroEndpointsOfTheBlock() {
    assertThat(AssignmentLevels.localEndpoints(4).applyAsInt(mixed)).isEqualTo(2);
  }

  @Test
  void remoteWeight_sumsTheZonesWeightsWithUnsetAsOne() {
    assertThat(AssignmentLevels.remoteWeight("west").applyAsInt(mixed)).isEqualTo(7);
    assertThat(AssignmentLevels.remoteWeight("north").applyAsInt(mixed)).isEqualTo(6);
  }

  @Test
  void remoteWeight_zoneAbsent_isZero() {
    assertThat(AssignmentLevels.remoteWeight("south").applyAsInt(mixed)).isZero();
  }
}
