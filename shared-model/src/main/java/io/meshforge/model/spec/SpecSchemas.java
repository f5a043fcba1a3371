package io.meshforge.model.spec;

import io.meshforge.model.Resource;
import io.meshforge.model.ResourceType;
import io.meshforge.model.ResourceTypes;
import io.meshforge.model.validation.SchemaWalker;
import io.meshforge.model.validation.ViolationCollector;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * {@code SpecSchemas} maps every resource type to the record class that is its schema, and gives
 * typed views of stored specs.
 *
 * <p>Typed views are bound from the stored JSON tree on each call (no caching): specs are small and
 * callers such as xDS generators hold on to the records they need.
 */
public final class SpecSchemas {

  private static final Map<ResourceType, Class<? extends Record>> SCHEMAS = schemas();

  private SpecSchemas() {}

  private static Map<ResourceType, Class<? extends Record>> schemas() {
    Map<ResourceType, Class<? extends Record>> map = new LinkedHashMap<>();
    map.put(ResourceTypes.MESH, MeshSpec.class);
    map.put(ResourceTypes.ZONE, ZoneSpec.class);
    map.put(ResourceTypes.ZONE_INSIGHT, ZoneInsightSpec.class);
    map.put(ResourceTypes.ZONE_INGRESS, ZoneIngressSpec.class);
    map.put(ResourceTypes.ZONE_EGRESS, ZoneEgressSpec.class);
    map.put(ResourceTypes.ZONE_INGRESS_INSIGHT, ZoneProxyInsightSpec.class);
    map.put(ResourceTypes.ZONE_EGRESS_INSIGHT, ZoneProxyInsightSpec.class);
    map.put(ResourceTypes.GLOBAL_SECRET, SecretSpec.class);
    map.put(ResourceTypes.DATAPLANE, DataplaneSpec.class);
    map.put(ResourceTypes.DATAPLANE_INSIGHT, DataplaneInsightSpec.class);
    map.put(ResourceTypes.MESH_SERVICE, MeshServiceSpec.class);
    map.put(ResourceTypes.MESH_MULTI_ZONE_SERVICE, MeshMultiZoneServiceSpec.class);
    map.put(ResourceTypes.MESH_EXTERNAL_SERVICE, MeshExternalServiceSpec.class);
    map.put(ResourceTypes.SECRET, SecretSpec.class);
    map.put(ResourceTypes.MESH_TRAFFIC_PERMISSION, MeshTrafficPermissionSpec.class);
    map.put(ResourceTypes.MESH_TIMEOUT, MeshTimeoutSpec.class);
    map.put(ResourceTypes.MESH_RETRY, MeshRetrySpec.class);
    map.put(ResourceTypes.MESH_CIRCUIT_BREAKER, MeshCircuitBreakerSpec.class);
    map.put(ResourceTypes.MESH_HEALTH_CHECK, MeshHealthCheckSpec.class);
    map.put(ResourceTypes.MESH_RATE_LIMIT, MeshRateLimitSpec.class);
    map.put(ResourceTypes.MESH_FAULT_INJECTION, MeshFaultInjectionSpec.class);
    map.put(ResourceTypes.MESH_LOAD_BALANCING_STRATEGY, MeshLoadBalancingStrategySpec.class);
    map.put(ResourceTypes.MESH_HTTP_ROUTE, MeshHttpRouteSpec.class);
    map.put(ResourceTypes.MESH_TCP_ROUTE, MeshTcpRouteSpec.class);
    map.put(ResourceTypes.MESH_ACCESS_LOG, MeshAccessLogSpec.class);
    map.put(ResourceTypes.MESH_TRACE, MeshTraceSpec.class);
    map.put(ResourceTypes.MESH_METRIC, MeshMetricSpec.class);
    map.put(ResourceTypes.MESH_TLS, MeshTlsSpec.class);
    map.put(ResourceTypes.MESH_PROXY_PATCH, MeshProxyPatchSpec.class);
    return Map.copyOf(map);
  }

  /**
   * Returns the record class that is the schema of {@code type}.
   *
   * @throws IllegalArgumentException when the type has no schema (a programming error)
   */
  public static Class<? extends Record> schemaOf(ResourceType type) {
    Class<? extends Record> schema = SCHEMAS.get(type);
    if (schema == null) {
      throw new IllegalArgumentException("no spec schema registered for " + type);
    }
    return schema;
  }

  /** Returns whether {@code type} has a registered schema. */
  public static boolean hasSchema(ResourceType type) {
    return SCHEMAS.containsKey(type);
  }

  /**
   * Returns the sections a policy type supports ({@code to}, {@code from}, {@code rules}), read
   * from its schema; empty for top-level-only policies and for types that are not policies.
   */
  public static Set<PolicySection> sections(ResourceType type) {
    Shape.RecordShape shape = (Shape.RecordShape) Shape.of(schemaOf(type));
    Set<PolicySection> sections = EnumSet.noneOf(PolicySection.class);
    if (!type.policy()) {
      return sections;
    }
    for (PolicySection section : PolicySection.values()) {
      if (shape.field(section.name().toLowerCase(java.util.Locale.ROOT)) != null) {
        sections.add(section);
      }
    }
    return sections;
  }

  /**
   * Returns the typed view of a resource's spec.
   *
   * @param resource a resource whose spec was validated (as every stored one is)
   * @param type the schema class of the resource's type, see {@link #schemaOf}
   * @throws IllegalArgumentException when {@code type} is not the schema of the resource's type
   * @throws io.meshforge.model.validation.ValidationException when the spec does not fit it
   */
  public static <T> T specAs(Resource resource, Class<T> type) {
    Class<? extends Record> schema = schemaOf(resource.type());
    if (schema != type) {
      throw new IllegalArgumentException(
          resource.type() + " specs are " + schema.getSimpleName() + ", not " + type.getName());
    }
    return treeAs(resource.spec(), type);
  }

  /**
   * Returns the typed view of a resource's spec, as its type's schema record.
   *
   * @throws io.meshforge.model.validation.ValidationException when the spec does not fit it
   */
  public static Record specOf(Resource resource) {
    return treeAs(resource.spec(), schemaOf(resource.type()));
  }

  /**
   * Binds a JSON tree to a schema record, for example a merged {@code default} block.
   *
   * @throws io.meshforge.model.validation.ValidationException when the tree does not fit the
   *     schema, with every violation
   */
  public static <T> T treeAs(JsonNode tree, Class<T> type) {
    ViolationCollector violations = ViolationCollector.root();
    T bound = SchemaWalker.bind(tree, type, violations);
    violations.throwIfAny();
    return bound;
  }
}
