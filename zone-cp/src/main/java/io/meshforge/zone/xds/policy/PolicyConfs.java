package io.meshforge.zone.xds.policy;

import io.meshforge.model.ResourceType;
import io.meshforge.model.policy.JsonMergePatch;
import io.meshforge.model.policy.MatchedPolicies;
import io.meshforge.model.policy.PeerRules;
import io.meshforge.model.policy.ProxyInbound;
import io.meshforge.model.spec.SpecSchemas;
import io.meshforge.zone.xds.context.Destination;
import io.meshforge.zone.xds.context.InboundPort;
import io.meshforge.zone.xds.context.MeshContext;
import io.meshforge.zone.xds.context.ProxyContext;
import io.meshforge.zone.xds.context.SameInstance;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Resolves the effective {@code default} block of one policy type for one outbound destination or
 * one inbound of a proxy, with the shared matcher ({@code io.meshforge.model.policy}), and binds it
 * to the type's typed conf record.
 *
 * <p>Built-in defaults, when a generator has them, are merged first, beneath every policy: they act
 * as the lowest-priority {@code Mesh} entry, so a policy that sets one field keeps the others.
 *
 * <p>Inbound confs merge, in order: the built-in defaults, the {@code from[]} entries whose source
 * is {@code Mesh} (a listener cannot tell sources apart before TLS, so per-source entries are not
 * applied), then the {@code rules[]} blocks, which replace {@code from[]} in Kuma.
 */
final class PolicyConfs {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The most bound confs kept; past it the memo starts over (a mesh has few distinct confs). */
  static final int MEMO_LIMIT = 4096;

  /**
   * Bound confs by what they were merged from. Merging and binding (a deep copy, a merge patch and
   * a schema walk) is most of a policy generator's cost, and every destination of every proxy
   * without a policy of its own binds the same layers: the memo makes that once per distinct conf
   * instead of once per (proxy, destination, type). Confs are immutable records (the schema walker
   * returns unmodifiable collections), so one instance is shared by any number of generations and
   * threads. Layers are never mutated after they are made, so they are safe as keys.
   */
  private static final Map<BindKey, Optional<?>> BOUND = new ConcurrentHashMap<>();

  private PolicyConfs() {}

  /** Parses a built-in defaults block written as JSON. */
  static JsonNode builtIn(String json) {
    return JSON.readTree(json);
  }

  /**
   * Returns the conf for traffic to one destination, or empty when no policy says anything and
   * there are no built-in defaults. A generator resolving many destinations takes {@link
   * #outbound(ProxyContext, ResourceType, JsonNode, Class)} once instead.
   */
  static <T> Optional<T> outbound(
      ProxyContext proxy,
      ResourceType type,
      Destination destination,
      JsonNode builtIn,
      Class<T> confType) {
    return outbound(proxy, type, builtIn, confType).of(destination);
  }

  /**
   * Returns the confs of one policy type for traffic from this proxy to any of its destinations:
   * the per-destination work of a generator is then one map lookup by cluster name.
   */
  static <T> OutboundConfs<T> outbound(
      ProxyContext proxy, ResourceType type, JsonNode builtIn, Class<T> confType) {
    PeerRules rules = proxy.outboundRules(type);
    MeshContext mesh = proxy.mesh();
    // A conf is a function of the rules, the destination's peer (its cluster name and service
    // within one mesh context), the defaults and the conf type: resolved once per mesh change for
    // every proxy holding the same rules instance, instead of once per (proxy, destination, type).
    // Keys compare the rules and defaults by identity: hashing them by content per destination
    // would cost what the memo saves.
    Map<String, OutboundConfs.Resolved> table =
        admitted(mesh, rules)
            ? mesh.shared(
                new OutboundConfTable(new SameInstance(rules), new SameInstance(builtIn), confType),
                ConcurrentHashMap::new)
            : null;
    return new OutboundConfs<>(
        confType,
        table,
        destination -> {
          var effective = rules.confFor(mesh.peer(destination));
          return bind(
              builtIn, effective.isEmpty() ? List.of() : List.of(effective.conf()), confType);
        });
  }

  /**
   * The memo key of the bound confs of one rules instance, by destination cluster name, in a mesh
   * context.
   */
  private record OutboundConfTable(SameInstance rules, SameInstance builtIn, Class<?> confType) {}

  /**
   * Whether the confs resolved from {@code rules} are memoised in the mesh context: only for the
   * first {@link #MEMOISED_RULES} distinct rules instances of a mesh context. Most proxies of a
   * mesh match the same policies, so a few instances cover them; a mesh whose proxies each match
   * policies of their own (say, one per Dataplane name) would otherwise hold one conf per proxy,
   * destination and type until the next mesh change. Past the limit confs are resolved per proxy,
   * as before the memo (the merge and bind are still memoised by {@link #BOUND}). Which rules are
   * admitted depends on which proxies are generated first; the confs themselves never do.
   */
  private static boolean admitted(MeshContext mesh, PeerRules rules) {
    AtomicInteger admittedSoFar = mesh.shared(MemoisedRulesCount.KEY, AtomicInteger::new);
    return mesh.shared(
        new MemoisedRules(new SameInstance(rules)),
        () -> admittedSoFar.incrementAndGet() <= MEMOISED_RULES);
  }

  /** The most distinct rules instances of one mesh context whose confs are memoised. */
  static final int MEMOISED_RULES = 64;

  /** The memo key of the count of rules instances admitted to the conf memo. */
  private enum MemoisedRulesCount {
    KEY
  }

  /** The memo key of whether one rules instance was admitted to the conf memo. */
  private record MemoisedRules(SameInstance rules) {}

  /**
   * Returns the conf for traffic into one inbound, or empty when no policy says anything and there
   * are no built-in defaults.
   */
  static <T> Optional<T> inbound(
      ProxyContext proxy,
      ResourceType type,
      InboundPort inbound,
      JsonNode builtIn,
      Class<T> confType) {
    Optional<ProxyInbound> in = proxy.policyInbound(inbound);
    List<JsonNode> layers = new ArrayList<>();
    if (in.isPresent()) {
      MatchedPolicies matched = proxy.policies(type);
      var from = matched.from(in.get()).meshWide();
      var rules = matched.rules(in.get());
      if (!from.isEmpty()) {
        layers.add(from.conf());
      }
      if (!rules.isEmpty()) {
        layers.add(rules.conf());
      }
    }
    return bind(builtIn, layers, confType);
  }

  private static <T> Optional<T> bind(JsonNode builtIn, List<JsonNode> layers, Class<T> confType) {
    if (builtIn == null && layers.isEmpty()) {
      return Optional.empty();
    }
    BindKey key = new BindKey(confType, builtIn, layers);
    Optional<?> known = BOUND.get(key);
    if (known == null) {
      known = Optional.of(merge(builtIn, layers, confType));
      if (BOUND.size() >= MEMO_LIMIT) {
        BOUND.clear();
      }
      BOUND.put(key, known);
    }
    return known.map(confType::cast);
  }

  private static <T> T merge(JsonNode builtIn, List<JsonNode> layers, Class<T> confType) {
    JsonNode merged = builtIn == null ? JSON.createObjectNode() : builtIn.deepCopy();
    for (JsonNode layer : layers) {
      merged = JsonMergePatch.apply(merged, layer);
    }
    return SpecSchemas.treeAs(merged, confType);
  }

  /** What a bound conf is a function of (JSON nodes compare and hash by content). */
  private record BindKey(Class<?> confType, JsonNode builtIn, List<JsonNode> layers) {}
}
