package io.meshforge.model.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LeaseSettingsTest {

  @ParameterizedTest(name = "lease {0} ms, renew {1} ms, retry {2} ms, margin {3} ms: valid={4}")
  @CsvSource({
    "15000, 3000, 2000, 1000, true",
    "1000, 450, 100, 100, true", // exactly 2 × renew + margin
    "1000, 451, 100, 100, false", // one renewal late would lose the lease
    "1000, 0, 100, 100, false",
    "1000, 100, 0, 100, false",
    "1000, 100, 100, -1, false",
  })
  void constructor_intervals_acceptedOnlyWhenARenewalCanFailOnce(
      long lease, long renew, long retry, long margin, boolean valid) {
    if (valid) {
      assertThat(new LeaseSettings(ms(lease), ms(renew), ms(retry), ms(margin)).leaseDuration())
          .isEqualTo(ms(lease));
    } else {
      assertThatThrownBy(() -> new LeaseSettings(ms(lease), ms(renew), ms(retry), ms(margin)))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @ParameterizedTest(name = "ofLease({0} ms)")
  @CsvSource({"10000", "1000"})
  void ofLease_anyLease_derivesValidIntervals(long lease) {
    LeaseSettings settings = LeaseSettings.ofLease(ms(lease));

    assertThat(settings.renewInterval()).isEqualTo(ms(lease / 5));
    assertThat(settings.clockMargin()).isEqualTo(ms(lease / 10));
  }

  @ParameterizedTest(name = "delay {0} ms, max {1} ms: valid={2}")
  @CsvSource({"20, 200, true", "0, 0, true", "200, 200, true", "201, 200, false", "-1, 5, false"})
  void debounceSettings_delays_maxNeverBelowDelay(long delay, long max, boolean valid) {
    if (valid) {
      assertThat(new DebounceSettings(ms(delay), ms(max)).maxDelay()).isEqualTo(ms(max));
    } else {
      assertThatThrownBy(() -> new DebounceSettings(ms(delay), ms(max)))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  private static Duration ms(long millis) {
    return Duration.ofMillis(millis);
  }
}
