package io.meshforge.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MarkerAddressTest {
  private final EmulatedProxy.MarkerAddress markers = new EmulatedProxy.MarkerAddress(3);

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 249, 250, 251, 12_345, 62_499})
  void changeOf_addressOfAChange_isThatChange(int change) {
    assertThat(markers.changeOf(markers.of(change))).isEqualTo(change);
  }

  @ParameterizedTest
  @CsvSource({"127.2.0.1", "127.30.0.1", "10.3.0.1", "127.0.0.1"})
  void changeOf_otherAddress_isNoMarker(String address) {
    assertThat(markers.changeOf(address)).isEqualTo(-1);
  }
}
