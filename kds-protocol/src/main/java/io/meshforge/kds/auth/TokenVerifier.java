package io.meshforge.kds.auth;

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
import java.util.HashMap;
import java.util.Map;

/**
 * {@code TokenVerifier} accepts a token only when: it is a JWS whose header says {@code RS256} (so
 * {@code none}, HS256 keyed with the public key and every other algorithm are refused before any
 * signature check), its {@code kid} names an existing signing key, the signature verifies with that
 * key, it has a {@code jti} and an {@code exp} in the future (and {@code nbf}, if present, in the
 * past), and its {@code jti} is not revoked. What the private claims must say is the caller's
 * business.
 *
 * <p>Thread-safe; reads only the change-fed view, so it is cheap enough to call on every stream
 * open and to re-check open streams periodically.
 */
public final class TokenVerifier {

  private final TokenSigningKeys keys;
  private final RevokedTokenIds revocations;
  private final InstantSource clock;
  private final String kind;

  /**
   * @param keys the signing keys
   * @param revocations the revoked ids
   * @param clock the time source for {@code exp} and {@code nbf}
   * @param kind what the token is called in messages, e.g. {@code "zone token"}
   */
  public TokenVerifier(
      TokenSigningKeys keys, RevokedTokenIds revocations, InstantSource clock, String kind) {
    this.keys = keys;
    this.revocations = revocations;
    this.clock = clock;
    this.kind = kind;
  }

  /**
   * Verifies a serialized token.
   *
   * @throws InvalidTokenException saying why it is refused
   */
  public VerifiedToken verify(String token) throws InvalidTokenException {
    SignedJWT jwt;
    try {
      jwt = SignedJWT.parse(token == null ? "" : token.trim());
    } catch (ParseException | RuntimeException e) {
      throw new InvalidTokenException("the " + kind + " is not a signed JWT");
    }
    JWSAlgorithm alg = jwt.getHeader().getAlgorithm();
    if (!JWSAlgorithm.RS256.equals(alg)) {
      throw new InvalidTokenException(kind + " algorithm " + alg + " is not accepted (RS256 only)");
    }
    RSAPublicKey key =
        keys.publicKey(jwt.getHeader().getKeyID())
            .orElseThrow(() -> new InvalidTokenException(kind + " signed by an unknown key"));
    try {
      if (!jwt.verify(new RSASSAVerifier(key))) {
        throw new InvalidTokenException(kind + " signature does not verify");
      }
    } catch (JOSEException e) {
      throw new InvalidTokenException(kind + " signature does not verify");
    }
    JWTClaimsSet claims;
    try {
      claims = jwt.getJWTClaimsSet();
    } catch (ParseException e) {
      throw new InvalidTokenException(kind + " claims are malformed");
    }
    return checkClaims(claims);
  }

  private VerifiedToken checkClaims(JWTClaimsSet claims) throws InvalidTokenException {
    Instant now = clock.instant();
    Date exp = claims.getExpirationTime();
    if (exp == null || !exp.toInstant().isAfter(now)) {
      throw new InvalidTokenException(kind + " expired or has no expiry");
    }
    Date nbf = claims.getNotBeforeTime();
    if (nbf != null && nbf.toInstant().isAfter(now)) {
      throw new InvalidTokenException(kind + " not valid yet");
    }
    String jti = claims.getJWTID();
    if (jti == null || jti.isBlank()) {
      throw new InvalidTokenException(kind + " lacks its jti");
    }
    if (revocations.isRevoked(jti)) {
      throw new InvalidTokenException(kind + " " + jti + " was revoked");
    }
    Map<String, Object> own = new HashMap<>();
    claims
        .getClaims()
        .forEach((name, value) -> {
          if (value != null && !JWTClaimsSet.getRegisteredNames().contains(name)) {
            own.put(name, value);
          }
        });
    return new VerifiedToken(jti, exp.toInstant(), own);
  }
}
