package io.meshforge.kds.auth;

import io.meshforge.model.validation.ValidationException;
import io.meshforge.model.validation.Violation;

/**
 * The body of a token revocation ({@code POST /tokens/zone/revoke}, {@code POST
 * /tokens/dataplane/revoke}): the token's id, or the token itself when its id is not at hand.
 *
 * @param id the token's id ({@code jti}), or null
 * @param token the token, or null
 */
public record RevocationRequest(String id, String token) {

  private static final int MAX_ID_LENGTH = 128;

  /**
   * Returns the id to revoke: {@code id} when given, else the (unverified) id inside {@code token}.
   * A forged token only ever revokes the id it names, so reading it without verification is safe.
   *
   * @throws ValidationException naming {@code id} when neither gives a usable id
   */
  public String tokenId() {
    String resolved = id;
    if ((resolved == null || resolved.isBlank()) && token != null) {
      resolved = TokenIds.unverifiedId(token);
    }
    if (resolved == null || resolved.isBlank() || resolved.length() > MAX_ID_LENGTH) {
      throw new ValidationException(new Violation("id", "a token id (jti) or token is required"));
    }
    return resolved;
  }
}
