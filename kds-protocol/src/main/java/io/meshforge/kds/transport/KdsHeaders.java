package io.meshforge.kds.transport;

import io.grpc.Metadata;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code KdsHeaders} are the gRPC metadata of KDS calls, the one definition both sides use.
 *
 * <ul>
 *   <li>Negotiation, sent by the zone: the protocol version it speaks and its capabilities. It
 *       lives here rather than in xDS node metadata so it is checked once, at call open, before any
 *       message is read (ADR 0010).
 *   <li>Zone credentials, sent by the zone (ADR 0011): {@code authorization: Bearer <zone token>}
 *       and {@code kds-zone: <zone name>} (the zone it claims to be; global requires it to equal
 *       the token's {@code zone} claim); optional {@code kds-zone-version} and {@code
 *       kds-zone-config}, recorded by global in the zone's {@code ZoneInsight}.
 *   <li>Store identity, sent by global in its response headers (ADR 0013): {@code kds-store-epoch},
 *       the epoch of global's store.
 * </ul>
 */
public final class KdsHeaders {

  /** The KDS protocol version this code speaks. A zone newer than global is refused. */
  public static final int PROTOCOL_VERSION = 1;

  /** Protocol version header: a decimal integer. */
  public static final Metadata.Key<String> VERSION =
      Metadata.Key.of("kds-protocol-version", Metadata.ASCII_STRING_MARSHALLER);

  /** Capabilities header: comma-separated feature names. */
  public static final Metadata.Key<String> FEATURES =
      Metadata.Key.of("kds-features", Metadata.ASCII_STRING_MARSHALLER);

  /** The zone token, as {@code Bearer <token>}. */
  public static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

  /** The zone the caller claims to be (must match its token's zone). */
  public static final Metadata.Key<String> ZONE =
      Metadata.Key.of("kds-zone", Metadata.ASCII_STRING_MARSHALLER);

  /** The zone control plane's version. */
  public static final Metadata.Key<String> ZONE_VERSION =
      Metadata.Key.of("kds-zone-version", Metadata.ASCII_STRING_MARSHALLER);

  /** The zone control plane's configuration, as JSON. */
  public static final Metadata.Key<String> ZONE_CONFIG =
      Metadata.Key.of("kds-zone-config", Metadata.ASCII_STRING_MARSHALLER);

  /** Response header: the epoch (a UUID) of global's store. */
  public static final Metadata.Key<String> STORE_EPOCH =
      Metadata.Key.of("kds-store-epoch", Metadata.ASCII_STRING_MARSHALLER);

  private static final String BEARER = "Bearer ";

  private KdsHeaders() {}

  /**
   * Returns the credentials a zone sends: its name and, when {@code token} is not blank, the token.
   */
  public static Metadata zoneCredentials(String zone, String token) {
    Metadata headers = new Metadata();
    headers.put(ZONE, zone);
    if (token != null && !token.isBlank()) {
      headers.put(AUTHORIZATION, BEARER + token.strip());
    }
    return headers;
  }

  /** Returns {@link #zoneCredentials(String, String)} plus the zone control plane's version. */
  public static Metadata zoneCredentials(String zone, String token, String zoneVersion) {
    Metadata headers = zoneCredentials(zone, token);
    headers.put(ZONE_VERSION, zoneVersion);
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

  /** Returns the headers a zone attaches: its version and features. */
  public static Metadata of(int version, Set<String> features) {
    Metadata headers = new Metadata();
    headers.put(VERSION, Integer.toString(version));
    headers.put(FEATURES, String.join(",", features));
    return headers;
  }

  /** Reads the features header; absent means none. */
  public static Set<String> features(Metadata headers) {
    String value = headers.get(FEATURES);
    if (value == null || value.isBlank()) {
      return Set.of();
    }
    return Arrays.stream(value.split(","))
        .map(String::trim)
        .filter(s -> !s.isEmpty())
        .collect(Collectors.toUnmodifiableSet());
  }

  /** Reads the version header; absent or malformed gives -1. */
  public static int version(Metadata headers) {
    String value = headers.get(VERSION);
    try {
      return value == null ? -1 : Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
