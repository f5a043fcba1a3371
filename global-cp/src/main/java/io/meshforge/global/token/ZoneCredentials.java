package io.meshforge.global.token;

import io.grpc.Metadata;
import java.util.Optional;

/**
 * {@code ZoneCredentials} are the gRPC headers a zone presents on every KDS call: {@code
 * authorization: Bearer <zone token>} and {@code kds-zone: <zone name>} (the zone it claims to be;
 * it must equal the token's {@code zone} claim). Optional {@code kds-zone-version} and {@code
 * kds-zone-config} (the zone CP's version and configuration JSON) are recorded in its {@code
 * ZoneInsight}.
 */
public final class ZoneCredentials {

  public static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
  public static final Metadata.Key<String> ZONE =
      Metadata.Key.of("kds-zone", Metadata.ASCII_STRING_MARSHALLER);
  public static final Metadata.Key<String> ZONE_VERSION =
      Metadata.Key.of("kds-zone-version", Metadata.ASCII_STRING_MARSHALLER);
  public static final Metadata.Key<String> ZONE_CONFIG =
      Metadata.Key.of("kds-zone-config", Metadata.ASCII_STRING_MARSHALLER);

  private static final String BEARER = "Bearer ";

  private ZoneCredentials() {}

  /** Returns the headers a zone sends (for zone clients and tests). */
  public static Metadata of(String zone, String token) {
    Metadata headers = new Metadata();
    headers.put(ZONE, zone);
    headers.put(AUTHORIZATION, BEARER + token);
    return headers;
  }

  /** Returns the bearer token of the headers, if any. */
  public static Optional<String> bearerToken(Metadata headers) {
    String value = headers.get(AUTHORIZATION);
    if (value == null || !value.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return Optional.empty();
    }
    String token = value.substring(BEARER.length()).trim();
    return token.isEmpty() ? Optional.empty() : Optional.of(token);
  }
}
