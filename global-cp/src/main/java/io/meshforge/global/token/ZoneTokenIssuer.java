package io.meshforge.global.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Date;
import java.util.UUID;

/**
 * {@code ZoneTokenIssuer} signs zone tokens: RS256 JWTs with header {@code kid}, claims {@code
 * zone}, {@code jti} (a UUID, the revocation handle), {@code iat}, {@code nbf} (5 s in the past for
 * clock skew) and {@code exp}.
 */
public final class ZoneTokenIssuer {

  /** The claim naming the zone a token is bound to. */
  public static final String ZONE_CLAIM = "zone";

  private static final Duration SKEW = Duration.ofSeconds(5);

  private final ZoneTokenSigningKeys keys;
  private final InstantSource clock;

  /** A signed token and what it says. */
  public record IssuedToken(String token, String jti, String zone, Instant expiresAt) {}

  public ZoneTokenIssuer(ZoneTokenSigningKeys keys, InstantSource clock) {
    this.keys = keys;
    this.clock = clock;
  }

  /** Signs a token for a zone, valid for the given duration (positive). */
  public IssuedToken issue(String zone, Duration validFor) {
    if (validFor.isNegative() || validFor.isZero()) {
      throw new IllegalArgumentException("validFor must be positive");
    }
    ZoneTokenSigningKeys.SigningKey key = keys.current();
    Instant now = clock.instant();
    Instant expires = now.plus(validFor);
    String jti = UUID.randomUUID().toString();
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder()
            .jwtID(jti)
            .issueTime(Date.from(now))
            .notBeforeTime(Date.from(now.minus(SKEW)))
            .expirationTime(Date.from(expires))
            .claim(ZONE_CLAIM, zone)
            .build();
    JWSHeader header =
        new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).keyID(key.kid()).build();
    SignedJWT jwt = new SignedJWT(header, claims);
    try {
      jwt.sign(new RSASSASigner(key.privateKey()));
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot sign a zone token", e);
    }
    return new IssuedToken(jwt.serialize(), jti, zone, expires);
  }
}
