package io.meshforge.kds.auth;

import java.time.Instant;
import java.util.Map;

/**
 * What a token that verified says.
 *
 * @param jti its id
 * @param expiresAt when it stops being valid
 * @param claims its private claims (registered claims such as {@code exp} are left out), as nimbus
 *     parsed them: strings, numbers, booleans, lists and maps
 */
public record VerifiedToken(String jti, Instant expiresAt, Map<String, Object> claims) {

  /** Copies the claims. */
  public VerifiedToken {
    claims = Map.copyOf(claims);
  }

  /** Returns a string claim, or {@code null} when it is absent or not a string. */
  public String stringClaim(String name) {
    return claims.get(name) instanceof String value ? value : null;
  }
}
