package io.meshforge.ca;

import io.meshforge.model.Resource;
import io.meshforge.model.ResourceTypes;
import io.meshforge.model.spec.GoDuration;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * {@code BuiltinBackend} is the enabled {@code builtin} mTLS backend of a Mesh, as far as the CA
 * needs it: {@code mtls.enabledBackend} naming an entry of {@code mtls.backends[]} whose {@code
 * type} is {@code builtin}.
 *
 * <p>Backend {@code conf} read here (the rest is ignored): {@code caCert.expiration} (a Go
 * duration, or a number of days {@code 365d} or years {@code 10y}; default {@code 10y}) and {@code
 * caCert.RSAbits} (when set, an RSA key of that size instead of EC P-256).
 *
 * @param mesh the mesh name
 * @param name the backend name
 * @param caValidity how long the generated CA certificate is valid
 * @param rsaBits the RSA key size, or 0 for an EC P-256 key
 */
public record BuiltinBackend(String mesh, String name, Duration caValidity, int rsaBits) {

  /** The CA validity when the backend does not say: ten years. */
  public static final Duration DEFAULT_CA_VALIDITY = Duration.ofDays(3650);

  /** Checks the fields. */
  public BuiltinBackend {
    Objects.requireNonNull(mesh, "mesh");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(caValidity, "caValidity");
    if (caValidity.isNegative() || caValidity.isZero()) {
      throw new IllegalArgumentException("the CA validity must be positive, got " + caValidity);
    }
    if (rsaBits != 0 && (rsaBits < 2048 || rsaBits > 8192)) {
      throw new IllegalArgumentException("caCert.RSAbits must be 2048..8192, got " + rsaBits);
    }
  }

  /**
   * Returns the enabled builtin backend of a Mesh.
   *
   * @param mesh a {@code Mesh} resource
   * @return the backend, or empty when mTLS is off or the enabled backend is not {@code builtin}
   * @throws IllegalArgumentException when the resource is not a Mesh, or the backend's {@code
   *     caCert} settings are invalid
   */
  public static Optional<BuiltinBackend> enabledIn(Resource mesh) {
    if (!mesh.type().equals(ResourceTypes.MESH)) {
      throw new IllegalArgumentException("not a Mesh: " + mesh.key());
    }
    JsonNode mtls = mesh.spec().path("mtls");
    String enabled = mtls.path("enabledBackend").asString("");
    if (enabled.isEmpty()) {
      return Optional.empty();
    }
    for (JsonNode backend : mtls.path("backends")) {
      if (enabled.equals(backend.path("name").asString(""))) {
        return "builtin".equals(backend.path("type").asString(""))
            ? Optional.of(fromConf(mesh.name(), enabled, backend.path("conf")))
            : Optional.empty();
      }
    }
    return Optional.empty();
  }

  /**
   * Returns whether a Mesh names {@code backend} among its {@code mtls.backends[]} (enabled or
   * not).
   *
   * @param mesh a {@code Mesh} resource
   * @param backend a backend name
   * @return {@code true} when the backend is declared
   */
  public static boolean declares(Resource mesh, String backend) {
    for (JsonNode declared : mesh.spec().path("mtls").path("backends")) {
      if (backend.equals(declared.path("name").asString(""))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Returns whether the CA key is RSA.
   *
   * @return {@code true} for RSA, {@code false} for EC P-256
   */
  public boolean rsa() {
    return rsaBits != 0;
  }

  private static BuiltinBackend fromConf(String mesh, String name, JsonNode conf) {
    JsonNode caCert = conf.path("caCert");
    Duration validity =
        caCert.hasNonNull("expiration")
            ? parseExpiration(caCert.get("expiration").asString(""))
            : DEFAULT_CA_VALIDITY;
    int rsaBits = caCert.path("RSAbits").asInt(0);
    return new BuiltinBackend(mesh, name, validity, rsaBits);
  }

  /**
   * Parses a certificate lifetime: a Go duration ({@code 8760h}), or days ({@code 30d}) or years of
   * 365 days ({@code 10y}).
   *
   * @param text the lifetime as written
   * @return the duration
   * @throws IllegalArgumentException when it is none of these
   */
  public static Duration parseExpiration(String text) {
    String trimmed = text.strip();
    if (trimmed.matches("[0-9]{1,5}[dy]")) {
      long count = Long.parseLong(trimmed.substring(0, trimmed.length() - 1));
      return Duration.ofDays(trimmed.endsWith("y") ? count * 365 : count);
    }
    try {
      return GoDuration.parse(trimmed).value();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "a certificate expiration is a duration such as 8760h, 30d or 10y, got \"" + text + "\"",
          e);
    }
  }
}
