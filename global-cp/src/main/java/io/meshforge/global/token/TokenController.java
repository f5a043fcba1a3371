package io.meshforge.global.token;

import io.meshforge.global.config.ForgeGlobalProperties;
import io.meshforge.kds.auth.RevocationRequest;
import io.meshforge.kds.auth.RevokedTokenIds;
import io.meshforge.model.validation.ResourceNames;
import io.meshforge.model.validation.ValidationException;
import io.meshforge.model.validation.Violation;
import io.meshforge.rest.auth.TokenValidity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Zone token endpoints (admin only, see {@code ApiAccessRules}).
 *
 * <ul>
 *   <li>{@code POST /tokens/zone {"zone": "east", "validFor": "720h"}} answers the token as {@code
 *       text/plain} (as Kuma does) with its id in the {@code X-Token-Id} header.
 *   <li>{@code POST /tokens/zone/revoke {"id": "<jti>"}} or {@code {"token": "<jwt>"}} revokes it;
 *       the zone's open KDS streams using it close within {@code kds.revocation.check}.
 * </ul>
 */
@RestController
class TokenController {

  private final ZoneTokenIssuer issuer;
  private final RevokedTokenIds revocations;
  private final Duration defaultValidity;

  TokenController(
      ZoneTokenIssuer issuer, RevokedTokenIds revocations, ForgeGlobalProperties config) {
    this.issuer = issuer;
    this.revocations = revocations;
    this.defaultValidity = config.tokens().zone().validity();
  }

  /** The body of a token request. */
  record ZoneTokenRequest(String zone, String validFor) {}

  @PostMapping(path = "/tokens/zone", produces = MediaType.TEXT_PLAIN_VALUE)
  ResponseEntity<String> issue(@RequestBody ZoneTokenRequest request) {
    List<Violation> violations = new ArrayList<>();
    String zone = request.zone();
    if (zone == null || !ResourceNames.isValid(zone)) {
      violations.add(new Violation("zone", "must be a valid zone name"));
    }
    Duration validFor = TokenValidity.of(request.validFor(), defaultValidity, violations);
    if (!violations.isEmpty()) {
      throw new ValidationException(violations);
    }
    ZoneTokenIssuer.IssuedToken token = issuer.issue(zone, validFor);
    return ResponseEntity.ok()
        .header("X-Token-Id", token.jti())
        .contentType(MediaType.TEXT_PLAIN)
        .body(token.token());
  }

  @PostMapping(path = "/tokens/zone/revoke", produces = MediaType.APPLICATION_JSON_VALUE)
  Map<String, String> revoke(@RequestBody RevocationRequest request) {
    String id = request.tokenId();
    revocations.revoke(id);
    return Map.of("revoked", id);
  }
}
