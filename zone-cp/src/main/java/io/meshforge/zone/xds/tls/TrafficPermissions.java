package io.meshforge.zone.xds.tls;

import io.meshforge.ca.SpiffeIds;
import io.meshforge.model.Resource;
import io.meshforge.model.ResourceTypes;
import io.meshforge.model.WellKnownLabels;
import io.meshforge.model.policy.MatchedPolicy;
import io.meshforge.model.policy.PolicyMatcher;
import io.meshforge.model.policy.ProxyIdentity;
import io.meshforge.model.policy.ProxyInbound;
import io.meshforge.model.spec.MeshTrafficPermissionSpec.Action;
import io.meshforge.model.spec.TargetRefKind;
import io.meshforge.zone.xds.tls.ClientMatch.UriMatch;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/**
 * {@code TrafficPermissions} computes the {@link InboundPermissions} of one inbound of one proxy
 * from the mesh's MeshTrafficPermissions.
 *
 * <p>Which policies apply: those {@link PolicyMatcher} selects for the inbound (top-level {@code
 * Mesh}, {@code Dataplane}, {@code MeshService}), plus the legacy top-level {@code MeshSubset} (the
 * inbound's tags contain all {@code tags}) and {@code MeshServiceSubset} (the inbound serves {@code
 * name} and has all {@code tags}), which the shared matcher does not select. They are ordered
 * lowest priority first by top-level kind (Kuma's rank: Mesh &lt; Dataplane &lt; MeshSubset &lt;
 * MeshService &lt; MeshServiceSubset), then as the shared matcher orders them.
 *
 * <p>{@code from[]} entries of all those policies are concatenated in that order, then stably
 * sorted by the rank of their source kind, so that for a client the most specific entry wins and,
 * among equally specific ones, the entry of the higher-priority policy. Sources become conditions
 * on the client certificate's URI SANs:
 *
 * <ul>
 *   <li>{@code Mesh}: any SPIFFE ID of the mesh ({@code spiffe://<mesh>/} prefix);
 *   <li>{@code MeshService}: exactly {@code spiffe://<mesh>/<name>};
 *   <li>{@code MeshSubset}: {@code kuma://<tag>/<value>} for every tag (no tags: as {@code Mesh});
 *   <li>{@code MeshServiceSubset}: both of the above;
 *   <li>other kinds: ignored (a client certificate carries no more than this).
 * </ul>
 *
 * <p>{@code rules[].default} blocks are merged in policy order with JSON merge-patch (arrays
 * replace), as every policy's rules are; their {@code spiffeID} matches are {@code Exact} or {@code
 * Prefix}.
 */
public final class TrafficPermissions {

  private TrafficPermissions() {}

  /**
   * Computes the permissions of one inbound.
   *
   * @param proxy the proxy being configured
   * @param inbound one of its inbounds
   * @param resources candidate resources; only MeshTrafficPermissions of the proxy's mesh are read
   *     (shadow ones left out), so a whole snapshot of the mesh may be passed
   * @return the permissions
   */
  public static InboundPermissions forInbound(
      ProxyIdentity proxy, ProxyInbound inbound, Collection<Resource> resources) {
    return of(proxy.mesh(), applying(proxy, inbound, resources));
  }

  /**
   * Computes the permissions of a MeshExternalService on the zone egress (ADR 0026): the
   * MeshTrafficPermissions of the mesh whose top-level {@code targetRef} is {@code Mesh} (or
   * absent, without {@code proxyTypes}: they select every proxy, and the egress is where this
   * traffic is received), then, at higher priority, those whose top-level {@code targetRef} is
   * {@code {kind: MeshExternalService, name: <name>}}; each group ordered like the legacy subset
   * kinds (origin global first, then the alphabetically smallest name last, so it wins). No such
   * policy: nobody is allowed, as on a sidecar's inbound with mTLS on.
   *
   * @param mesh the mesh
   * @param name the MeshExternalService's name (as written in policies: its name on global)
   * @param resources candidate resources; only MeshTrafficPermissions of {@code mesh} are read
   *     (shadow ones left out)
   * @return the permissions
   */
  public static InboundPermissions forExternalService(
      String mesh, String name, Collection<Resource> resources) {
    List<Resource> policies =
        resources.stream()
            .filter(r -> r.type().equals(ResourceTypes.MESH_TRAFFIC_PERMISSION))
            .filter(r -> r.mesh().equals(mesh))
            .filter(r -> !"shadow".equals(r.labels().get(WellKnownLabels.EFFECT)))
            .filter(r -> externalServiceRank(r.spec().path("targetRef"), name) > 0)
            .sorted(
                Comparator.comparingInt(
                        (Resource r) -> externalServiceRank(r.spec().path("targetRef"), name))
                    .thenComparing(SUBSET_ORDER))
            .toList();
    return of(mesh, policies);
  }

