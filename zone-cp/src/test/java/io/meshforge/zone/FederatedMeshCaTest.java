package io.meshforge.zone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.meshforge.ca.MeshCa;
import io.meshforge.ca.MeshCaSecrets;
import io.meshforge.ca.MeshCaSource;
import io.meshforge.ca.RotatingLeafCertificates;
import io.meshforge.ca.SealException;
import io.meshforge.ca.SecretSeal;
import io.meshforge.ca.SecretsKey;
import io.meshforge.ca.WorkloadCertificate;
import io.meshforge.ca.WorkloadIdentity;
import io.meshforge.global.GlobalCpApplication;
import io.meshforge.global.token.ZoneTokenIssuer;
import io.meshforge.local.FreePorts;
import io.meshforge.model.ResourceKey;
import io.meshforge.model.store.ResourceStore;
import io.meshforge.rest.auth.AdminBearer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Builtin mTLS across global and a zone, both real control planes in one JVM: a Mesh enabling a
 * builtin backend on global gets a CA, KDS brings the sealed CA Secret to the zone, and the zone,
 * holding the same secrets key, issues proxy certificates that validate against global's CA.
 */
class FederatedMeshCaTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final Duration AWAIT = Duration.ofSeconds(30);
  private static final String MESH =
      """
      type: Mesh
      name: default
      mtls:
        enabledBackend: ca-1
        backends:
        - name: ca-1
          type: builtin
      """;

  @TempDir Path dir;
  private ConfigurableApplicationContext global;
  private ConfigurableApplicationContext zone;

  @AfterEach
  void stop() {
    if (zone != null) {
      zone.close();
    }
    if (global != null) {
      global.close();
    }
  }

  @Test
  void builtinMesh_caReachesTheZone_whichIssuesLeavesValidUnderIt() throws Exception {
    Path key = dir.resolve("secrets.key");
    SecretsKey secretsKey = SecretsKey.loadOrCreate(key, new SecureRandom());
    int kdsPort = FreePorts.next();
    global = startGlobal(kdsPort, key);
    Path token = dir.resolve("zone-token");
    Files.writeString(
        token, global.getBean(ZoneTokenIssuer.class).issue("east", Duration.ofHours(1)).token());
    assertThat(put(global, "/meshes/default", MESH)).isEqualTo(201);
    ResourceKey caKey = MeshCaSecrets.secretKey("default", "ca-1");
    MeshCa globalCa =
        MeshCaSecrets.fromSecret(
            global.getBean(ResourceStore.class).get(caKey).orElseThrow(),
            SecretSeal.of(secretsKey));

    zone = startZone(kdsPort, token, "--secrets.key=" + key);
    ResourceStore zoneStore = zone.getBean(ResourceStore.class);
    await().atMost(AWAIT).until(() -> zoneStore.get(caKey).isPresent());
    RotatingLeafCertificates leaves = zone.getBean(RotatingLeafCertificates.class);
    await()
        .atMost(AWAIT)
        .until(() -> leaves.certificateFor(WorkloadIdentity.of("default", "web")).isPresent());

    WorkloadCertificate leaf =
        leaves.certificateFor(WorkloadIdentity.of("default", "web")).orElseThrow();
    assertThat(leaf.ca()).isEqualTo(globalCa.certificate());
    PKIXParameters params =
        new PKIXParameters(Set.of(new TrustAnchor(globalCa.certificate(), null)));
    params.setRevocationEnabled(false);
    CertPathValidator.getInstance("PKIX")
        .validate(
            CertificateFactory.getInstance("X.509").generateCertPath(List.of(leaf.certificate())),
            params);
  }

  @Test
  void builtinMesh_zoneWithoutTheKey_cannotOpenTheCa() throws Exception {
    Path key = dir.resolve("secrets.key");
    SecretsKey.loadOrCreate(key, new SecureRandom());
    Path otherKey = dir.resolve("other.key");
    SecretsKey.loadOrCreate(otherKey, new SecureRandom());
    int kdsPort = FreePorts.next();
    global = startGlobal(kdsPort, key);
    Path token = dir.resolve("zone-token");
    Files.writeString(
        token, global.getBean(ZoneTokenIssuer.class).issue("east", Duration.ofHours(1)).token());
    assertThat(put(global, "/meshes/default", MESH)).isEqualTo(201);

    zone = startZone(kdsPort, token, "--secrets.key=" + otherKey);
    ResourceStore zoneStore = zone.getBean(ResourceStore.class);
    await()
        .atMost(AWAIT)
        .until(() -> zoneStore.get(MeshCaSecrets.secretKey("default", "ca-1")).isPresent());
    MeshCaSource cas = zone.getBean(MeshCaSource.class);
    await()
        .atMost(AWAIT)
        .untilAsserted(() ->
            assertThatThrownBy(() -> cas.currentCa("default"))
                .isInstanceOf(SealException.class)
                .hasMessageContaining("same secrets key"));
  }

  private ConfigurableApplicationContext startGlobal(int kdsPort, Path key) {
    return GlobalCpApplication.start(
        "--state-dir",
        dir.resolve("global").toString(),
        "--api.http.port=0",
        "--diagnostics.port=0",
        "--kds.grpc.port=" + kdsPort,
        "--kds.tls.enabled=false",
        "--mesh.defaults.policies=false",
        "--secrets.key=" + key);
  }

  private ConfigurableApplicationContext startZone(int kdsPort, Path token, String secretsKey) {
    return ZoneCpApplication.start(
        "--state-dir",
        dir.resolve("zone").toString(),
        "--zone.name=east",
        "--store.type=memory",
        "--api.http.port=0",
        "--diagnostics.port=0",
        "--zone.global.address=grpc://localhost:" + kdsPort,
        "--zone.token=" + token,
        "--zone.kds.backoff=100ms",
        "--zone.kds.heartbeat=500ms",
        secretsKey);
  }

  private static int port(ConfigurableApplicationContext context) {
    return ((WebServerApplicationContext) context).getWebServer().getPort();
  }

  private static int put(ConfigurableApplicationContext context, String path, String yaml)
      throws Exception {
    return HTTP.send(
            HttpRequest.newBuilder(URI.create("http://localhost:" + port(context) + path))
                .header("Authorization", AdminBearer.header(context))
                .header("Content-Type", "application/yaml")
                .PUT(HttpRequest.BodyPublishers.ofString(yaml))
                .build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }
}
