package io.meshforge.local;

import static org.assertj.core.api.Assertions.assertThat;

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
}
