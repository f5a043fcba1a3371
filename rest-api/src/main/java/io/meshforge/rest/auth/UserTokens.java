package io.meshforge.rest.auth;

import io.meshforge.kds.auth.InvalidTokenException;
import io.meshforge.kds.auth.IssuedToken;
import io.meshforge.kds.auth.RevokedTokenIds;
import io.meshforge.kds.auth.TokenSigner;
import io.meshforge.kds.auth.TokenSigningKeys;
import io.meshforge.kds.auth.TokenVerifier;
import io.meshforge.kds.auth.VerifiedToken;
import io.meshforge.model.store.ResourceStore;
import io.meshforge.model.store.ResourceView;
import java.time.Duration;
import java.time.InstantSource;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code UserTokens} issues, verifies and revokes user tokens: RS256 JWTs with the claims {@code
 * name} and {@code groups}, signed with this control plane's own user-token keys (GlobalSecrets
 * {@code user-token-signing-key-<N>} in its store, the same machinery as zone and dataplane tokens)
 * and revoked through the GlobalSecret {@code user-token-revocations}. Neither leaves the control
 * plane (global's KDS filter keeps {@code user-token-*} private; zones send no GlobalSecret up), so
 * a token issued by one control plane is refused by another.
 *
 * <p>Thread-safe.
 */
public final class UserTokens {

  /** Name prefix of the signing-key GlobalSecrets. */
  public static final String SIGNING_KEY_PREFIX = "user-token-signing-key-";

  /** Name of the GlobalSecret listing revoked user-token ids. */
  public static final String REVOCATIONS = "user-token-revocations";

  /** The claim naming the user. */
  public static final String NAME_CLAIM = "name";

  /** The claim listing the user's groups. */
  public static final String GROUPS_CLAIM = "groups";

  private final TokenSigner signer;
  private final TokenVerifier verifier;
  private final RevokedTokenIds revocations;

  /**
   * @param store where keys and revocations are written
   * @param view the change-fed view they are checked against
   * @param clock the time source of issuing and expiry checks
   */
  public UserTokens(ResourceStore store, ResourceView view, InstantSource clock) {
    TokenSigningKeys keys = new TokenSigningKeys(store, view, SIGNING_KEY_PREFIX);
    this.revocations = new RevokedTokenIds(store, view, REVOCATIONS);
    this.signer = new TokenSigner(keys, clock);
    this.verifier = new TokenVerifier(keys, revocations, clock, "user token");
  }

  /**
   * Signs a token for {@code name} in {@code groups}, valid for {@code validFor} (positive).
   *
   * @return the token with its id ({@code jti}, the revocation handle) and expiry
   */
  public IssuedToken issue(String name, Set<String> groups, Duration validFor) {
    return signer.sign(
        Map.of(NAME_CLAIM, name, GROUPS_CLAIM, List.copyOf(new LinkedHashSet<>(groups))), validFor);
  }

  /**
   * Verifies a token: algorithm, key, signature, expiry, revocation, and a {@code name} claim.
   *
   * @throws InvalidTokenException saying why it is refused (never quoting the token)
   */
  public ApiCaller verify(String token) throws InvalidTokenException {
    VerifiedToken verified = verifier.verify(token);
    String name = verified.stringClaim(NAME_CLAIM);
    if (name == null || name.isBlank()) {
      throw new InvalidTokenException("user token lacks its name claim");
    }
    Set<String> groups = new LinkedHashSet<>();
    if (verified.claims().get(GROUPS_CLAIM) instanceof List<?> listed) {
      for (Object group : listed) {
        if (group instanceof String value) {
          groups.add(value);
        }
      }
    }
    return new ApiCaller(name, groups);
  }

  /** Revokes a token id (idempotent); requests carrying it are refused from then on. */
  public void revoke(String jti) {
    revocations.revoke(jti);
  }
}
