package io.meshforge.zone.xds.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.Secret;
import io.meshforge.ca.BuiltinBackend;
import io.meshforge.ca.LeafCertificateIssuer;
import io.meshforge.ca.LeafSettings;
import io.meshforge.ca.MeshCa;
import io.meshforge.ca.MeshCaGenerator;
import io.meshforge.ca.WorkloadCertificate;
import io.meshforge.ca.WorkloadIdentity;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TransportSocketsTest {

  @Test
  void inbound_http_requiresAClientCertOfTheMesh() throws Exception {
    Golden.assertMatches(
        "inbound-socket", TransportSockets.inbound("default", List.of("h2", "http/1.1")));
  }

  @Test
  void outbound_service_checksTheServiceSpiffeIdAndSendsSni() throws Exception {
    Golden.assertMatches(
        "outbound-socket",
        TransportSockets.outbound("default", "backend", "backend{mesh=default}", List.of()));
  }

  @Test
  void secretNames_meshes_neverCollide() {
    assertThat(TlsSecretNames.identity("a")).isNotEqualTo(TlsSecretNames.identity("b"));
    assertThat(TlsSecretNames.meshCa("a"))
        .isNotEqualTo(TlsSecretNames.meshCa("b"))
        .isNotEqualTo(TlsSecretNames.identity("a"));
  }

  @Test
  void sdsSecrets_identityAndCa_carryThePemsUnderTheirNames() {
    MeshCa ca =
        MeshCaGenerator.systemDefault()
            .generate(new BuiltinBackend("default", "ca-1", Duration.ofDays(1), 0));
    WorkloadCertificate leaf =
        new LeafCertificateIssuer(new SecureRandom())
            .issue(
                ca, WorkloadIdentity.of("default", "web"), Instant.now(), LeafSettings.defaults());

    Secret identity = SdsSecrets.identity("default", leaf);
    Secret meshCa = SdsSecrets.meshCa("default", List.of(ca.certificate()));

    assertThat(identity.getName()).isEqualTo(TlsSecretNames.identity("default"));
    assertThat(
            identity
                .getTlsCertificate()
                .getPrivateKey()
                .getInlineBytes()
                .toString(StandardCharsets.US_ASCII))
        .isEqualTo(leaf.privateKeyPem());
    assertThat(
            identity
                .getTlsCertificate()
                .getCertificateChain()
                .getInlineBytes()
                .toString(StandardCharsets.US_ASCII))
        .isEqualTo(leaf.certificateChainPem());
    assertThat(meshCa.getName()).isEqualTo(TlsSecretNames.meshCa("default"));
    assertThat(
            meshCa
                .getValidationContext()
                .getTrustedCa()
                .getInlineBytes()
                .toString(StandardCharsets.US_ASCII))
        .isEqualTo(ca.certificatePem());
  }
}
