package io.meshforge.zone.kds;

import io.meshforge.kds.transport.EnvoyAdminFailure;
import io.meshforge.kds.v1.EnvoyAdminRequest;
import io.meshforge.kds.v1.EnvoyAdminResponse.ErrorCode;
import io.meshforge.model.ResourceKey;
import io.meshforge.model.ResourceType;
import io.meshforge.model.ResourceTypes;
import io.meshforge.model.store.ResourceNotFoundException;
import io.meshforge.rest.inspect.EnvoyAdminKind;
import io.meshforge.rest.inspect.ProxyAdmin;
import io.meshforge.rest.inspect.ProxyAdminException;
import io.meshforge.rest.inspect.ProxyAdminQuery;
import java.util.Set;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code EnvoyAdminAnswers} answers global's Envoy admin requests with the same {@link ProxyAdmin}
 * as the zone's own inspect endpoints, translating the wire request into a query and every refusal
 * into an {@link EnvoyAdminFailure} whose code tells global which HTTP status to answer with. Kind
 * {@code TRAFFIC} is no Envoy admin read: it is answered with the zone's drill data of a Dataplane
 * ({@link DrillTraffic}, JSON; ADR 0026).
 */
final class EnvoyAdminAnswers {
  private static final Set<ResourceType> PROXY_TYPES =
      Set.of(ResourceTypes.DATAPLANE, ResourceTypes.ZONE_INGRESS, ResourceTypes.ZONE_EGRESS);

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final ProxyAdmin proxies;
  private final DrillTraffic traffic;

  EnvoyAdminAnswers(ProxyAdmin proxies, DrillTraffic traffic) {
    this.proxies = proxies;
    this.traffic = traffic;
  }

  /** Returns Envoy's answer, or throws the refusal global is told about. */
  byte[] answer(EnvoyAdminRequest request) throws EnvoyAdminFailure {
    if (request.getKind() == EnvoyAdminRequest.Kind.TRAFFIC) {
      return traffic(request);
    }
    ProxyAdminQuery query = query(request);
    try {
      return proxies.fetch(query);
    } catch (ResourceNotFoundException e) {
      throw new EnvoyAdminFailure(ErrorCode.PROXY_NOT_FOUND, e.getMessage());
    } catch (ProxyAdminException e) {
      throw new EnvoyAdminFailure(code(e.reason()), e.getMessage());
    }
  }

  private byte[] traffic(EnvoyAdminRequest request) throws EnvoyAdminFailure {
    if (!ResourceTypes.DATAPLANE.name().equals(request.getResourceType())
        || request.getResourceMesh().isEmpty()
        || request.getResourceName().isEmpty()) {
      throw new EnvoyAdminFailure(
          ErrorCode.BAD_REQUEST, "drill traffic is served for a Dataplane, by mesh and name");
    }
    try {
      return JSON.writeValueAsBytes(
          traffic.of(request.getResourceMesh(), request.getResourceName()));
    } catch (ResourceNotFoundException e) {
      throw new EnvoyAdminFailure(ErrorCode.PROXY_NOT_FOUND, e.getMessage());
    } catch (UnsupportedOperationException e) {
      throw new EnvoyAdminFailure(ErrorCode.BAD_REQUEST, e.getMessage());
    }
  }

  static ProxyAdminQuery query(EnvoyAdminRequest request) throws EnvoyAdminFailure {
    ResourceType type =
        ResourceTypes.byName(request.getResourceType())
            .filter(PROXY_TYPES::contains)
            .orElseThrow(() ->
                new EnvoyAdminFailure(
                    ErrorCode.BAD_REQUEST,
                    "not a proxy type: '" + request.getResourceType() + "'"));
    EnvoyAdminKind kind =
        switch (request.getKind()) {
          case CONFIG_DUMP -> EnvoyAdminKind.CONFIG_DUMP;
          case STATS -> EnvoyAdminKind.STATS;
          case CLUSTERS -> EnvoyAdminKind.CLUSTERS;
          default ->
              throw new EnvoyAdminFailure(
                  ErrorCode.BAD_REQUEST, "unknown Envoy admin kind " + request.getKindValue());
        };
    if (request.getResourceName().isEmpty()) {
      throw new EnvoyAdminFailure(ErrorCode.BAD_REQUEST, "no proxy name in the request");
    }
    try {
      ResourceKey key = new ResourceKey(type, request.getResourceMesh(), request.getResourceName());
      return new ProxyAdminQuery(key, kind, request.getIncludeEds());
    } catch (IllegalArgumentException e) {
      throw new EnvoyAdminFailure(ErrorCode.BAD_REQUEST, e.getMessage());
    }
  }

  private static ErrorCode code(ProxyAdminException.Reason reason) {
    return switch (reason) {
      case PROXY_OFFLINE -> ErrorCode.PROXY_OFFLINE;
      case ADMIN_UNREACHABLE -> ErrorCode.ADMIN_UNREACHABLE;
      case ADMIN_TIMEOUT -> ErrorCode.ADMIN_TIMEOUT;
      case TOO_LARGE -> ErrorCode.TOO_LARGE;
      case UNSUPPORTED, ZONE_OFFLINE, ZONE_TIMEOUT -> ErrorCode.BAD_REQUEST;
    };
  }
}
