package io.meshforge.rest.inspect;

import io.meshforge.model.Resource;
import io.meshforge.model.ResourceType;
import io.meshforge.model.WellKnownLabels;
import io.meshforge.model.policy.MatchedPolicies;
import io.meshforge.model.policy.MatchedPolicy;
import io.meshforge.model.policy.PolicyMatcher;
import io.meshforge.model.policy.ProxyIdentity;
import io.meshforge.model.policy.ProxyInbound;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code DataplanePolicyReport} builds the body of {@code GET .../dataplanes/{name}/_policies}: the
 * policies that match a Dataplane, type by type in merge order (lowest priority first), computed by
 * shared-model's {@link PolicyMatcher} exactly as the xDS generators compute them.
 *
 * <p>Shape (ADR 0021): {@code {dataplane: {mesh, name}, policies: [{type, mesh, name, kind, scope,
 * shadow, inbounds, conf}]}}, one item per section a matching policy has: {@code kind} is {@code
 * single} ({@code spec.default}), {@code to}, {@code from} or {@code rules}; {@code conf} is that
 * section as written ({@code default} object, or the array of entries); {@code inbounds} are the
 * ports its {@code from}/{@code rules} apply to.
 *
 * <p>Both control planes answer the same: the proxy is matched under its zone-local name (the
 * {@code kuma.io/display-name} of a synced copy), and a zone-origin policy only counts for proxies
 * of its own zone (global holds every zone's policies for visibility; each zone applies only its
 * own).
 */
final class DataplanePolicyReport {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final List<String> SECTIONS = List.of("to", "from", "rules");

  private DataplanePolicyReport() {}

  /**
   * Returns the report for a Dataplane.
   *
   * @param dataplane the stored Dataplane
   * @param candidates policies of its mesh (others are ignored)
   * @param includeShadow whether {@code kuma.io/effect: shadow} policies are shown
   */
  static ObjectNode of(Resource dataplane, Collection<Resource> candidates, boolean includeShadow) {
    ProxyIdentity proxy = identity(dataplane);
    String zone = dataplane.labels().get(WellKnownLabels.ZONE);
    List<Resource> applicable =
        candidates.stream().filter(policy -> appliesInZone(policy, zone)).toList();
    ObjectNode body = NODES.objectNode();
    body.putObject("dataplane").put("mesh", dataplane.mesh()).put("name", dataplane.name());
    ArrayNode items = body.putArray("policies");
    for (Map.Entry<ResourceType, MatchedPolicies> byType :
        PolicyMatcher.matchAll(proxy, applicable, includeShadow).entrySet()) {
      for (MatchedPolicy matched : byType.getValue().policies()) {
        addSections(items, matched);
      }
    }
    return body;
  }

  /** The proxy under its zone-local name, so policies naming it match on global as in the zone. */
  private static ProxyIdentity identity(Resource dataplane) {
    ProxyIdentity stored = ProxyIdentity.fromDataplane(dataplane);
    String localName = dataplane.labels().getOrDefault(WellKnownLabels.DISPLAY_NAME, stored.name());
    return new ProxyIdentity(stored.mesh(), localName, stored.labels(), stored.inbounds());
  }

  private static boolean appliesInZone(Resource policy, String zone) {
    boolean fromZone =
        WellKnownLabels.ORIGIN_ZONE.equals(policy.labels().get(WellKnownLabels.ORIGIN));
    String policyZone = policy.labels().get(WellKnownLabels.ZONE);
    return !fromZone || zone == null || policyZone == null || policyZone.equals(zone);
  }

  private static void addSections(ArrayNode items, MatchedPolicy matched) {
    JsonNode spec = matched.resource().spec();
    if (spec.has("default")) {
      items.add(item(matched, "single", spec.get("default")));
    }
    for (String section : SECTIONS) {
      if (spec.path(section).isArray() && !spec.path(section).isEmpty()) {
        items.add(item(matched, section, spec.get(section)));
      }
    }
  }

  private static ObjectNode item(MatchedPolicy matched, String kind, JsonNode conf) {
    Resource policy = matched.resource();
    ObjectNode item = NODES.objectNode();
    item.put("type", policy.type().name())
        .put("mesh", policy.mesh())
        .put("name", policy.name())
        .put("kind", kind)
        .put("scope", matched.scope().name())
        .put("shadow", matched.shadow());
    ArrayNode inbounds = item.putArray("inbounds");
    matched.inbounds().stream().map(ProxyInbound::port).forEach(inbounds::add);
    item.set("conf", conf.deepCopy());
    return item;
  }
}
