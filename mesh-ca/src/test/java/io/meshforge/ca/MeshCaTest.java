package io.meshforge.ca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshforge.model.Resource;
import io.meshforge.model.ResourceKey;
import io.meshforge.model.ResourceTypes;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.json.JsonMapper;

class MeshCaTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
  private final MeshCaGenerator generator =
      new MeshCaGenerator(new MutableClock(NOW), new SecureRandom());
  private final SecretSeal seal = SecretSeal.of(SecretsKey.generate(new SecureRandom()));

  static Resource mesh(String name, String specJson) {
    return Resource.of(
        ResourceKey.global(ResourceTypes.MESH, name), Map.of(), JSON.readTree(specJson));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "no mtls | {} | ",
        "no enabled backend | {\"mtls\":{\"backends\":[{\"name\":\"ca-1\",\"type\":\"builtin\"}]}} | ",
        "provided backend | {\"mtls\":{\"enabledBackend\":\"ca-1\",\"backends\":[{\"name\":\"ca-1\",\"type\":\"provided\"}]}} | ",
        "builtin backend | {\"mtls\":{\"enabledBackend\":\"ca-1\",\"backends\":[{\"name\":\"ca-0\",\"type\":\"provided\"},{\"name\":\"ca-1\",\"type\":\"builtin\"}]}} | ca-1",
      })
  void enabledIn_meshSpec_findsOnlyAnEnabledBuiltinBackend(
      String title, String spec, String expected) {
    assertThat(BuiltinBackend.enabledIn(mesh("m", spec)).map(BuiltinBackend::name))
        .isEqualTo(java.util.Optional.ofNullable(expected));
  }

  @ParameterizedTest(name = "{0} -> {1} days")
  @CsvSource({"10y, 3650", "30d, 30", "8760h, 365", "1d, 1"})
  void parseExpiration_units_giveDays(String text, long days) {
    assertThat(BuiltinBackend.parseExpiration(text)).isEqualTo(Duration.ofDays(days));
  }

  @Test
  void parseExpiration_garbage_isRefused() {
    assertThatThrownBy(() -> BuiltinBackend.parseExpiration("ten years"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("10y");
  }

  @Test
  void generate_defaults_ecCaForTheMeshValidTenYears() throws Exception {
    BuiltinBackend backend =
        BuiltinBackend.enabledIn(
                mesh(
                    "payments",
                    "{\"mtls\":{\"enabledBackend\":\"ca-1\",\"backends\":[{\"name\":\"ca-1\",\"type\":\"builtin\"}]}}"))
            .orElseThrow();

    MeshCa ca = generator.generate(backend);
    X509Certificate cert = ca.certificate();

    assertThat(ca.privateKey().getAlgorithm()).isEqualTo("EC");
    assertThat(cert.getBasicConstraints()).isZero();
    assertThat(cert.getKeyUsage()[5]).as("keyCertSign").isTrue();
    assertThat(cert.getSubjectX500Principal().getName()).contains("CN=payments");
    assertThat(cert.getSubjectAlternativeNames()).containsExactly(List.of(6, "spiffe://payments"));
    assertThat(cert.getNotAfter().toInstant()).isEqualTo(NOW.plus(Duration.ofDays(3650)));
    assertThat(cert.getNotBefore().toInstant()).isBefore(NOW);
    cert.verify(cert.getPublicKey());
  }

  @Test
  void generate_rsaBitsAndExpiration_followTheBackendConf() {
    BuiltinBackend backend =
        BuiltinBackend.enabledIn(
                mesh(
                    "m",
                    "{\"mtls\":{\"enabledBackend\":\"b\",\"backends\":[{\"name\":\"b\",\"type\":\"builtin\","
                        + "\"conf\":{\"caCert\":{\"RSAbits\":2048,\"expiration\":\"1y\"}}}]}}"))
            .orElseThrow();

    MeshCa ca = generator.generate(backend);

    assertThat(ca.privateKey().getAlgorithm()).isEqualTo("RSA");
    assertThat(ca.certificate().getNotAfter().toInstant())
        .isEqualTo(NOW.plus(Duration.ofDays(365)));
  }

  @Test
  void toSecret_roundTrip_givesTheSameCaAndNoPlaintextKey() {
    MeshCa ca = generator.generate(new BuiltinBackend("m", "ca-1", Duration.ofDays(1), 0));

    Resource secret = MeshCaSecrets.toSecret(ca, seal);
    MeshCa back = MeshCaSecrets.fromSecret(secret, seal);

    assertThat(secret.key())
        .isEqualTo(ResourceKey.inMesh(ResourceTypes.SECRET, "m", "m.ca-builtin-ca-1"));
    assertThat(back.certificate()).isEqualTo(ca.certificate());
    assertThat(back.privateKey().getEncoded()).isEqualTo(ca.privateKey().getEncoded());
    String stored = secret.spec().toString();
    String decoded =
        new String(
            Base64.getDecoder().decode(secret.spec().path("data").asString()),
            StandardCharsets.UTF_8);
    String keyBase64 = Base64.getEncoder().encodeToString(ca.privateKey().getEncoded());
    assertThat(stored + decoded).doesNotContain("PRIVATE KEY").doesNotContain(keyBase64);
    assertThat(decoded).contains("BEGIN CERTIFICATE").contains("mfseal1.");
  }

  @Test
  void fromSecret_copiedToAnotherMesh_doesNotOpen() {
    MeshCa ca = generator.generate(new BuiltinBackend("m", "ca-1", Duration.ofDays(1), 0));
    Resource secret = MeshCaSecrets.toSecret(ca, seal);
    Resource moved =
        Resource.of(
            ResourceKey.inMesh(ResourceTypes.SECRET, "other", secret.name()),
            Map.of(),
            secret.spec());

    assertThatThrownBy(() -> MeshCaSecrets.fromSecret(moved, seal))
        .isInstanceOf(SealException.class);
  }

  @Test
  void secretName_veryLongMesh_staysAValidLengthAndDistinct() {
    String longMesh = "a".repeat(250);

    String name = MeshCaSecrets.secretName(longMesh, "ca-1");

    assertThat(name)
        .hasSizeLessThanOrEqualTo(253)
        .isNotEqualTo(MeshCaSecrets.secretName(longMesh, "ca-2"));
  }
}
