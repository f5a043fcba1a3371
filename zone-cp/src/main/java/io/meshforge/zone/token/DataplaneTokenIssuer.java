package io.meshforge.zone.token;

import io.meshforge.kds.auth.IssuedToken;
import io.meshforge.kds.auth.TokenSigner;
import java.time.Duration;

/** {@code DataplaneTokenIssuer} signs dataplane tokens with the zone's signing key. */
public final class DataplaneTokenIssuer {

  private final TokenSigner signer;

  /**
   * @param signer signs with the zone's dataplane-token keys
   */
  public DataplaneTokenIssuer(TokenSigner signer) {
    this.signer = signer;
  }

  /**
   * Signs a token binding {@code binding}'s name (if any), mesh and tags, valid for {@code
   * validFor} (positive).
   */
  public IssuedToken issue(DataplaneTokenClaims binding, Duration validFor) {
    return signer.sign(binding.toClaims(), validFor);
  }
}
