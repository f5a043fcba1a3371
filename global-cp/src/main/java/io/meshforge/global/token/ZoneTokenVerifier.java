package io.meshforge.global.token;

import io.meshforge.kds.auth.InvalidTokenException;
import io.meshforge.kds.auth.TokenVerifier;
import java.time.Instant;

/**
 * {@code ZoneTokenVerifier} accepts a zone token when the shared {@link TokenVerifier} does (RS256
 * only, known {@code kid}, signature, expiry, not revoked) and it carries a {@code zone} claim.
 */
public final class ZoneTokenVerifier {

  private final TokenVerifier verifier;

  /**
   * What a valid token says.
   *
   * @param zone the zone it is bound to
   * @param jti its id
   * @param expiresAt its expiry
   */
  public record VerifiedToken(String zone, String jti, Instant expiresAt) {}

  public ZoneTokenVerifier(TokenVerifier verifier) {
    this.verifier = verifier;
  }

  /** Verifies a serialized token. */
  public VerifiedToken verify(String token) throws InvalidZoneTokenException {
    io.meshforge.kds.auth.VerifiedToken verified;
    try {
      verified = verifier.verify(token);
    } catch (InvalidTokenException e) {
      throw new InvalidZoneTokenException(e.getMessage());
    }
    String zone = verified.stringClaim(ZoneTokenIssuer.ZONE_CLAIM);
    if (zone == null || zone.isBlank()) {
      throw new InvalidZoneTokenException("zone token lacks its jti or zone claim");
    }
    return new VerifiedToken(zone, verified.jti(), verified.expiresAt());
  }
}
