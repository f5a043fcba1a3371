package io.meshforge.model;

import static io.meshforge.model.KdsFlag.GLOBAL_TO_ZONES;
import static io.meshforge.model.KdsFlag.SYNCED_ACROSS_ZONES;
import static io.meshforge.model.KdsFlag.ZONE_TO_GLOBAL;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code ResourceTypes} is the registry of every resource type: the one place a type is described.
 * Names, paths and short names follow Kuma's so YAML, REST paths and habits carry over.
 */
public final class ResourceTypes {

  // Global-scoped.
  public static final ResourceType MESH =
      global("Mesh", "meshes", "m", true, false, Set.of(GLOBAL_TO_ZONES));
  // Sent to zones so each knows which zones are enabled (evacuation drills, ADR 0023).
  public static final ResourceType ZONE =
      global("Zone", "zones", "z", true, true, Set.of(GLOBAL_TO_ZONES));
  public static final ResourceType ZONE_INSIGHT =
      global("ZoneInsight", "zone-insights", "", false, false, Set.of());
  public static final ResourceType ZONE_INGRESS =
      global(
          "ZoneIngress",
          "zoneingresses",
          "zi",
          false,
          true,
          Set.of(ZONE_TO_GLOBAL, SYNCED_ACROSS_ZONES));
  public static final ResourceType ZONE_EGRESS =
      global("ZoneEgress", "zoneegresses", "ze", false, true, Set.of(ZONE_TO_GLOBAL));
  // Written by the zone CP from its zone proxies' xDS streams, like DataplaneInsight (ADR 0026).
  public static final ResourceType ZONE_INGRESS_INSIGHT =
      global(
          "ZoneIngressInsight", "zone-ingress-insights", "", false, false, Set.of(ZONE_TO_GLOBAL));
  public static final ResourceType ZONE_EGRESS_INSIGHT =
      global("ZoneEgressInsight", "zone-egress-insights", "", false, false, Set.of(ZONE_TO_GLOBAL));
  public static final ResourceType GLOBAL_SECRET =
      global("GlobalSecret", "global-secrets", "", true, false, Set.of(GLOBAL_TO_ZONES));

  // Mesh-scoped, not policies.
  public static final ResourceType DATAPLANE =
      inMesh(
          "Dataplane", "dataplanes", "dp", SpecLayout.INLINE, false, true, Set.of(ZONE_TO_GLOBAL));
  public static final ResourceType DATAPLANE_INSIGHT =
      inMesh(
          "DataplaneInsight",
          "dataplane-insights",
          "",
          SpecLayout.INLINE,
          false,
          false,
          Set.of(ZONE_TO_GLOBAL));
  public static final ResourceType MESH_SERVICE =
      inMesh(
          "MeshService",
          "meshservices",
          "msvc",
          SpecLayout.WRAPPED,
          false,
          true,
          Set.of(ZONE_TO_GLOBAL, SYNCED_ACROSS_ZONES));
  public static final ResourceType MESH_MULTI_ZONE_SERVICE =
      inMesh(
          "MeshMultiZoneService",
          "meshmultizoneservices",
          "mzsvc",
          SpecLayout.WRAPPED,
          true,
          false,
          Set.of(GLOBAL_TO_ZONES));
  public static final ResourceType MESH_EXTERNAL_SERVICE =
      inMesh(
          "MeshExternalService",
          "meshexternalservices",
          "extsvc",
          SpecLayout.WRAPPED,
          true,
          true,
          Set.of(GLOBAL_TO_ZONES, ZONE_TO_GLOBAL));
  public static final ResourceType SECRET =
      inMesh("Secret", "secrets", "", SpecLayout.INLINE, true, true, Set.of(GLOBAL_TO_ZONES));

  // Policies.
  public static final ResourceType MESH_TRAFFIC_PERMISSION =
      policy("MeshTrafficPermission", "meshtrafficpermissions", "mtp");
  public static final ResourceType MESH_TIMEOUT = policy("MeshTimeout", "meshtimeouts", "mt");
  public static final ResourceType MESH_RETRY = policy("MeshRetry", "meshretries", "mr");
  public static final ResourceType MESH_CIRCUIT_BREAKER =
      policy("MeshCircuitBreaker", "meshcircuitbreakers", "mcb");
  public static final ResourceType MESH_HEALTH_CHECK =
      policy("MeshHealthCheck", "meshhealthchecks", "mhc");
  public static final ResourceType MESH_RATE_LIMIT =
      policy("MeshRateLimit", "meshratelimits", "mrl");
  public static final ResourceType MESH_FAULT_INJECTION =
      policy("MeshFaultInjection", "meshfaultinjections", "mfi");
  public static final ResourceType MESH_LOAD_BALANCING_STRATEGY =
      policy("MeshLoadBalancingStrategy", "meshloadbalancingstrategies", "mlbs");
  public static final ResourceType MESH_HTTP_ROUTE =
      policy("MeshHTTPRoute", "meshhttproutes", "mhttpr");
  public static final ResourceType MESH_TCP_ROUTE =
      policy("MeshTCPRoute", "meshtcproutes", "mtcpr");
  public static final ResourceType MESH_ACCESS_LOG =
      policy("MeshAccessLog", "meshaccesslogs", "mal");
  public static final ResourceType MESH_TRACE = policy("MeshTrace", "meshtraces", "mtr");
  public static final ResourceType MESH_METRIC = policy("MeshMetric", "meshmetrics", "mm");
  public static final ResourceType MESH_TLS = policy("MeshTLS", "meshtlses", "mtls");
  public static final ResourceType MESH_PROXY_PATCH =
      policy("MeshProxyPatch", "meshproxypatches", "mpp");

