package io.meshforge.zone.xds.insight;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code CertificateStatus} is the {@code mTLS} object of a {@code DataplaneInsight}, in Kuma's
 * field names: {@code certificateExpirationTime}, {@code lastCertificateRegeneration}, {@code
 * certificateRegenerations}, {@code issuedBackend} and {@code supportedBackends}.
 *
 * <p>A certificate is told to be a regeneration only when it is not the one already recorded (its
 * expiry or backend differs): the same certificate is handed again on every generation of the
 * proxy's secrets, and after a reconnect, and must not count again. Expiry identifies a certificate
 * here because each one's lifetime starts when it is issued.
 *
 * @param expiresAt when the certificate the proxy holds expires
 * @param backend the mTLS backend that issued it
 * @param supportedBackends the backends the mesh declares
 */
public record CertificateStatus(Instant expiresAt, String backend, List<String> supportedBackends) {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  /** Checks the fields and copies the list. */
  public CertificateStatus {
    Objects.requireNonNull(expiresAt, "expiresAt");
    Objects.requireNonNull(backend, "backend");
    supportedBackends = List.copyOf(supportedBackends);
  }

  /**
   * Returns the {@code mTLS} object that records this certificate over the one recorded now.
   *
   * @param recorded the insight's current {@code mTLS} object (missing or null when none)
   * @param now when the proxy was handed the certificate
   * @return the new object, or empty when {@code recorded} already says all of this
   */
  public Optional<ObjectNode> over(JsonNode recorded, Instant now) {
    boolean sameCertificate =
        recorded != null
            && expiresAt.toString().equals(recorded.path("certificateExpirationTime").asString(""))
            && backend.equals(recorded.path("issuedBackend").asString(""));
    if (sameCertificate && supportedBackends.equals(backendsOf(recorded))) {
      return Optional.empty();
    }
    ObjectNode next = recorded instanceof ObjectNode o ? o.deepCopy() : JSON.objectNode();
    if (!sameCertificate) {
      next.put("certificateExpirationTime", expiresAt.toString());
      next.put("lastCertificateRegeneration", now.toString());
      next.put("certificateRegenerations", next.path("certificateRegenerations").asLong(0) + 1);
      next.put("issuedBackend", backend);
    }
    var backends = next.putArray("supportedBackends");
    supportedBackends.forEach(backends::add);
    return Optional.of(next);
  }

  private static List<String> backendsOf(JsonNode recorded) {
    List<String> names = new java.util.ArrayList<>();
    recorded.path("supportedBackends").forEach(name -> names.add(name.asString("")));
    return names;
  }
}
