package io.meshforge.model.validation;

import io.meshforge.model.Resource;
import io.meshforge.model.ResourceType;
import io.meshforge.model.ResourceTypes;
import io.meshforge.model.SpecLayout;
import io.meshforge.model.WellKnownLabels;
import io.meshforge.model.spec.PolicySpec;
import io.meshforge.model.spec.SpecSchemas;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * {@code ResourceValidator} checks a whole resource and reports every violation at once: the name,
 * the mesh name, labels, the spec against its type's schema ({@link SchemaWalker}), and the type's
 * semantic rules (targetRef kinds, ports, tags, regexes, references...).
 *
 * <p>Paths are as the user wrote the document: {@code spec.} prefixed for wrapped types, top-level
 * field names for inline ones. Stateless and thread-safe.
 */
public final class ResourceValidator {

  private static final Map<ResourceType, List<SpecRules<?>>> RULES = rules();

  /** Creates a validator. */
  public ResourceValidator() {
    // Stateless: one instance may be shared by every thread.
  }

  /**
   * Returns every violation in {@code resource}; an empty list means it is valid.
   *
   * @param resource the resource to check
   */
  public List<Violation> validate(Resource resource) {
    ViolationCollector root = ViolationCollector.root();
    validate(
        resource.type(),
        resource.mesh(),
        resource.name(),
        resource.labels(),
        resource.spec(),
        root);
    return root.violations();
  }

  /**
   * Checks the parts of a resource that may not be assembled yet, as the codec has them while
   * decoding; absent parts ({@code null}) are skipped because the caller already reported them.
   *
   * @param type the resource type
   * @param mesh the mesh name ({@code ""} or {@code null} for global-scoped types)
   * @param name the resource name, or {@code null}
   * @param labels the labels
   * @param spec the spec tree, or {@code null}
   * @param root where to record violations, positioned at the document root
   */
  public void validate(
      ResourceType type,
      String mesh,
      String name,
      Map<String, String> labels,
      JsonNode spec,
      ViolationCollector root) {
    if (name != null) {
      ResourceNames.validate(name, root.field("name"));
    }
    if (type.meshScoped() && mesh != null) {
      ResourceNames.validate(mesh, root.field("mesh"));
    }
    validateLabels(type, mesh, labels, root.field("labels"));
    if (spec != null) {
      validateSpec(type, spec, specRoot(type, root));
    }
  }

  /**
   * Checks a spec of {@code type} on its own, recording violations at {@code at}.
   *
   * @param type the resource type
   * @param spec the spec tree (for inline types, the object of the top-level fields)
   * @param at positioned at the spec: {@code spec} for wrapped types, the root for inline ones
   */
  public void validateSpec(ResourceType type, JsonNode spec, ViolationCollector at) {
    Record bound = SchemaWalker.bind(spec, SpecSchemas.schemaOf(type), at);
    if (bound == null) {
      return;
    }
    for (SpecRules<?> rules : RULES.getOrDefault(type, List.of())) {
      run(rules, bound, at);
    }
  }

  /** Returns where spec paths start: {@code spec} for wrapped types, the root for inline ones. */
  public static ViolationCollector specRoot(ResourceType type, ViolationCollector root) {
    return type.layout() == SpecLayout.WRAPPED ? root.field("spec") : root;
  }

  private static void validateLabels(
      ResourceType type, String resourceMesh, Map<String, String> labels, ViolationCollector at) {
    LabelRules.validate(labels, at);
    String origin = labels.get(WellKnownLabels.ORIGIN);
    if (origin != null
        && !origin.equals(WellKnownLabels.ORIGIN_GLOBAL)
        && !origin.equals(WellKnownLabels.ORIGIN_ZONE)) {
      at.key(WellKnownLabels.ORIGIN).add("must be global or zone");
    }
    String mesh = labels.get(WellKnownLabels.MESH);
    if (mesh != null && type.meshScoped() && resourceMesh != null && !mesh.equals(resourceMesh)) {
      at.key(WellKnownLabels.MESH).add("must equal the resource's mesh \"" + resourceMesh + "\"");
    }
  }

