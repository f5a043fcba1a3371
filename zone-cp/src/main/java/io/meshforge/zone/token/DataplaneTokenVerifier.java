package io.meshforge.zone.token;

import io.meshforge.kds.auth.InvalidTokenException;
import io.meshforge.kds.auth.TokenVerifier;
import io.meshforge.kds.auth.VerifiedToken;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code DataplaneTokenVerifier} accepts a dataplane token when kds-protocol's {@link
 * TokenVerifier} does (RS256 only, known {@code kid}, signature, expiry, not revoked) and its
 * claims have the dataplane-token shape: a non-empty {@code mesh}, an optional string {@code name}
 * and optional {@code tags} of string lists; or, for a zone proxy, {@code proxyType} {@code
 * ingress} or {@code egress}, an optional {@code name} and no mesh.
 */
public final class DataplaneTokenVerifier {

  private final TokenVerifier verifier;

  /**
   * @param verifier verifies with the zone's dataplane-token keys and revocations
   */
  public DataplaneTokenVerifier(TokenVerifier verifier) {
    this.verifier = verifier;
  }

  /**
   * Verifies a serialized token and returns what it binds.
   *
   * @throws InvalidTokenException saying why it is refused
   */
  public DataplaneTokenClaims verify(String token) throws InvalidTokenException {
    VerifiedToken verified = verifier.verify(token);
    Object proxyType = verified.claims().get(DataplaneTokenClaims.PROXY_TYPE);
    if (proxyType != null) {
      return zoneProxy(verified, proxyType);
    }
    String mesh = verified.stringClaim(DataplaneTokenClaims.MESH);
    if (mesh == null || mesh.isEmpty()) {
      throw new InvalidTokenException("dataplane token lacks its mesh claim");
    }
    Object name = verified.claims().get(DataplaneTokenClaims.NAME);
    if (name != null && !(name instanceof String)) {
      throw new InvalidTokenException("dataplane token name claim is not a string");
    }
    return new DataplaneTokenClaims(
        verified.jti(),
        (String) name,
        mesh,
        tags(verified.claims().get(DataplaneTokenClaims.TAGS)),
        verified.expiresAt());
  }

  private static DataplaneTokenClaims zoneProxy(VerifiedToken verified, Object proxyType)
      throws InvalidTokenException {
    if (!DataplaneTokenClaims.INGRESS.equals(proxyType)
        && !DataplaneTokenClaims.EGRESS.equals(proxyType)) {
      throw new InvalidTokenException("token proxyType claim must be ingress or egress");
    }
    if (verified.claims().containsKey(DataplaneTokenClaims.MESH)
        || verified.claims().containsKey(DataplaneTokenClaims.TAGS)) {
      throw new InvalidTokenException("a zone proxy token binds no mesh and no tags");
    }
    Object name = verified.claims().get(DataplaneTokenClaims.NAME);
    if (name != null && !(name instanceof String)) {
      throw new InvalidTokenException("zone proxy token name claim is not a string");
    }
    return new DataplaneTokenClaims(
        verified.jti(), (String) name, "", Map.of(), verified.expiresAt(), (String) proxyType);
  }

  private static Map<String, List<String>> tags(Object claim) throws InvalidTokenException {
    if (claim == null) {
      return Map.of();
    }
    if (!(claim instanceof Map<?, ?> map)) {
      throw new InvalidTokenException("dataplane token tags claim is not an object");
    }
    Map<String, List<String>> tags = new LinkedHashMap<>();
    for (var entry : map.entrySet()) {
      if (!(entry.getValue() instanceof List<?> values) || values.isEmpty()) {
        throw new InvalidTokenException("dataplane token tag " + entry.getKey() + " has no values");
      }
      List<String> strings = new ArrayList<>();
      for (Object value : values) {
        if (!(value instanceof String s)) {
          throw new InvalidTokenException(
              "dataplane token tag " + entry.getKey() + " is malformed");
        }
        strings.add(s);
      }
      tags.put(String.valueOf(entry.getKey()), strings);
    }
    return tags;
  }
}