  /** 1 for a mesh-wide policy, 2 for one targeting this MeshExternalService, 0 otherwise. */
  private static int externalServiceRank(JsonNode ref, String name) {
    String kind = ref.path("kind").asString("Mesh");
    if (kind.equals("Mesh")) {
      return ref.path("proxyTypes").isEmpty() ? 1 : 0;
    }
    boolean targeted =
        kind.equals("MeshExternalService") && name.equals(ref.path("name").asString(""));
    return targeted ? 2 : 0;
  }

  /** The permissions that {@code policies} (lowest priority first) give. */
  private static InboundPermissions of(String mesh, List<Resource> policies) {
    List<InboundPermissions.Entry> entries = new ArrayList<>();
    List<Integer> ranks = new ArrayList<>();
    Map<String, JsonNode> rules = new TreeMap<>();
    for (Resource policy : policies) {
      JsonNode from = policy.spec().path("from");
      for (int i = 0; i < from.size(); i++) {
        JsonNode item = from.get(i);
        Optional<ClientMatch> client = source(mesh, item.path("targetRef"));
        Optional<Action> action = action(item.path("default").path("action").asString(""));
        if (client.isPresent() && action.isPresent()) {
          entries.add(new InboundPermissions.Entry(policy.key(), i, client.get(), action.get()));
          ranks.add(kind(item.path("targetRef")).map(TargetRefKind::rank).orElse(0));
        }
      }
      for (JsonNode rule : policy.spec().path("rules")) {
        rule.path("default")
            .properties()
            .forEach(field -> rules.put(field.getKey(), field.getValue()));
      }
    }
    return new InboundPermissions(
        sortedByRank(entries, ranks),
        matches(rules.get("allow")),
        matches(rules.get("deny")),
        matches(rules.get("allowWithShadowDeny")));
  }

  /** The policies configuring the inbound, lowest priority first. */
  private static List<Resource> applying(
      ProxyIdentity proxy, ProxyInbound inbound, Collection<Resource> resources) {
    List<Resource> shared =
        PolicyMatcher.match(proxy, ResourceTypes.MESH_TRAFFIC_PERMISSION, resources, false)
            .policies()
            .stream()
            .filter(policy -> policy.inbounds().contains(inbound))
            .map(MatchedPolicy::resource)
            .toList();
    List<Resource> subsets =
        resources.stream()
            .filter(r -> r.type().equals(ResourceTypes.MESH_TRAFFIC_PERMISSION))
            .filter(r -> r.mesh().equals(proxy.mesh()))
            .filter(r -> !"shadow".equals(r.labels().get(WellKnownLabels.EFFECT)))
            .filter(r -> selectsBySubset(r.spec().path("targetRef"), inbound))
            .sorted(SUBSET_ORDER)
            .toList();
    List<Resource> all = new ArrayList<>(shared);
    all.addAll(subsets);
    // A stable sort by kind only: each group keeps its own order.
    all.sort(Comparator.comparingInt(TrafficPermissions::topLevelRank));
    return all;
  }

  /** Origin global &lt; other &lt; zone, then the alphabetically smallest name last (it wins). */
  private static final Comparator<Resource> SUBSET_ORDER =
      Comparator.comparingInt(TrafficPermissions::originRank)
          .thenComparing(TrafficPermissions::displayName, Comparator.reverseOrder())
          .thenComparing(Resource::name, Comparator.reverseOrder());

  private static int originRank(Resource policy) {
    String origin = policy.labels().get(WellKnownLabels.ORIGIN);
    if (WellKnownLabels.ORIGIN_GLOBAL.equals(origin)) {
      return 0;
    }
    return WellKnownLabels.ORIGIN_ZONE.equals(origin) ? 2 : 1;
  }