  @SuppressWarnings("unchecked")
  private static <T> void run(SpecRules<T> rules, Object bound, ViolationCollector at) {
    rules.check((T) bound, at);
  }

  private static Map<ResourceType, List<SpecRules<?>>> rules() {
    Map<ResourceType, List<SpecRules<?>>> map = new HashMap<>();
    map.put(ResourceTypes.MESH, List.of(new MeshRules()));
    map.put(ResourceTypes.DATAPLANE, List.of(new DataplaneRules()));
    map.put(ResourceTypes.MESH_SERVICE, List.of(MeshServiceRules.MESH_SERVICE));
    map.put(ResourceTypes.MESH_MULTI_ZONE_SERVICE, List.of(MeshServiceRules.MULTI_ZONE_SERVICE));
    map.put(ResourceTypes.MESH_EXTERNAL_SERVICE, List.of(ResourceReferenceRules.EXTERNAL_SERVICE));
    map.put(ResourceTypes.SECRET, List.of(ResourceReferenceRules.SECRET));
    map.put(ResourceTypes.GLOBAL_SECRET, List.of(ResourceReferenceRules.SECRET));
    map.put(ResourceTypes.ZONE_INGRESS, List.of(ResourceReferenceRules.ZONE_INGRESS));
    map.put(ResourceTypes.ZONE_EGRESS, List.of(ResourceReferenceRules.ZONE_EGRESS));
    Map<ResourceType, SpecRules<?>> specific = new HashMap<>();
    specific.put(ResourceTypes.MESH_TRAFFIC_PERMISSION, TrafficPolicyRules.TRAFFIC_PERMISSION);
    specific.put(ResourceTypes.MESH_RETRY, TrafficPolicyRules.RETRY);
    specific.put(ResourceTypes.MESH_HEALTH_CHECK, TrafficPolicyRules.HEALTH_CHECK);
    specific.put(ResourceTypes.MESH_CIRCUIT_BREAKER, TrafficPolicyRules.CIRCUIT_BREAKER);
    specific.put(ResourceTypes.MESH_LOAD_BALANCING_STRATEGY, TrafficPolicyRules.LOAD_BALANCING);
    specific.put(ResourceTypes.MESH_FAULT_INJECTION, TrafficPolicyRules.FAULT_INJECTION);
    specific.put(ResourceTypes.MESH_PROXY_PATCH, TrafficPolicyRules.PROXY_PATCH);
    specific.put(ResourceTypes.MESH_HTTP_ROUTE, RouteRules.HTTP);
    specific.put(ResourceTypes.MESH_TCP_ROUTE, RouteRules.TCP);
    specific.put(ResourceTypes.MESH_ACCESS_LOG, ObservabilityRules.ACCESS_LOG);
    specific.put(ResourceTypes.MESH_TRACE, ObservabilityRules.TRACE);
    specific.put(ResourceTypes.MESH_METRIC, ObservabilityRules.METRIC);
    // Timeouts and retries may configure a single route; other policies act per destination.
    Set<ResourceType> routeAware = Set.of(ResourceTypes.MESH_TIMEOUT, ResourceTypes.MESH_RETRY);
    for (ResourceType policy : ResourceTypes.policies()) {
      PolicyRules common =
          new PolicyRules(
              policy.equals(ResourceTypes.MESH_TRAFFIC_PERMISSION)
                  ? PolicyRules.TRAFFIC_PERMISSION_TOP_LEVEL
                  : PolicyRules.TOP_LEVEL,
              routeAware.contains(policy)
                  ? PolicyRules.DESTINATIONS_AND_ROUTES
                  : PolicyRules.DESTINATIONS,
              !SpecSchemas.sections(policy).isEmpty());
      SpecRules<PolicySpec> commonRules = common;
      map.put(
          policy,
          specific.containsKey(policy)
              ? List.of(commonRules, specific.get(policy))
              : List.of(commonRules));
    }
    return Map.copyOf(map);
  }
}
