package io.meshforge.global.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshforge.ca.MeshCa;
import io.meshforge.ca.MeshCaSecrets;
import io.meshforge.ca.SecretSeal;
import io.meshforge.model.store.ResourceStore;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Base64;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The builtin mesh CA on global: created with the Mesh, kept, sealed at rest (S9). */
class MeshCaApiTest extends ApiTestBase {

  @Autowired DataSource dataSource;
  @Autowired SecretSeal seal;
  @Autowired ResourceStore store;

  static String builtinMesh(String name, String extra) {
    return """
    type: Mesh
    name: %s
    %s
    mtls:
      enabledBackend: ca-1
      backends:
      - name: ca-1
        type: builtin
        conf:
          caCert:
            expiration: 1y
    """
        .formatted(name, extra);
  }

  private String caSecretPath(String mesh) {
    return "/meshes/" + mesh + "/secrets/" + mesh + ".ca-builtin-ca-1";
  }

  @Test
  void putMesh_builtinBackend_createsTheCaSecretAtOnce() throws Exception {
    Answer put = putYaml("/meshes/ca-a", builtinMesh("ca-a", ""));

    assertThat(put.status()).as(put.body()).isEqualTo(201);
    Answer secret = get(caSecretPath("ca-a"));
    assertThat(secret.status()).as(secret.body()).isEqualTo(200);
    MeshCa ca =
        MeshCaSecrets.fromSecret(
            store.get(MeshCaSecrets.secretKey("ca-a", "ca-1")).orElseThrow(), seal);
    assertThat(ca.certificate().getSubjectAlternativeNames())
        .containsExactly(List.of(6, "spiffe://ca-a"));
  }

  @Test
  void putMesh_again_keepsTheSameCa() {
    putYaml("/meshes/ca-b", builtinMesh("ca-b", ""));
    String before = get(caSecretPath("ca-b")).json().path("data").asString();

    Answer update = putYaml("/meshes/ca-b", builtinMesh("ca-b", "labels: {team: x}"));

    assertThat(update.status()).as(update.body()).isEqualTo(200);
    assertThat(get(caSecretPath("ca-b")).json().path("data").asString()).isEqualTo(before);
  }

  @Test
  void putMesh_withoutMtls_createsNoCa() {
    createMesh("ca-c");

    assertThat(get(caSecretPath("ca-c")).status()).isEqualTo(404);
  }

  @Test
  void caSecretRow_inPostgres_holdsNoPlaintextKey() throws SQLException {
    putYaml("/meshes/ca-d", builtinMesh("ca-d", ""));
    MeshCa ca =
        MeshCaSecrets.fromSecret(
            store.get(MeshCaSecrets.secretKey("ca-d", "ca-1")).orElseThrow(), seal);

    String rowText = rowAsText("ca-d", "ca-d.ca-builtin-ca-1");

    String data =
        new String(
            Base64.getDecoder()
                .decode(rowText.replaceAll("(?s).*\"\"data\"\": \"\"([^\"]+)\"\".*", "$1")),
            StandardCharsets.UTF_8);
    byte[] der = ca.privateKey().getEncoded();
    for (String haystack : List.of(rowText, data)) {
      assertThat(haystack)
          .doesNotContain("PRIVATE KEY")
          .doesNotContain(Base64.getEncoder().encodeToString(der))
          .doesNotContain(Base64.getMimeEncoder().encodeToString(der).substring(0, 40));
    }
    assertThat(data).contains("\"key\":\"mfseal1.");
  }

  /** Every column of the Secret's row, as PostgreSQL renders it. */
  private String rowAsText(String mesh, String name) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement query =
            connection.prepareStatement(
                "SELECT r::text FROM resources r WHERE type = 'Secret' AND mesh = ? AND name = ?")) {
      query.setString(1, mesh);
      query.setString(2, name);
      try (ResultSet rows = query.executeQuery()) {
        assertThat(rows.next()).as("the Secret's row").isTrue();
        return rows.getString(1);
      }
    }
  }

  @Test
  void deleteCaSecret_whileBackendEnabled_isRefusedThenAllowedAfterSwitchingOff() {
    putYaml("/meshes/ca-e", builtinMesh("ca-e", ""));

    Answer refused = delete(caSecretPath("ca-e"));

    assertThat(refused.status()).as(refused.body()).isEqualTo(409);
    assertThat(refused.body()).contains("enabled mTLS backend");
    assertThat(putYaml("/meshes/ca-e", "type: Mesh\nname: ca-e\n").status()).isEqualTo(200);
    assertThat(get(caSecretPath("ca-e")).status()).as("kept after mTLS off").isEqualTo(200);
    assertThat(delete(caSecretPath("ca-e")).status()).isEqualTo(200);
  }

  @Test
  void putMesh_invalidCaExpiration_is400NamingTheField() {
    Answer answer =
        putYaml(
            "/meshes/ca-f",
            builtinMesh("ca-f", "").replace("expiration: 1y", "expiration: forever"));

    assertThat(answer.status()).as(answer.body()).isEqualTo(400);
    assertThat(answer.body()).contains("mtls.backends").contains("10y");
  }
}