  private static final List<ResourceType> ALL =
      List.of(
          MESH,
          ZONE,
          ZONE_INSIGHT,
          ZONE_INGRESS,
          ZONE_EGRESS,
          ZONE_INGRESS_INSIGHT,
          ZONE_EGRESS_INSIGHT,
          GLOBAL_SECRET,
          DATAPLANE,
          DATAPLANE_INSIGHT,
          MESH_SERVICE,
          MESH_MULTI_ZONE_SERVICE,
          MESH_EXTERNAL_SERVICE,
          SECRET,
          MESH_TRAFFIC_PERMISSION,
          MESH_TIMEOUT,
          MESH_RETRY,
          MESH_CIRCUIT_BREAKER,
          MESH_HEALTH_CHECK,
          MESH_RATE_LIMIT,
          MESH_FAULT_INJECTION,
          MESH_LOAD_BALANCING_STRATEGY,
          MESH_HTTP_ROUTE,
          MESH_TCP_ROUTE,
          MESH_ACCESS_LOG,
          MESH_TRACE,
          MESH_METRIC,
          MESH_TLS,
          MESH_PROXY_PATCH);

  /** Alternative REST paths Kuma also answers on. */
  private static final Map<String, ResourceType> PATH_ALIASES =
      Map.of("zone-ingresses", ZONE_INGRESS, "globalsecrets", GLOBAL_SECRET);

  private static final Map<String, ResourceType> BY_NAME = index(true);
  private static final Map<String, ResourceType> BY_PATH = index(false);

  private ResourceTypes() {}

  /** Returns every registered type, in a stable order (global-scoped first, then mesh-scoped). */
  public static List<ResourceType> all() {
    return ALL;
  }

  /** Returns the type with this name ({@code MeshTimeout}), if registered. */
  public static Optional<ResourceType> byName(String name) {
    return Optional.ofNullable(BY_NAME.get(name));
  }

  /** Returns the type served at this REST path segment ({@code meshtimeouts}), if any. */
  public static Optional<ResourceType> byPath(String path) {
    ResourceType type = BY_PATH.get(path);
    return Optional.ofNullable(type != null ? type : PATH_ALIASES.get(path));
  }

  /** Returns every policy type. */
  public static List<ResourceType> policies() {
    return ALL.stream().filter(ResourceType::policy).toList();
  }

  private static Map<String, ResourceType> index(boolean byName) {
    Map<String, ResourceType> map = new LinkedHashMap<>();
    for (ResourceType type : ALL) {
      ResourceType previous = map.put(byName ? type.name() : type.path(), type);
      if (previous != null) {
        throw new IllegalStateException("two resource types share " + previous);
      }
    }
    return Map.copyOf(map);
  }

  private static ResourceType global(
      String name,
      String path,
      String shortName,
      boolean providedByGlobal,
      boolean providedByZone,
      Set<KdsFlag> kds) {
    return new ResourceType(
        name,
        Scope.GLOBAL,
        path,
        shortName,
        SpecLayout.INLINE,
        false,
        providedByGlobal,
        providedByZone,
        kds);
  }

  private static ResourceType inMesh(
      String name,
      String path,
      String shortName,
      SpecLayout layout,
      boolean providedByGlobal,
      boolean providedByZone,
      Set<KdsFlag> kds) {
    return new ResourceType(
        name, Scope.MESH, path, shortName, layout, false, providedByGlobal, providedByZone, kds);
  }

  private static ResourceType policy(String name, String path, String shortName) {
    return new ResourceType(
        name,
        Scope.MESH,
        path,
        shortName,
        SpecLayout.WRAPPED,
        true,
        true,
        true,
        Set.of(GLOBAL_TO_ZONES, ZONE_TO_GLOBAL, SYNCED_ACROSS_ZONES));
  }
}