  private static String displayName(Resource policy) {
    return policy.labels().getOrDefault(WellKnownLabels.DISPLAY_NAME, policy.name());
  }

  private static int topLevelRank(Resource policy) {
    JsonNode ref = policy.spec().path("targetRef");
    return ref.isMissingNode()
        ? TargetRefKind.Mesh.rank()
        : kind(ref).map(TargetRefKind::rank).orElse(0);
  }

  private static boolean selectsBySubset(JsonNode ref, ProxyInbound inbound) {
    Optional<TargetRefKind> kind = kind(ref);
    if (kind.isEmpty()) {
      return false;
    }
    return switch (kind.get()) {
      case MeshSubset -> tagsMatch(ref.path("tags"), inbound.tags());
      case MeshServiceSubset ->
          inbound.service().equals(ref.path("name").asString(""))
              && tagsMatch(ref.path("tags"), inbound.tags());
      default -> false;
    };
  }

  private static boolean tagsMatch(JsonNode wanted, Map<String, String> actual) {
    for (Map.Entry<String, JsonNode> tag : wanted.properties()) {
      if (!tag.getValue().asString("").equals(actual.get(tag.getKey()))) {
        return false;
      }
    }
    return true;
  }

  private static Optional<ClientMatch> source(String mesh, JsonNode ref) {
    Optional<TargetRefKind> kind = kind(ref);
    if (kind.isEmpty()) {
      return Optional.empty();
    }
    String name = ref.path("name").asString("");
    List<UriMatch> uris = new ArrayList<>();
    switch (kind.get()) {
      case Mesh -> uris.add(anyInMesh(mesh));
      case MeshService -> {
        if (name.isEmpty()) {
          return Optional.empty();
        }
        uris.add(UriMatch.exact(SpiffeIds.ofService(mesh, name)));
      }
      case MeshSubset -> {
        uris.addAll(tagMatches(ref.path("tags")));
        if (uris.isEmpty()) {
          uris.add(anyInMesh(mesh));
        }
      }
      case MeshServiceSubset -> {
        if (name.isEmpty()) {
          return Optional.empty();
        }
        uris.add(UriMatch.exact(SpiffeIds.ofService(mesh, name)));
        uris.addAll(tagMatches(ref.path("tags")));
      }
      default -> {
        return Optional.empty();
      }
    }
    return Optional.of(new ClientMatch(uris));
  }

  private static UriMatch anyInMesh(String mesh) {
    return UriMatch.prefix(SpiffeIds.ofMesh(mesh) + "/");
  }

  private static List<UriMatch> tagMatches(JsonNode tags) {
    // Sorted by key so the generated config does not depend on how the YAML was written.
    Map<String, String> sorted = new TreeMap<>();
    tags.properties().forEach(tag -> sorted.put(tag.getKey(), tag.getValue().asString("")));
    return sorted.entrySet().stream()
        .map(tag -> UriMatch.exact(SpiffeIds.ofTag(tag.getKey(), tag.getValue())))
        .toList();
  }

  private static List<ClientMatch> matches(JsonNode list) {
    if (list == null || !list.isArray()) {
      return List.of();
    }
    List<ClientMatch> matches = new ArrayList<>();
    for (JsonNode match : list) {
      JsonNode spiffe = match.path("spiffeID");
      String value = spiffe.path("value").asString("");
      if (!value.isEmpty()) {
        boolean prefix = "Prefix".equals(spiffe.path("type").asString(""));
        matches.add(ClientMatch.of(new UriMatch(value, prefix)));
      }
    }
    return matches;
  }

  private static Optional<TargetRefKind> kind(JsonNode ref) {
    String kind = ref.path("kind").asString("");
    for (TargetRefKind candidate : TargetRefKind.values()) {
      if (candidate.name().equals(kind)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  private static Optional<Action> action(String action) {
    for (Action candidate : Action.values()) {
      if (candidate.name().equals(action)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  private static List<InboundPermissions.Entry> sortedByRank(
      List<InboundPermissions.Entry> entries, List<Integer> ranks) {
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      order.add(i);
    }
    order.sort(Comparator.comparingInt(ranks::get)); // stable: policy order within a rank
    return order.stream().map(entries::get).toList();
  }
}
