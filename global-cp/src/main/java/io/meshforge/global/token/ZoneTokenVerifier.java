package io.meshforge.global.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Date;

/**
 * {@code ZoneTokenVerifier} accepts a zone token only when: it is a JWS whose header says {@code
 * RS256} (so {@code none}, HS256 keyed with the public key and every other algorithm are refused
 * before any signature check), its {@code kid} names an existing signing key, the signature
 * verifies with that key, it has a {@code jti}, a {@code zone} claim and an {@code exp} in the
 * future (and {@code nbf}, if present, in the past), and its {@code jti} is not revoked.
 */
public final class ZoneTokenVerifier {

  private final ZoneTokenSigningKeys keys;
  private final TokenRevocations revocations;
  private final InstantSource clock;

  /** What a valid token says. */
  public record VerifiedToken(String zone, String jti, Instant expiresAt) {}

  public ZoneTokenVerifier(
      ZoneTokenSigningKeys keys, TokenRevocations revocations, InstantSource clock) {
    this.keys = keys;
    this.revocations = revocations;
    this.clock = clock;
  }

  /** Verifies a serialized token. */
  public VerifiedToken verify(String token) throws InvalidZoneTokenException {
    SignedJWT jwt;
    try {
      jwt = SignedJWT.parse(token);
    } catch (ParseException | RuntimeException e) {
      throw new InvalidZoneTokenException("the zone token is not a signed JWT");
    }
    if (!JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm())) {
      throw new InvalidZoneTokenException(
          "zone token algorithm "
              + jwt.getHeader().getAlgorithm()
              + " is not accepted (RS256 only)");
    }
    RSAPublicKey key =
        keys.publicKey(jwt.getHeader().getKeyID())
            .orElseThrow(
                () -> new InvalidZoneTokenException("zone token signed by an unknown key"));
    try {
      if (!jwt.verify(new RSASSAVerifier(key))) {
        throw new InvalidZoneTokenException("zone token signature does not verify");
      }
    } catch (JOSEException e) {
      throw new InvalidZoneTokenException("zone token signature does not verify");
    }
    JWTClaimsSet claims;
    try {
      claims = jwt.getJWTClaimsSet();
    } catch (ParseException e) {
      throw new InvalidZoneTokenException("zone token claims are malformed");
    }
    return checkClaims(claims);
  }

  private VerifiedToken checkClaims(JWTClaimsSet claims) throws InvalidZoneTokenException {
    Instant now = clock.instant();
    Date exp = claims.getExpirationTime();
    if (exp == null || !exp.toInstant().isAfter(now)) {
      throw new InvalidZoneTokenException("zone token expired or has no expiry");
    }
    Date nbf = claims.getNotBeforeTime();
    if (nbf != null && nbf.toInstant().isAfter(now)) {
      throw new InvalidZoneTokenException("zone token not valid yet");
    }
    String jti = claims.getJWTID();
    Object zone = claims.getClaim(ZoneTokenIssuer.ZONE_CLAIM);
    if (jti == null || jti.isBlank() || !(zone instanceof String zoneName) || zoneName.isBlank()) {
      throw new InvalidZoneTokenException("zone token lacks its jti or zone claim");
    }
    if (revocations.isRevoked(jti)) {
      throw new InvalidZoneTokenException("zone token " + jti + " was revoked");
    }
    return new VerifiedToken(zoneName, jti, exp.toInstant());
  }
}
