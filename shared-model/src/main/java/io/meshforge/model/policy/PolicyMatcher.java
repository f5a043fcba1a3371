package io.meshforge.model.policy;

import io.meshforge.model.Resource;
import io.meshforge.model.ResourceKey;
import io.meshforge.model.ResourceType;
import io.meshforge.model.ResourceTypes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code PolicyMatcher} computes which targetRef policies apply to a proxy and what they configure
 * on it, for xDS generation and for inspect.
 *
 * <p>A policy matches when it is in the proxy's mesh, is not a shadow policy (unless asked for),
 * and its top-level {@code targetRef} (absent means {@code Mesh}) selects the proxy:
 *
 * <ul>
 *   <li>{@code Mesh}: every proxy of the mesh;
 *   <li>{@code Dataplane}: the proxy named {@code name}, or every proxy whose labels contain all
 *       {@code labels}; with {@code sectionName}, only the inbound whose name or port equals it (no
 *       such inbound, no match);
 *   <li>{@code MeshService} (legacy): the proxy's inbounds whose {@code kuma.io/service} tag is
 *       {@code name};
 *   <li>other kinds, unknown kinds, and {@code proxyTypes} without {@code Sidecar}: nothing yet.
 * </ul>
 *
 * <p>Matching policies are ordered by {@code PolicyOrder} (kind, selector, origin, then the
 * alphabetically smallest name last) and their blocks merged with {@link JsonMergePatch}.
 *
 * <p>Pure functions of their arguments: no I/O, no state, thread-safe. Inputs are never modified.
 */
public final class PolicyMatcher {

  private PolicyMatcher() {}

  /**
   * Returns what the policies of one type configure on a proxy.
   *
   * @param proxy the proxy being configured
   * @param policyType the policy type to compute, e.g. {@code ResourceTypes.MESH_TIMEOUT}
   * @param policies candidate resources; resources of other types or meshes are ignored, so the
   *     whole content of a store may be passed
   * @param includeShadow whether {@code kuma.io/effect: shadow} policies count (inspect), or are
   *     left out (xDS)
   * @return the matching policies in merge order and their effective configuration
   * @throws IllegalArgumentException when {@code policyType} is not a policy type, or two resources
   *     share a key
   */
  public static MatchedPolicies match(
      ProxyIdentity proxy,
      ResourceType policyType,
      Collection<Resource> policies,
      boolean includeShadow) {
    Objects.requireNonNull(proxy, "proxy");
    Objects.requireNonNull(policyType, "policyType");
    if (!policyType.policy()) {
      throw new IllegalArgumentException(policyType.name() + " is not a policy type");
    }
    requireUniqueKeys(policies);
    List<MatchedPolicy> matched = new ArrayList<>();
    for (Resource candidate : policies) {
      if (candidate.type().equals(policyType)) {
        matchOne(proxy, candidate, includeShadow).ifPresent(matched::add);
      }
    }
    // Sorting only what matched keeps the per-proxy cost low in meshes with many policies.
    matched.sort(Comparator.comparing(MatchedPolicy::resource, PolicyOrder.LOW_TO_HIGH));
    return MatchedPolicies.of(policyType, proxy, matched);
  }

  /**
   * Returns what every policy type configures on a proxy, in one pass over the resources.
   *
   * @param proxy the proxy being configured
   * @param resources candidate resources of any type; non-policies and other meshes are ignored
   * @param includeShadow whether {@code kuma.io/effect: shadow} policies count
   * @return a result for every policy type of {@link ResourceTypes#policies()} (empty where nothing
   *     matches) and for any other policy type present in {@code resources}; in registry order,
   *     then by type name
   * @throws IllegalArgumentException when two resources share a key
   */
  public static Map<ResourceType, MatchedPolicies> matchAll(
      ProxyIdentity proxy, Collection<Resource> resources, boolean includeShadow) {
    Objects.requireNonNull(proxy, "proxy");
    requireUniqueKeys(resources);
    Map<ResourceType, List<Resource>> byType = new LinkedHashMap<>();
    ResourceTypes.policies().forEach(type -> byType.put(type, new ArrayList<>()));
    Map<String, ResourceType> unregistered = new TreeMap<>();
    for (Resource resource : resources) {
      if (resource.type().policy() && !byType.containsKey(resource.type())) {
        unregistered.put(resource.type().name(), resource.type());
      }
    }
    unregistered.values().forEach(type -> byType.put(type, new ArrayList<>()));
    for (Resource resource : resources) {
      List<Resource> ofType = byType.get(resource.type());
      if (ofType != null) {
        ofType.add(resource);
      }
    }
    Map<ResourceType, MatchedPolicies> results = new LinkedHashMap<>();
    byType.forEach((type, ofType) -> results.put(type, match(proxy, type, ofType, includeShadow)));
    return Collections.unmodifiableMap(results);
  }

