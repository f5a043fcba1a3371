package io.meshforge.zone.bootstrap;

import io.meshforge.kds.auth.InvalidTokenException;
import io.meshforge.model.Resource;
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
import tools.jackson.databind.node.ObjectNode;

/**
 * Registers the Dataplane of a bootstrapping proxy: validates it (400 with every violation's field
 * path), verifies the token (401) and its binding to that Dataplane (403), then creates or updates
 * it through {@link ZoneResourceService}, so it gets the same origin labels as every zone-created
 * resource ({@code kuma.io/origin: zone}, {@code kuma.io/zone}) and syncs to global. A missing mesh
 * is a 400 from the store's owner check.
 */
@Service
public class DataplaneRegistration {

  /** Envoy's admin port when neither the agent nor the Dataplane names one. */
  public static final int DEFAULT_ADMIN_PORT = 9901;

  private static final Logger log = LoggerFactory.getLogger(DataplaneRegistration.class);

  private final ResourceCodec codec;
  private final DataplaneTokenVerifier verifier;
  private final ZoneResourceService resources;

  DataplaneRegistration(
      ResourceCodec codec, DataplaneTokenVerifier verifier, ZoneResourceService resources) {
    this.codec = codec;
    this.verifier = verifier;
    this.resources = resources;
  }

  /**
   * The stored Dataplane and the admin port its Envoy uses.
   *
   * @param dataplane the Dataplane as stored
   * @param adminPort the Envoy admin port
   */
  public record Registered(Resource dataplane, int adminPort) {}

  /**
   * Validates, authenticates and stores the request's Dataplane.
   *
   * @throws ValidationException for a bad request (400)
   * @throws ResponseStatusException 401 for an invalid token, 403 for a token of another Dataplane
   */
  public Registered register(BootstrapRequest request) {
    Resource dataplane = decode(request);
    if (request.dataplaneToken() == null || request.dataplaneToken().isBlank()) {
      throw new ResponseStatusException(HttpStatus.UNAUTHORIZED, "a dataplane token is required");
    }
    DataplaneTokenClaims claims;
    try {
      claims = verifier.verify(request.dataplaneToken());
    } catch (InvalidTokenException e) {
      log.info(
          "Bootstrap of {}.{} refused: {}", dataplane.mesh(), dataplane.name(), e.getMessage());
      throw new ResponseStatusException(HttpStatus.UNAUTHORIZED, e.getMessage());
    }
    try {
      DataplaneBinding.check(claims, dataplane);
    } catch (TokenMismatchException e) {
      log.info(
          "Bootstrap of {}.{} refused: {}", dataplane.mesh(), dataplane.name(), e.getMessage());
      throw new ResponseStatusException(HttpStatus.FORBIDDEN, e.getMessage());
    }
    int adminPort = adminPort(dataplane, request.adminPort());
    Resource stored = resources.upsert(withAdminPort(dataplane, adminPort)).resource();
    log.info("Registered Dataplane {}.{}", stored.mesh(), stored.name());
    return new Registered(stored, adminPort);
  }

  private Resource decode(BootstrapRequest request) {
    if (request.dataplaneResource() == null || request.dataplaneResource().isBlank()) {
      throw new ValidationException(
          new Violation("dataplaneResource", "the Dataplane resource is required"));
    }
    Resource resource =
        codec.decode(
            request.dataplaneResource().getBytes(StandardCharsets.UTF_8), DocumentFormat.YAML);
    if (resource.type() != ResourceTypes.DATAPLANE) {
      throw new ValidationException(
          new Violation("type", "must be Dataplane, not " + resource.type().name()));
    }
    if (request.adminPort() != null && (request.adminPort() < 1 || request.adminPort() > 65535)) {
      throw new ValidationException(new Violation("adminPort", "must be a port (1-65535)"));
    }
    return resource;
  }

  private static int adminPort(Resource dataplane, Integer requested) {
    if (requested != null) {
      return requested;
    }
    int declared = dataplane.spec().path("networking").path("admin").path("port").asInt(0);
    return declared > 0 ? declared : DEFAULT_ADMIN_PORT;
  }

  /** Makes {@code networking.admin.port} say the port Envoy really uses. */
  private static Resource withAdminPort(Resource dataplane, int adminPort) {
    int declared = dataplane.spec().path("networking").path("admin").path("port").asInt(0);
    if (declared == adminPort || (declared == 0 && adminPort == DEFAULT_ADMIN_PORT)) {
      return dataplane;
    }
    ObjectNode spec = (ObjectNode) dataplane.spec().deepCopy();
    ObjectNode networking = (ObjectNode) spec.get("networking");
    ObjectNode admin =
        networking.get("admin") instanceof ObjectNode existing
            ? existing
            : networking.putObject("admin");
    admin.put("port", adminPort);
    return dataplane.withSpec(spec);
  }
}
