package io.meshforge.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FreePortsTest {
  @Test
  void next_manyCalls_neverHandsOutAPortTwice() {
    Set<Integer> ports = new HashSet<>();
    for (int i = 0; i < 2000; i++) {
      assertThat(ports.add(FreePorts.next())).as("call %d handed out a new port", i).isTrue();
    }
  }

  @Test
  void next_handsOutPortsBelowTheKernelsEphemeralRange() throws IOException {
    Path rangeFile = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
    int ephemeralLow =
        Files.isReadable(rangeFile)
            ? Integer.parseInt(Files.readAllLines(rangeFile).get(0).trim().split("\\s+")[0])
            : 32768;
    for (int i = 0; i < 200; i++) {
      assertThat(FreePorts.next()).isLessThan(ephemeralLow).isGreaterThanOrEqualTo(1024);
    }
  }

  @Test
  void next_skipsAPortSomethingListensOn() throws IOException {
    int[] range = FreePorts.range();
    try (ServerSocket listener = new ServerSocket(range[0], 1, InetAddress.getLoopbackAddress())) {
      for (int i = 0; i < 2000; i++) {
        assertThat(FreePorts.next()).isNotEqualTo(listener.getLocalPort());
      }
    }
  }

  @Test
  void candidateRange_endsJustBelowTheEphemeralRange() {
    assertThat(FreePorts.candidateRange(32768)).containsExactly(20768, 32767);
    assertThat(FreePorts.candidateRange(15000)).containsExactly(10000, 14999);
    assertThat(FreePorts.candidateRange(1024)).containsExactly(10000, 21999);
  }
}
