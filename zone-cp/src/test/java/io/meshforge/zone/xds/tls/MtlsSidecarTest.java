package io.meshforge.zone.xds.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.Secret;
import io.meshforge.ca.BuiltinBackend;
import io.meshforge.ca.LeafCertificateIssuer;
import io.meshforge.ca.LeafSettings;
import io.meshforge.ca.MeshCa;
import io.meshforge.ca.MeshCaGenerator;
import io.meshforge.ca.Pem;
import io.meshforge.ca.RotatingLeafCertificates;
import io.meshforge.model.Resource;
import io.meshforge.model.ResourceTypes;
import io.meshforge.model.codec.DocumentFormat;
import io.meshforge.model.codec.ResourceCodec;
import io.meshforge.zone.xds.GoldenFiles;
import io.meshforge.zone.xds.context.MeshContext;
import io.meshforge.zone.xds.context.ProxyContext;
import io.meshforge.zone.xds.context.ProxyMetadata;
import io.meshforge.zone.xds.envoy.EnvoyJson;
import io.meshforge.zone.xds.generator.EnvoyResources;
import io.meshforge.zone.xds.generator.GenerationException;
import io.meshforge.zone.xds.generator.SidecarGenerator;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The sidecar generator with the builtin mTLS seams filled in: golden files of an mTLS sidecar
 * (everything but the secrets, whose keys are random), the secrets themselves (S10: a proxy only
 * gets its own mesh's), plaintext without mTLS, and a missing CA refusing to fall back to
 * plaintext.
 */
class MtlsSidecarTest {
  private static final ResourceCodec CODEC = new ResourceCodec();
  private static final Map<String, MeshCa> CAS = new TreeMap<>();

  static {
    for (String mesh : List.of("default", "other")) {
      CAS.put(
          mesh,
          MeshCaGenerator.systemDefault()
              .generate(new BuiltinBackend(mesh, "ca-1", Duration.ofDays(1), 0)));
    }
  }

  private final RotatingLeafCertificates certificates =
      new RotatingLeafCertificates(
          mesh -> Optional.ofNullable(CAS.get(mesh)),
          new LeafCertificateIssuer(new SecureRandom()),
          LeafSettings.defaults(),
          Clock.systemUTC());
  private final SidecarGenerator generator =
      SidecarGenerator.standard(new MtlsInboundSecurity(), new MtlsOutboundSecurity())
          .with(new SdsSecretGenerator(certificates));

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"web-1", "redis-1"})
  void generate_mtlsMesh_matchesGoldenFile(String dataplane) throws Exception {
    EnvoyResources resources = generator.generate(proxy("default", dataplane, true));

    Map<String, List<? extends com.google.protobuf.Message>> withoutSecrets =
        new TreeMap<>(resources.byType());
    withoutSecrets.remove("secrets");
    GoldenFiles.assertMatches(
        "mtls/" + dataplane + ".golden.json", EnvoyJson.pretty(EnvoyJson.tree(withoutSecrets)));
    assertThat(resources.secrets())
        .extracting(Secret::getName)
        .containsExactly("identity_cert:secret:default", "mesh_ca:secret:default");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"default", "other"})
  void secrets_ofAProxy_areOfItsOwnMeshOnly(String mesh) throws Exception {
    EnvoyResources resources = generator.generate(proxy(mesh, "web-1", true));

    assertThat(resources.secrets())
        .extracting(Secret::getName)
        .allMatch(name -> name.endsWith(":" + mesh));
    Secret identity = resources.secrets().get(0);
    X509Certificate leaf =
        certificate(identity.getTlsCertificate().getCertificateChain().getInlineBytes());
    leaf.verify(CAS.get(mesh).certificate().getPublicKey());
    List<String> sans =
        leaf.getSubjectAlternativeNames().stream().map(san -> san.get(1).toString()).toList();
    assertThat(sans)
        .contains("spiffe://" + mesh + "/web")
        .filteredOn(san -> san.startsWith("spiffe://"))
        .allMatch(san -> san.startsWith("spiffe://" + mesh + "/"));
    String trusted =
        resources
            .secrets()
            .get(1)
            .getValidationContext()
            .getTrustedCa()
            .getInlineBytes()
            .toStringUtf8();
    assertThat(trusted).isEqualTo(Pem.certificate(CAS.get(mesh).certificate()));
    CAS.keySet().stream()
        .filter(m -> !m.equals(mesh))
        .forEach(m -> assertThat(trusted).isNotEqualTo(Pem.certificate(CAS.get(m).certificate())));
  }

  @Test
  void generate_meshWithoutMtls_isPlaintextWithoutRbacOrSecrets() throws Exception {
    EnvoyResources resources = generator.generate(proxy("default", "web-1", false));

    String json = EnvoyJson.pretty(EnvoyJson.tree(resources.byType()));
    assertThat(resources.secrets()).isEmpty();
    assertThat(json).doesNotContain("transport_socket", "transportSocket", "rbac");
  }

  @Test
  void generate_mtlsMeshWhoseCaIsMissing_failsInsteadOfFallingBackToPlaintext() throws Exception {
    RotatingLeafCertificates noCa =
        new RotatingLeafCertificates(
            mesh -> Optional.empty(),
            new LeafCertificateIssuer(new SecureRandom()),
            LeafSettings.defaults(),
            Clock.systemUTC());
    SidecarGenerator withoutCa =
        SidecarGenerator.standard(new MtlsInboundSecurity(), new MtlsOutboundSecurity())
            .with(new SdsSecretGenerator(noCa));

    assertThatThrownBy(() -> withoutCa.generate(proxy("default", "web-1", true)))
        .isInstanceOf(GenerationException.class)
        .hasStackTraceContaining("CA has not reached this zone");
  }

  @Test
  void nextChange_afterIssuing_isTheCertificatesRenewalTime() throws Exception {
    assertThat(generator.nextChange()).isEmpty();

    generator.generate(proxy("default", "web-1", true));

    assertThat(generator.nextChange()).isEqualTo(certificates.nextRenewal()).isPresent();
    generator.retainOnly(List.of());
    assertThat(generator.nextChange()).isEmpty();
  }

  private static ProxyContext proxy(String mesh, String dataplane, boolean mtls) throws Exception {
    String yaml =
        GoldenFiles.read("mtls/sidecar.input.yaml")
            .replace("mesh: default", "mesh: " + mesh)
            .replace("name: default\n", "name: " + mesh + "\n");
    if (!mtls) {
      yaml = yaml.replaceFirst("(?s)mtls:.*?type: builtin\\}\n", "");
    }
    List<Resource> all =
        CODEC.readDocuments(yaml.getBytes(StandardCharsets.UTF_8), DocumentFormat.YAML).stream()
            .map(CODEC::decode)
            .toList();
    MeshContext context =
        MeshContext.build(
            mesh,
            all.stream().filter(r -> r.type().equals(ResourceTypes.MESH)).findFirst().orElseThrow(),
            all.stream().filter(r -> r.type().equals(ResourceTypes.DATAPLANE)).toList(),
            List.of(),
            all.stream()
                .filter(r -> r.type().equals(ResourceTypes.MESH_TRAFFIC_PERMISSION))
                .toList());
    return ProxyContext.of(context, dataplane, ProxyMetadata.ENVOY).orElseThrow();
  }

  private static X509Certificate certificate(com.google.protobuf.ByteString pem) throws Exception {
    return (X509Certificate)
        CertificateFactory.getInstance("X.509")
            .generateCertificate(new ByteArrayInputStream(pem.toByteArray()));
  }
}
