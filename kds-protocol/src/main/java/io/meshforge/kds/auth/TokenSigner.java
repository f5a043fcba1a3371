package io.meshforge.kds.auth;

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
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * {@code TokenSigner} signs tokens: RS256 JWTs with header {@code kid} and {@code typ: JWT}, the
 * caller's private claims, plus {@code jti} (a UUID, the revocation handle), {@code iat}, {@code
 * nbf} (5 s in the past for clock skew) and {@code exp}.
 *
 * <p>Thread-safe.
 */
public final class TokenSigner {

  private static final Duration SKEW = Duration.ofSeconds(5);
  private static final Set<String> REGISTERED = JWTClaimsSet.getRegisteredNames();

  private final TokenSigningKeys keys;
  private final InstantSource clock;

  /**
   * @param keys the keys to sign with (the current one)
   * @param clock the time source of {@code iat}, {@code nbf} and {@code exp}
   */
  public TokenSigner(TokenSigningKeys keys, InstantSource clock) {
    this.keys = keys;
    this.clock = clock;
  }

  /**
   * Signs a token carrying {@code claims}, valid for {@code validFor}.
   *
   * @param claims private claims (values nimbus can serialize: strings, numbers, lists, maps)
   * @param validFor how long the token is valid; positive
   * @throws IllegalArgumentException when {@code validFor} is not positive or a claim name is a
   *     registered one (those are set here)
   */
  public IssuedToken sign(Map<String, ?> claims, Duration validFor) {
    if (validFor.isNegative() || validFor.isZero()) {
      throw new IllegalArgumentException("validFor must be positive");
    }
    TokenSigningKeys.SigningKey key = keys.current();
    Instant now = clock.instant();
    Instant expires = now.plus(validFor);
    String jti = UUID.randomUUID().toString();
    JWTClaimsSet.Builder builder =
        new JWTClaimsSet.Builder()
            .jwtID(jti)
            .issueTime(Date.from(now))
            .notBeforeTime(Date.from(now.minus(SKEW)))
            .expirationTime(Date.from(expires));
    claims.forEach((name, value) -> {
      if (REGISTERED.contains(name)) {
        throw new IllegalArgumentException(name + " is a registered claim set by the signer");
      }
      builder.claim(name, value);
    });
    JWSHeader header =
        new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).keyID(key.kid()).build();
    SignedJWT jwt = new SignedJWT(header, builder.build());
    try {
      jwt.sign(new RSASSASigner(key.privateKey()));
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot sign a token", e);
    }
    return new IssuedToken(jwt.serialize(), jti, expires);
  }
}
