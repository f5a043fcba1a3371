package io.meshforge.kds.auth;

import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTParser;
import java.text.ParseException;

/** Reads a token's id without verifying it: revoking needs no trust in the token. */
public final class TokenIds {

  private TokenIds() {}

  /** Returns the {@code jti} of a JWT, or {@code null} when it has none or is not a JWT. */
  public static String unverifiedId(String token) {
    try {
      JWT jwt = JWTParser.parse(token.trim());
      return jwt.getJWTClaimsSet().getJWTID();
    } catch (ParseException | RuntimeException e) {
      return null;
    }
  }
}
