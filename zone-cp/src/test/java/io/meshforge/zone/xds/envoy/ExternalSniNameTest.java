package io.meshforge.zone.xds.envoy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExternalSniNameTest {

  @ParameterizedTest(name = "{0}/{1}:{2} -> {3}")
  @CsvSource({
    "default, httpbin, 80, httpbin.80.ext--svc.default.mf",
    "default, api_v1, 443, x--api-5fv1.443.ext--svc.default.mf",
    "Shop, db, 5432, db.5432.ext--svc.x---53hop.mf"
  })
  void of_externalService_putsTheReservedLabelWhereTheZoneGoes(
      String mesh, String name, int port, String expected) {
    assertThat(ExternalSniName.of(mesh, name, port)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "zone {0}")
  @CsvSource({"ext--svc", "ext-svc", "extsvc"})
  void of_neverEqualsACrossZoneName(String zone) {
    assertThat(SniName.of("default", "httpbin", zone, 80))
        .isNotEqualTo(ExternalSniName.of("default", "httpbin", 80));
  }

  @org.junit.jupiter.api.Test
  void of_nameTooLong_isRefused() {
    assertThatThrownBy(() -> ExternalSniName.of("default", "a".repeat(240), 80))
        .isInstanceOf(SniNameTooLongException.class);
  }
}
