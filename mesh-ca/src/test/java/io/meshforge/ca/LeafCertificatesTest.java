package io.meshforge.ca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class LeafCertificatesTest {
  private static final Instant START = Instant.parse("2026-03-01T00:00:00Z");
  private final MutableClock clock = new MutableClock(START);
  private final MeshCaGenerator generator = new MeshCaGenerator(clock, new SecureRandom());
  private final MeshCa ca =
      generator.generate(new BuiltinBackend("m", "ca-1", Duration.ofDays(3650), 0));
  private final AtomicReference<MeshCa> current = new AtomicReference<>(ca);
  private final LeafSettings settings = new LeafSettings(Duration.ofHours(10), 0.8);
  private final RotatingLeafCertificates leaves =
      new RotatingLeafCertificates(
          mesh -> mesh.equals("m") ? Optional.ofNullable(current.get()) : Optional.empty(),
          new LeafCertificateIssuer(new SecureRandom()),
          settings,
          clock);

  static void validate(X509Certificate leaf, X509Certificate anchor, Instant at) throws Exception {
    PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(anchor, null)));
    params.setRevocationEnabled(false);
    params.setDate(Date.from(at));
    CertPathValidator.getInstance("PKIX")
        .validate(CertificateFactory.getInstance("X.509").generateCertPath(List.of(leaf)), params);
  }

  @Test
  void certificateFor_service_isValidUnderTheMeshCaWithSpiffeAndKumaSans() throws Exception {
    WorkloadCertificate leaf =
        leaves.certificateFor(WorkloadIdentity.of("m", "backend")).orElseThrow();

    validate(leaf.certificate(), ca.certificate(), START);
    assertThat(leaf.certificate().getSubjectAlternativeNames())
        .containsExactly(
            List.of(6, "spiffe://m/backend"), List.of(6, "kuma://kuma.io/service/backend"));
    assertThat(leaf.certificate().getBasicConstraints()).isEqualTo(-1);
    assertThat(leaf.certificate().getExtendedKeyUsage())
        .containsExactly("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2");
    assertThat(leaf.expiresAt()).isEqualTo(START.plus(Duration.ofHours(10)));
    assertThat(leaf.renewAt()).isEqualTo(START.plus(Duration.ofHours(8)));
    assertThat(leaf.privateKeyPem()).startsWith("-----BEGIN PRIVATE KEY-----");
  }

  @Test
  void certificateFor_otherMeshCa_doesNotValidate() {
    MeshCa stranger = generator.generate(new BuiltinBackend("m", "ca-2", Duration.ofDays(1), 0));
    WorkloadCertificate leaf =
        leaves.certificateFor(WorkloadIdentity.of("m", "backend")).orElseThrow();

    assertThatThrownBy(() -> validate(leaf.certificate(), stranger.certificate(), START))
        .isInstanceOf(CertPathValidatorException.class);
  }

  @Test
  void certificateFor_afterExpiry_doesNotValidate() {
    WorkloadCertificate leaf =
        leaves.certificateFor(WorkloadIdentity.of("m", "backend")).orElseThrow();

    assertThatThrownBy(
            () -> validate(leaf.certificate(), ca.certificate(), START.plus(Duration.ofHours(11))))
        .isInstanceOf(CertPathValidatorException.class);
  }

  @Test
  void certificateFor_beforeRenewal_returnsTheSameCertificate() {
    WorkloadIdentity id = WorkloadIdentity.of("m", "backend");
    WorkloadCertificate first = leaves.certificateFor(id).orElseThrow();

    clock.advance(Duration.ofHours(8).minusSeconds(1));

    assertThat(leaves.certificateFor(id)).containsSame(first);
    assertThat(leaves.nextRenewal()).contains(START.plus(Duration.ofHours(8)));
  }

  @Test
  void certificateFor_atRenewal_issuesAFreshValidCertificate() throws Exception {
    WorkloadIdentity id = WorkloadIdentity.of("m", "backend");
    WorkloadCertificate first = leaves.certificateFor(id).orElseThrow();

    clock.advance(Duration.ofHours(8));
    WorkloadCertificate second = leaves.certificateFor(id).orElseThrow();

    assertThat(second.certificate()).isNotEqualTo(first.certificate());
    assertThat(second.issuedAt()).isEqualTo(START.plus(Duration.ofHours(8)));
    assertThat(leaves.nextRenewal()).contains(START.plus(Duration.ofHours(16)));
    validate(second.certificate(), ca.certificate(), START.plus(Duration.ofHours(17)));
  }

  @Test
  void certificateFor_caChanged_reissuesUnderTheNewCa() throws Exception {
    WorkloadIdentity id = WorkloadIdentity.of("m", "backend");
    leaves.certificateFor(id).orElseThrow();
    MeshCa rotated = generator.generate(new BuiltinBackend("m", "ca-2", Duration.ofDays(30), 0));

    current.set(rotated);
    WorkloadCertificate after = leaves.certificateFor(id).orElseThrow();

    validate(after.certificate(), rotated.certificate(), START);
    assertThat(after.ca()).isEqualTo(rotated.certificate());
  }

  @Test
  void certificateFor_noCa_isEmptyAndForgetsTheCachedOne() {
    WorkloadIdentity id = WorkloadIdentity.of("m", "backend");
    leaves.certificateFor(id).orElseThrow();

    current.set(null);

    assertThat(leaves.certificateFor(id)).isEmpty();
    assertThat(leaves.size()).isZero();
    assertThat(leaves.certificateFor(WorkloadIdentity.of("other", "x"))).isEmpty();
  }

  @Test
  void certificateFor_caExpiresSooner_isCappedAtTheCaExpiry() {
    MeshCa shortLived = generator.generate(new BuiltinBackend("m", "ca-3", Duration.ofHours(5), 0));
    current.set(shortLived);

    WorkloadCertificate leaf =
        leaves.certificateFor(WorkloadIdentity.of("m", "backend")).orElseThrow();

    assertThat(leaf.expiresAt()).isEqualTo(START.plus(Duration.ofHours(5)));
    assertThat(leaf.renewAt()).isEqualTo(START.plus(Duration.ofHours(4)));
  }

  @Test
  void retainOnly_unusedIdentity_isForgotten() {
    leaves.certificateFor(WorkloadIdentity.of("m", "a"));
    leaves.certificateFor(WorkloadIdentity.of("m", "b"));

    leaves.retainOnly(List.of(WorkloadIdentity.of("m", "a")));

    assertThat(leaves.size()).isEqualTo(1);
  }

  @Test
  void workloadIdentity_tags_addKumaSansAfterTheSpiffeIds() {
    TreeMap<String, SortedSet<String>> tags = new TreeMap<>();
    tags.put("version", new TreeSet<>(Set.of("v2")));
    WorkloadIdentity id = new WorkloadIdentity("m", new TreeSet<>(Set.of("web", "api")), tags);

    assertThat(id.uriSans())
        .containsExactly(
            "spiffe://m/api",
            "spiffe://m/web",
            "kuma://kuma.io/service/api",
            "kuma://kuma.io/service/web",
            "kuma://version/v2");
    assertThat(Map.copyOf(id.tags())).containsKeys("kuma.io/service", "version");
  }

  @Test
  void workloadIdentity_ofDataplane_collectsServicesAndTagsOfEveryInbound() {
    var dataplane =
        new io.meshforge.model.codec.ResourceCodec()
            .decode(
                """
                type: Dataplane
                name: dp-1
                mesh: m
                networking:
                  address: 10.0.0.1
                  inbound:
                  - port: 8080
                    tags: {kuma.io/service: web, version: v1}
                  - port: 9090
                    tags: {kuma.io/service: admin, version: v1}
                """
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8),
                io.meshforge.model.codec.DocumentFormat.YAML);

    WorkloadIdentity id = WorkloadIdentity.ofDataplane(dataplane);

    assertThat(id)
        .isEqualTo(
            new WorkloadIdentity(
                "m",
                new TreeSet<>(Set.of("web", "admin")),
                new TreeMap<>(Map.of("version", new TreeSet<>(Set.of("v1"))))));
    assertThat(id.uriSans()).startsWith("spiffe://m/admin", "spiffe://m/web");
  }

  @Test
  void leafSettings_badShare_isRefused() {
    assertThatThrownBy(() -> new LeafSettings(Duration.ofHours(1), 1.0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
