package io.meshforge.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.UInt32Value;
import io.envoyproxy.envoy.config.core.v3.Address;
import io.envoyproxy.envoy.config.core.v3.Locality;
import io.envoyproxy.envoy.config.core.v3.SocketAddress;
import io.envoyproxy.envoy.config.endpoint.v3.ClusterLoadAssignment;
import io.envoyproxy.envoy.config.endpoint.v3.Endpoint;
import io.envoyproxy.envoy.config.endpoint.v3.LbEndpoint;
import io.envoyproxy.envoy.config.endpoint.v3.LocalityLbEndpoints;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ChurnObserverTest {
  private static final int INSTANCES = 3;
  private final List<ChurnObserver.Stage> stages = EndpointChurnBenchmark.stages(INSTANCES);

  @ParameterizedTest
  @CsvSource({
    "0, 0, 0", // in-zone add: level j = change j
    "0, 2, 2",
    "0, 3, 3",
    "1, 3, 3", // in-zone remove starts where the add ended
    "1, 2, 4",
    "1, 0, 6",
    "2, 0, 6", // cross-zone add starts where the in-zone removal ended
    "2, 3, 9",
    "3, 3, 9",
    "3, 0, 12",
    "0, 4, -1", // more instances than the stage ever registers
    "3, -1, -1"
  })
  void changeAt_levelOfAStage_isTheChangeThatLeavesIt(int stage, int level, int change) {
    assertThat(stages.get(stage).changeAt(level)).isEqualTo(change);
  }

  @Test
  void decoded_inZoneAssignments_recordTheChangesTheyReflect() {
    DeliveryRecorder recorder = new DeliveryRecorder(1);
    ChurnObserver observer = new ChurnObserver(recorder, stages.get(0));
    observer.decoded(0, assignment(local(0), 0)); // initial configuration: change 0
    recorder.startPhase(1);
    recorder.writing(1);
    recorder.writing(2);

    observer.decoded(0, assignment(local(2), 0));

    assertThat(recorder.behind(1, 2)).isZero();
    assertThat(recorder.behind(1, 3)).isEqualTo(1);
    assertThat(recorder.latencies().count()).isEqualTo(2);
    assertThat(observer.unexpected()).isZero();
  }

  @Test
  void decoded_crossZoneRemoval_readsTheRemoteWeight() {
    DeliveryRecorder recorder = new DeliveryRecorder(1);
    ChurnObserver observer = new ChurnObserver(recorder, stages.get(2));
    observer.decoded(0, assignment(local(0), 3)); // all three west instances: change 9
    observer.enter(stages.get(3));
    recorder.startPhase(10);
    recorder.writing(10);

    observer.decoded(0, assignment(local(0), 2));

    assertThat(recorder.behind(1, 10)).isZero();
    assertThat(recorder.behind(1, 11)).isEqualTo(1);
    assertThat(recorder.slowestPerChange().count()).isEqualTo(1);
  }

  @Test
  void decoded_levelNoChangeExplains_isCountedNotRecorded() {
    DeliveryRecorder recorder = new DeliveryRecorder(1);
    ChurnObserver observer = new ChurnObserver(recorder, stages.get(0));

    observer.decoded(0, assignment(local(INSTANCES + 1), 0));

    assertThat(observer.unexpected()).isEqualTo(1);
    assertThat(recorder.behind(1, 0)).isEqualTo(1);
  }

  /** {@code count} churned east instances plus the permanent one. */
  private static LocalityLbEndpoints local(int count) {
    LocalityLbEndpoints.Builder locality =
        LocalityLbEndpoints.newBuilder().addLbEndpoints(endpoint("127.6.0.1", 0));
    for (int j = 0; j < count; j++) {
      locality.addLbEndpoints(
          endpoint(MeshTopology.address(EndpointChurnBenchmark.EAST_BLOCK, j), 0));
    }
    return locality.build();
  }

  /** East's assignment of backend: local endpoints, and west's ingress when it offers any. */
  static ClusterLoadAssignment assignment(LocalityLbEndpoints local, int westInstances) {
    ClusterLoadAssignment.Builder cla =
        ClusterLoadAssignment.newBuilder().setClusterName("backend").addEndpoints(local);
    if (westInstances > 0) {
      cla.addEndpoints(
          LocalityLbEndpoints.newBuilder()
              .setLocality(Locality.newBuilder().setZone("west"))
              .setPriority(1)
              .addLbEndpoints(endpoint("127.7.0.2", westInstances)));
    }
    return cla.build();
  }

  static LbEndpoint endpoint(String address, int weight) {
    LbEndpoint.Builder endpoint =
        LbEndpoint.newBuilder()
            .setEndpoint(
                Endpoint.newBuilder()
                    .setAddress(
                        Address.newBuilder()
                            .setSocketAddress(
                                SocketAddress.newBuilder()
                                    .setAddress(address)
                                    .setPortValue(8080))));
    if (weight > 0) {
      endpoint.setLoadBalancingWeight(UInt32Value.of(weight));
    }
    return endpoint.build();
  }
}
