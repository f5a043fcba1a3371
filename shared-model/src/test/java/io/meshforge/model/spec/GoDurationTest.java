package io.meshforge.model.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class GoDurationTest {

  @ParameterizedTest
  @CsvSource({
    "100ms, PT0.1S",
    "5s, PT5S",
    "1m30s, PT1M30S",
    "1h, PT1H",
    "1.5h, PT1H30M",
    "0, PT0S",
    "0s, PT0S",
    "250us, PT0.00025S",
    "1h2m3s4ms, PT1H2M3.004S",
    ".5s, PT0.5S"
  })
  void parse_goDuration_givesTheDuration(String text, String iso) {
    assertThat(GoDuration.parse(text).value()).isEqualTo(Duration.parse(iso));
    assertThat(GoDuration.parse(text).text()).isEqualTo(text);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"5", "s", "5x", "1d", "", "1..5s", "5 s", "PT5S", "1h-5m", "99999999999999h"})
  void parse_invalidDuration_throwsWithMessage(String text) {
    assertThatThrownBy(() -> GoDuration.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("duration");
  }

  @ParameterizedTest
  @ValueSource(strings = {"-1s", "-0.5h"})
  void parse_negativeDuration_isRefused(String text) {
    assertThatThrownBy(() -> GoDuration.parse(text)).hasMessage("must not be negative");
  }
}
