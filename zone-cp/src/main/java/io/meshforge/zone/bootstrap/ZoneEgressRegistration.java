package io.meshforge.zone.bootstrap;

import io.meshforge.kds.auth.InvalidTokenException;
import io.meshforge.model.Resource;
import io.meshforge.model.ResourceKey;
import io.meshforge.model.ResourceTypes;
import io.meshforge.model.codec.DocumentFormat;
import io.meshforge.model.codec.ResourceCodec;
import io.meshforge.model.validation.ValidationException;
import io.meshforge.model.validation.Violation;
import io.meshforge.zone.resource.ZoneResourceService;
import io.meshforge.zone.token.DataplaneBinding;
import io.meshforge.zone.token.DataplaneTokenClaims;
import io.meshforge.zone.token.DataplaneTokenVerifier;
import io.meshforge.zone.token.TokenMismatchException;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.web.server.ResponseStatusException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Registers the ZoneEgress of a bootstrapping zone egress proxy ({@code forge-dp --proxy-type
 * egress}, ADR 0022): validates it (400; its name must not be a ZoneIngress's, since both proxies
 * are known on xDS by their bare name), verifies the token (401) and that it is a zone egress token
 * for this name (403), then creates or updates it through {@link ZoneResourceService} (zone origin,
 * so it syncs up to global).
 */
@Service
public class ZoneEgressRegistration {

  private static final Logger log = LoggerFactory.getLogger(ZoneEgressRegistration.class);

  private final ResourceCodec codec;
  private final DataplaneTokenVerifier verifier;
  private final ZoneResourceService resources;

  ZoneEgressRegistration(
      ResourceCodec codec, DataplaneTokenVerifier verifier, ZoneResourceService resources) {
    this.codec = codec;
    this.verifier = verifier;
    this.resources = resources;
  }

  /**
   * Validates, authenticates and stores the request's ZoneEgress.
   *
   * @throws ValidationException for a bad request (400)
   * @throws ResponseStatusException 401 for an invalid token, 403 for a token of another proxy
   */
  public DataplaneRegistration.Registered register(BootstrapRequest request) {
    Resource egress = decode(request);
    if (request.dataplaneToken() == null || request.dataplaneToken().isBlank()) {
      throw new ResponseStatusException(HttpStatus.UNAUTHORIZED, "a zone egress token is required");
    }
    try {
      DataplaneTokenClaims claims = verifier.verify(request.dataplaneToken());
      DataplaneBinding.checkZoneProxy(claims, DataplaneTokenClaims.EGRESS, egress.name());
    } catch (InvalidTokenException e) {
      log.info("Bootstrap of ZoneEgress {} refused: {}", egress.name(), e.getMessage());
      throw new ResponseStatusException(HttpStatus.UNAUTHORIZED, e.getMessage());
    } catch (TokenMismatchException e) {
      log.info("Bootstrap of ZoneEgress {} refused: {}", egress.name(), e.getMessage());
      throw new ResponseStatusException(HttpStatus.FORBIDDEN, e.getMessage());
    }
    if (resources.get(ResourceKey.global(ResourceTypes.ZONE_INGRESS, egress.name())).isPresent()) {
      throw new ValidationException(
          new Violation("name", "a ZoneIngress of this zone already has this name"));
    }
    int adminPort = adminPort(egress, request.adminPort());
    ObjectNode spec = (ObjectNode) egress.spec().deepCopy();
    spec.remove("zone"); // empty locally; global sets it
    ObjectNode networking =
        spec.get("networking") instanceof ObjectNode n ? n : spec.putObject("networking");
    ObjectNode admin =
        networking.get("admin") instanceof ObjectNode a ? a : networking.putObject("admin");
    admin.put("port", adminPort);
    Resource stored = resources.upsert(egress.withSpec(spec)).resource();
    log.info("Registered ZoneEgress {}", stored.name());
    return new DataplaneRegistration.Registered(stored, adminPort);
  }

  private Resource decode(BootstrapRequest request) {
    if (request.dataplaneResource() == null || request.dataplaneResource().isBlank()) {
      throw new ValidationException(
          new Violation("dataplaneResource", "the ZoneEgress resource is required"));
    }
    Resource resource =
        codec.decode(
            request.dataplaneResource().getBytes(StandardCharsets.UTF_8), DocumentFormat.YAML);
    if (resource.type() != ResourceTypes.ZONE_EGRESS) {
      throw new ValidationException(
          new Violation("type", "must be ZoneEgress, not " + resource.type().name()));
    }
    if (resource.name().contains(".")) {
      // The node id of a proxy without a mesh is its bare name; a dot would split it (ProxyId).
      throw new ValidationException(new Violation("name", "must not contain a dot"));
    }
    JsonNode port = resource.spec().path("networking").path("port");
    if (!port.isInt() || port.asInt() < 1 || port.asInt() > 65535) {
      throw new ValidationException(new Violation("networking.port", "must be a port (1-65535)"));
    }
    if (request.adminPort() != null && (request.adminPort() < 1 || request.adminPort() > 65535)) {
      throw new ValidationException(new Violation("adminPort", "must be a port (1-65535)"));
    }
    return resource;
  }

  private static int adminPort(Resource egress, Integer requested) {
    if (requested != null) {
      return requested;
    }
    int declared = egress.spec().path("networking").path("admin").path("port").asInt(0);
    return declared > 0 ? declared : DataplaneRegistration.DEFAULT_ADMIN_PORT;
  }
}
