package io.meshforge.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LocalPortsTest {

  @Test
  void noOffset_kumasDefaultsForGlobal_zonesTenThousandApart() {
    LocalPorts ports = new LocalPorts(0);

    assertThat(List.of(ports.globalApi(), ports.globalKds(), ports.globalDiagnostics()))
        .containsExactly(5681, 5685, 5680);
    assertThat(ports.zone(0).api()).isEqualTo(15681);
    assertThat(ports.zone(0).xds()).isEqualTo(15678);
    assertThat(ports.zone(1).api()).isEqualTo(25681);
    assertThat(ports.zone(1).demoAppOutbound()).isEqualTo(25702);
  }

  @ParameterizedTest(name = "{0} zones")
  @ValueSource(ints = {1, 2, 5})
  void all_atTheLargestOffset_distinctAndValid(int zones) {
    List<Integer> all = new LocalPorts(LocalPorts.maxOffset(zones)).all(zones);

    assertThat(new HashSet<>(all)).hasSize(all.size());
    assertThat(all).allMatch(p -> p > 0 && p <= 65_535);
    assertThat(all).hasSize(3 + 12 * zones);
  }

  @Test
  void busy_aPortSomethingListensOn_isReported() throws IOException {
    LocalPorts ports = freeLayout();
    try (ServerSocket taken =
        new ServerSocket(ports.zone(0).ingress(), 1, InetAddress.getLoopbackAddress())) {
      assertThat(ports.busy(2)).containsExactly(ports.zone(0).ingress());
    }
    assertThat(ports.busy(2)).isEmpty();
  }

  private static LocalPorts freeLayout() {
    for (int offset = 1000; offset < 7000; offset += 100) {
      LocalPorts ports = new LocalPorts(offset);
      if (ports.busy(2).isEmpty()) {
        return ports;
      }
    }
    throw new IllegalStateException("no free layout");
  }
}
