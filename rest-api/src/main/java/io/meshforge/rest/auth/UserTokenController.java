package io.meshforge.rest.auth;

import io.meshforge.kds.auth.IssuedToken;
import io.meshforge.kds.auth.RevocationRequest;
import io.meshforge.model.validation.ValidationException;
import io.meshforge.model.validation.Violation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * User token endpoints of both control planes (admin only, see {@link ApiAccessRules}).
 *
 * <ul>
 *   <li>{@code POST /tokens/user {"name": "alice", "groups": ["team-a"], "validFor": "24h"}}
 *       answers the token as {@code text/plain} with its id in {@code X-Token-Id}; a token with the
 *       group {@code mesh-system:admin} is the admin;
 *   <li>{@code POST /tokens/user/revoke {"id": "<jti>"}} or {@code {"token": "<jwt>"}} revokes it;
 *       requests carrying it are refused as soon as the change feed delivers the revocation.
 * </ul>
 */
@RestController
class UserTokenController {

  /** How long a token is valid when the request does not say. */
  static final Duration DEFAULT_VALIDITY = Duration.ofHours(24);

  private static final int MAX_LENGTH = 253;

  private final UserTokens tokens;

  UserTokenController(UserTokens tokens) {
    this.tokens = tokens;
  }

  /** The body of a user token request (Kuma's shape). */
  record UserTokenRequest(String name, List<String> groups, String validFor) {}

  @PostMapping(path = "/tokens/user", produces = MediaType.TEXT_PLAIN_VALUE)
  ResponseEntity<String> issue(@RequestBody UserTokenRequest request) {
    List<Violation> violations = new ArrayList<>();
    if (!isPrintable(request.name())) {
      violations.add(new Violation("name", "must be a non-empty printable name"));
    }
    Set<String> groups = new LinkedHashSet<>();
    List<String> requested = request.groups() == null ? List.of() : request.groups();
    for (int i = 0; i < requested.size(); i++) {
      if (isPrintable(requested.get(i))) {
        groups.add(requested.get(i));
      } else {
        violations.add(new Violation("groups[" + i + "]", "must be a non-empty printable name"));
      }
    }
    Duration validFor = TokenValidity.of(request.validFor(), DEFAULT_VALIDITY, violations);
    if (!violations.isEmpty()) {
      throw new ValidationException(violations);
    }
    IssuedToken token = tokens.issue(request.name(), groups, validFor);
    return ResponseEntity.ok()
        .header("X-Token-Id", token.jti())
        .contentType(MediaType.TEXT_PLAIN)
        .body(token.token());
  }

  @PostMapping(path = "/tokens/user/revoke", produces = MediaType.APPLICATION_JSON_VALUE)
  Map<String, String> revoke(@RequestBody RevocationRequest request) {
    String id = request.tokenId();
    tokens.revoke(id);
    return Map.of("revoked", id);
  }

  private static boolean isPrintable(String value) {
    return value != null
        && !value.isBlank()
        && value.length() <= MAX_LENGTH
        && value.chars().noneMatch(Character::isISOControl);
  }
}
