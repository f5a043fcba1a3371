package io.meshforge.zone.kds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class GlobalAddressTest {

  @ParameterizedTest
  @CsvSource({
    "grpcs://global.example:5685, global.example, 5685, true",
    "global.example:7000, global.example, 7000, true",
    "global.example, global.example, 5685, true",
    "grpc://127.0.0.1:15685, 127.0.0.1, 15685, false",
  })
  void parse_knownForms_giveHostPortAndTls(String text, String host, int port, boolean tls) {
    assertThat(GlobalAddress.parse(text)).isEqualTo(new GlobalAddress(host, port, tls));
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://global:5685", "grpcs://global:5685/path", "grpcs://:5685"})
  void parse_malformed_failsNamingTheKey(String text) {
    assertThatThrownBy(() -> GlobalAddress.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("zone.global.address");
  }

  @ParameterizedTest
  @ValueSource(strings = {"grpcs://global:5685", "global:5685"})
  void credentials_tlsWithUnreadableCa_failsInsteadOfFallingBack(String text) {
    assertThatThrownBy(() ->
            GlobalChannels.credentials(GlobalAddress.parse(text), Path.of("/nonexistent/ca.pem")))
        .hasMessageContaining("zone.global.ca");
  }

  @ParameterizedTest
  @ValueSource(strings = {"grpc://global:5685"})
  void credentials_plaintextWithCa_isRefused(String text) {
    assertThatThrownBy(
            () -> GlobalChannels.credentials(GlobalAddress.parse(text), Path.of("ca.pem")))
        .hasMessageContaining("plaintext");
  }
}
