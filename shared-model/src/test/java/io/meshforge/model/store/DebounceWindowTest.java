package io.meshforge.model.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DebounceWindowTest {

  /** Delay 10, max delay 50 (in nanoseconds, the window does not care about units). */
  private final DebounceWindow window =
      new DebounceWindow(new DebounceSettings(Duration.ofNanos(10), Duration.ofNanos(50)));

  @ParameterizedTest(name = "changes at {0} are due at {1}")
  @CsvSource({
    "100, 110", // one change: after the quiet time
    "100 105, 115", // a second change restarts the quiet time
    "100 108 116 124 132 140, 150", // a steady stream is bounded by the max delay
    "100 140, 150", // the bound counts from the first change, not the last
    "-5 0, 10", // nanoTime values may be negative
    "9223372036854775800 9223372036854775807, -9223372036854775799", // and wrap around
  })
  void dueAt_changes_quietTimeBoundedByMaxDelay(String changes, long expectedDue) {
    Arrays.stream(changes.split(" ")).mapToLong(Long::parseLong).forEach(window::changed);

    assertThat(window.pending()).isTrue();
    assertThat(window.dueAt()).isEqualTo(expectedDue);
    assertThat(window.isDue(expectedDue - 1)).isFalse();
    assertThat(window.isDue(expectedDue)).isTrue();
  }

  @ParameterizedTest(name = "after delivery at {0}, a change at {1} is due at {2}")
  @CsvSource({"110, 200, 210", "110, 111, 121"})
  void changed_afterDelivery_startsANewWindow(long deliveredAt, long nextChange, long due) {
    window.changed(100);
    assertThat(window.isDue(deliveredAt)).isTrue();
    window.delivered();
    assertThat(window.pending()).isFalse();
    assertThat(window.isDue(Long.MAX_VALUE)).isFalse();

    window.changed(nextChange);

    assertThat(window.dueAt()).isEqualTo(due);
  }
}
