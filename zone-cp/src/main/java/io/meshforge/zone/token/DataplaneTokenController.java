package io.meshforge.zone.token;

import io.meshforge.kds.auth.IssuedToken;
import io.meshforge.kds.auth.RevocationRequest;
import io.meshforge.kds.auth.RevokedTokenIds;
import io.meshforge.model.validation.ResourceNames;
import io.meshforge.model.validation.ValidationException;
import io.meshforge.model.validation.Violation;
import io.meshforge.rest.auth.TokenValidity;
import io.meshforge.zone.config.ForgeZoneProperties;
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
 * Dataplane token endpoints of the zone API (admin only: {@code Authorization: Bearer <admin
 * token>}, the token in {@code <state.dir>/admin-token}).
 *
 * <ul>
 *   <li>{@code POST /tokens/dataplane {"name": "web-1", "mesh": "default", "tags":
 *       {"kuma.io/service": ["web"]}, "validFor": "24h"}} (Kuma's shape; {@code name} and {@code
 *       tags} optional) answers the token as {@code text/plain} with its id in {@code X-Token-Id}.
 *   <li>{@code POST /tokens/zone-proxy {"proxyType": "ingress", "name": "ingress-1", "validFor":
 *       "24h"}} ({@code name} optional) answers a token for a zone ingress or egress, signed with
 *       the same keys and revoked the same way (ADR 0018).
 *   <li>{@code POST /tokens/dataplane/revoke {"id": "<jti>"}} or {@code {"token": "<jwt>"}} revokes
 *       it; streams using it close within {@code tokens.dataplane.check}.
 * </ul>
 */
@RestController
class DataplaneTokenController {

  private final DataplaneTokenIssuer issuer;
  private final RevokedTokenIds revocations;
  private final Duration defaultValidity;

  DataplaneTokenController(
      DataplaneTokenIssuer issuer, RevokedTokenIds revocations, ForgeZoneProperties config) {
    this.issuer = issuer;
    this.revocations = revocations;
    this.defaultValidity = config.tokens().dataplane().validity();
  }

  /** The body of a token request, Kuma's shape. */
  record DataplaneTokenRequest(
      String name, String mesh, Map<String, List<String>> tags, String validFor) {}

  /** The body of a zone proxy token request: {@code proxyType} ingress or egress. */
  record ZoneProxyTokenRequest(String name, String proxyType, String validFor) {}

  @PostMapping(path = "/tokens/zone-proxy", produces = MediaType.TEXT_PLAIN_VALUE)
  ResponseEntity<String> issueZoneProxy(@RequestBody ZoneProxyTokenRequest request) {
    List<Violation> violations = new ArrayList<>();
    if (!DataplaneTokenClaims.INGRESS.equals(request.proxyType())
        && !DataplaneTokenClaims.EGRESS.equals(request.proxyType())) {
      violations.add(new Violation("proxyType", "must be ingress or egress"));
    }
    if (request.name() != null
        && !request.name().isEmpty()
        && !ResourceNames.isValid(request.name())) {
      violations.add(new Violation("name", "must be a valid resource name"));
    }
    Duration validFor = TokenValidity.of(request.validFor(), defaultValidity, violations);
    if (!violations.isEmpty()) {
      throw new ValidationException(violations);
    }
    IssuedToken token =
        issuer.issue(
            new DataplaneTokenClaims(null, request.name(), "", Map.of(), null, request.proxyType()),
            validFor);
    return ResponseEntity.ok()
        .header("X-Token-Id", token.jti())
        .contentType(MediaType.TEXT_PLAIN)
        .body(token.token());
  }

  @PostMapping(path = "/tokens/dataplane", produces = MediaType.TEXT_PLAIN_VALUE)
  ResponseEntity<String> issue(@RequestBody DataplaneTokenRequest request) {
    List<Violation> violations = new ArrayList<>();
    if (request.mesh() == null || !ResourceNames.isValid(request.mesh())) {
      violations.add(new Violation("mesh", "must be a valid mesh name"));
    }
    if (request.name() != null
        && !request.name().isEmpty()
        && !ResourceNames.isValid(request.name())) {
      violations.add(new Violation("name", "must be a valid Dataplane name"));
    }
    if (request.tags() != null) {
      request
          .tags()
          .forEach((key, values) -> {
            if (values == null || values.isEmpty() || values.stream().anyMatch(v -> v == null)) {
              violations.add(new Violation("tags[\"" + key + "\"]", "must list allowed values"));
            }
          });
    }
    Duration validFor = TokenValidity.of(request.validFor(), defaultValidity, violations);
    if (!violations.isEmpty()) {
      throw new ValidationException(violations);
    }
    IssuedToken token =
        issuer.issue(
            new DataplaneTokenClaims(null, request.name(), request.mesh(), request.tags(), null),
            validFor);
    return ResponseEntity.ok()
        .header("X-Token-Id", token.jti())
        .contentType(MediaType.TEXT_PLAIN)
        .body(token.token());
  }

  @PostMapping(path = "/tokens/dataplane/revoke", produces = MediaType.APPLICATION_JSON_VALUE)
  Map<String, String> revoke(@RequestBody RevocationRequest request) {
    String id = request.tokenId();
    revocations.revoke(id);
    return Map.of("revoked", id);
  }
}
