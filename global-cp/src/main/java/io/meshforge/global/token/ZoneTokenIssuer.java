package io.meshforge.global.token;

import io.meshforge.kds.auth.TokenSigner;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * {@code ZoneTokenIssuer} signs zone tokens: RS256 JWTs ({@link TokenSigner}) with the claim {@code
 * zone} naming the zone they are bound to.
 */
public final class ZoneTokenIssuer {

  /** The claim naming the zone a token is bound to. */
  public static final String ZONE_CLAIM = "zone";

  private final TokenSigner signer;

  /**
   * A signed token and what it says.
   *
   * @param token the JWT
   * @param jti its id, the revocation handle
   * @param zone the zone it is bound to
   * @param expiresAt its expiry
   */
  public record IssuedToken(String token, String jti, String zone, Instant expiresAt) {}

  public ZoneTokenIssuer(TokenSigner signer) {
    this.signer = signer;
  }

  /** Signs a token for a zone, valid for the given duration (positive). */
  public IssuedToken issue(String zone, Duration validFor) {
    var issued = signer.sign(Map.of(ZONE_CLAIM, zone), validFor);
    return new IssuedToken(issued.token(), issued.jti(), zone, issued.expiresAt());
  }
}
