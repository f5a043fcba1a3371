package io.meshforge.zone.xds.insight;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Unit tests of {@link CertificateStatus}: the {@code mTLS} object of a DataplaneInsight. */
class CertificateStatusTest {

  private static final Instant EXPIRES = Instant.parse("2026-03-02T10:00:00Z");
  private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
  private static final CertificateStatus FIRST =
      new CertificateStatus(EXPIRES, "ca-1", List.of("ca-1"));

  @Test
  void over_nothingRecorded_recordsTheFirstRegeneration() {
    ObjectNode mtls = FIRST.over(null, NOW).orElseThrow();

    assertThat(mtls.path("certificateExpirationTime").asString()).isEqualTo("2026-03-02T10:00:00Z");
    assertThat(mtls.path("lastCertificateRegeneration").asString())
        .isEqualTo("2026-03-01T10:00:00Z");
    assertThat(mtls.path("certificateRegenerations").asLong()).isEqualTo(1);
    assertThat(mtls.path("issuedBackend").asString()).isEqualTo("ca-1");
    assertThat(mtls.path("supportedBackends").get(0).asString()).isEqualTo("ca-1");
    assertThat(mtls.path("supportedBackends")).hasSize(1);
  }

  @Test
  void over_theSameCertificateRecorded_writesNothing() {
    JsonNode recorded = FIRST.over(null, NOW).orElseThrow();

    assertThat(FIRST.over(recorded, NOW.plusSeconds(60))).isEmpty();
  }

  @Test
  void over_aRenewedCertificate_countsAnotherRegeneration() {
    JsonNode recorded = FIRST.over(null, NOW).orElseThrow();
    CertificateStatus renewed =
        new CertificateStatus(EXPIRES.plusSeconds(3600), "ca-1", List.of("ca-1"));

    ObjectNode mtls = renewed.over(recorded, NOW.plusSeconds(3600)).orElseThrow();

    assertThat(mtls.path("certificateRegenerations").asLong()).isEqualTo(2);
    assertThat(mtls.path("certificateExpirationTime").asString()).isEqualTo("2026-03-02T11:00:00Z");
    assertThat(mtls.path("lastCertificateRegeneration").asString())
        .isEqualTo("2026-03-01T11:00:00Z");
  }

  @Test
  void over_anotherBackendWithTheSameExpiry_countsAnotherRegeneration() {
    JsonNode recorded = FIRST.over(null, NOW).orElseThrow();
    CertificateStatus other = new CertificateStatus(EXPIRES, "ca-2", List.of("ca-1", "ca-2"));

    ObjectNode mtls = other.over(recorded, NOW).orElseThrow();

    assertThat(mtls.path("certificateRegenerations").asLong()).isEqualTo(2);
    assertThat(mtls.path("issuedBackend").asString()).isEqualTo("ca-2");
  }

  @Test
  void over_onlyTheDeclaredBackendsChanged_updatesThemWithoutCounting() {
    JsonNode recorded = FIRST.over(null, NOW).orElseThrow();
    CertificateStatus more = new CertificateStatus(EXPIRES, "ca-1", List.of("ca-1", "ca-2"));

    Optional<ObjectNode> mtls = more.over(recorded, NOW.plusSeconds(60));

    assertThat(mtls).isPresent();
    assertThat(mtls.get().path("certificateRegenerations").asLong()).isEqualTo(1);
    assertThat(mtls.get().path("lastCertificateRegeneration").asString())
        .isEqualTo("2026-03-01T10:00:00Z");
    assertThat(mtls.get().path("supportedBackends")).hasSize(2);
  }
}