  /**
   * Returns whether, and how, one policy selects a proxy (for "which proxies does this policy apply
   * to" views).
   *
   * @param proxy the proxy
   * @param policy a policy resource
   * @param includeShadow whether a {@code kuma.io/effect: shadow} policy may match
   * @return the match, or empty when the policy does not apply to the proxy
   */
  public static Optional<MatchedPolicy> matchOne(
      ProxyIdentity proxy, Resource policy, boolean includeShadow) {
    Objects.requireNonNull(proxy, "proxy");
    Objects.requireNonNull(policy, "policy");
    if (!policy.type().policy()
        || !policy.mesh().equals(proxy.mesh())
        || (!includeShadow && MatchedPolicy.isShadow(policy))) {
      return Optional.empty();
    }
    ParsedTargetRef ref = ParsedTargetRef.of(policy.spec().get("targetRef"));
    if (ref.kind().isEmpty() || !ref.selectsSidecars()) {
      return Optional.empty();
    }
    return switch (ref.kind().get()) {
      case MESH -> Optional.of(new MatchedPolicy(policy, MatchScope.PROXY, proxy.inbounds()));
      case DATAPLANE ->
          selectsDataplane(ref, proxy)
              ? bySection(policy, ref, proxy.inbounds(), MatchScope.PROXY)
              : Optional.empty();
      case MESH_SERVICE -> byService(policy, ref, proxy);
      default -> Optional.empty();
    };
  }

  private static boolean selectsDataplane(ParsedTargetRef ref, ProxyIdentity proxy) {
    // Neither name nor labels selects every dataplane, like an empty label selector.
    return ref.name().isEmpty() ? ref.labelsMatch(proxy.labels()) : ref.name().equals(proxy.name());
  }

  private static Optional<MatchedPolicy> byService(
      Resource policy, ParsedTargetRef ref, ProxyIdentity proxy) {
    if (ref.name().isEmpty()) {
      return Optional.empty();
    }
    List<ProxyInbound> serving =
        proxy.inbounds().stream().filter(inbound -> inbound.service().equals(ref.name())).toList();
    if (serving.isEmpty()) {
      return Optional.empty();
    }
    return bySection(policy, ref, serving, MatchScope.SERVICE);
  }

  /** Narrows the selected inbounds to the targetRef's section, if it names one. */
  private static Optional<MatchedPolicy> bySection(
      Resource policy,
      ParsedTargetRef ref,
      List<ProxyInbound> selected,
      MatchScope withoutSection) {
    if (!ref.hasSection()) {
      return Optional.of(new MatchedPolicy(policy, withoutSection, selected));
    }
    List<ProxyInbound> inSection =
        selected.stream().filter(inbound -> inbound.hasSection(ref.sectionName())).toList();
    return inSection.isEmpty()
        ? Optional.empty()
        : Optional.of(new MatchedPolicy(policy, MatchScope.SECTION, inSection));
  }

  private static void requireUniqueKeys(Collection<Resource> resources) {
    Objects.requireNonNull(resources, "resources");
    Set<ResourceKey> seen = new HashSet<>();
    for (Resource resource : resources) {
      if (!seen.add(resource.key())) {
        throw new IllegalArgumentException("two resources share the key " + resource.key());
      }
    }
  }
}
