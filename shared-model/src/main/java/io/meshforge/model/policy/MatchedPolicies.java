package io.meshforge.model.policy;

import io.meshforge.model.ResourceType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * {@code MatchedPolicies} is what the policies of one type configure on one proxy: the matching
 * policies in merge order and the effective configuration of each section.
 *
 * <ul>
 *   <li>{@link #topLevelDefault()}: {@code spec.default} of every matching policy merged, for the
 *       types that configure the proxy as a whole (MeshProxyPatch, MeshMetric, MeshTrace ...);
 *   <li>{@link #to()}: {@code to[]} entries, per destination;
 *   <li>{@link #from(ProxyInbound)}: {@code from[]} entries of one inbound, per source;
 *   <li>{@link #rules(ProxyInbound)}: {@code rules[].default} blocks merged for one inbound.
 * </ul>
 *
 * <p>Immutable and thread-safe.
 */
public final class MatchedPolicies {

  private final ResourceType type;
  private final List<MatchedPolicy> policies;
  private final EffectiveConf topLevelDefault;
  private final PeerRules to;
  private final Map<ProxyInbound, PeerRules> from;
  private final Map<ProxyInbound, EffectiveConf> rules;
  private final EffectiveConf proxyRules;

  private MatchedPolicies(ResourceType type, ProxyIdentity proxy, List<MatchedPolicy> policies) {
    this.type = type;
    this.policies = List.copyOf(policies);
    this.topLevelDefault = Confs.merge(topLevelEntries(this.policies));
    this.to = PeerRules.of(entries(outboundPolicies(this.policies), "to", null));
    Map<ProxyInbound, PeerRules> fromByInbound = new LinkedHashMap<>();
    Map<ProxyInbound, EffectiveConf> rulesByInbound = new LinkedHashMap<>();
    for (ProxyInbound inbound : proxy.inbounds()) {
      fromByInbound.put(inbound, PeerRules.of(entries(this.policies, "from", inbound)));
      rulesByInbound.put(inbound, Confs.merge(entries(this.policies, "rules", inbound)));
    }
    this.from = Collections.unmodifiableMap(fromByInbound);
    this.rules = Collections.unmodifiableMap(rulesByInbound);
    this.proxyRules =
        Confs.merge(
            entries(
                this.policies.stream().filter(p -> p.scope() == MatchScope.PROXY).toList(),
                "rules",
                null));
  }

  /** Builds the result from the matching policies, already sorted lowest priority first. */
  static MatchedPolicies of(
      ResourceType type, ProxyIdentity proxy, List<MatchedPolicy> policiesInOrder) {
    return new MatchedPolicies(
        Objects.requireNonNull(type, "type"),
        Objects.requireNonNull(proxy, "proxy"),
        policiesInOrder);
  }

  /**
   * Returns the policy type these results are for.
   *
   * @return the policy type
   */
  public ResourceType type() {
    return type;
  }

  /**
   * Returns the matching policies, lowest priority first (the order their blocks are merged in).
   *
   * @return the matching policies
   */
  public List<MatchedPolicy> policies() {
    return policies;
  }

  /**
   * Returns whether no policy of the type matches the proxy.
   *
   * @return {@code true} when nothing matches
   */
  public boolean isEmpty() {
    return policies.isEmpty();
  }

  /**
   * Returns the {@code spec.default} blocks of all matching policies merged in policy order.
   *
   * @return the merged top-level configuration
   */
  public EffectiveConf topLevelDefault() {
    return topLevelDefault;
  }

  /**
   * Returns the {@code to[]} entries of the policies that configure the proxy's outbounds (scope
   * {@link MatchScope#PROXY} or {@link MatchScope#SERVICE}).
   *
   * @return the outbound rules, per destination
   */
  public PeerRules to() {
    return to;
  }

  /**
   * Returns the {@code from[]} entries of the policies that configure one inbound.
   *
   * @param inbound one of the proxy's inbounds
   * @return the inbound's rules per source; empty for an inbound the proxy does not have
   */
  public PeerRules from(ProxyInbound inbound) {
    return from.getOrDefault(inbound, PeerRules.empty());
  }

  /**
   * Returns the {@code from[]} rules of every inbound of the proxy, in the proxy's order.
   *
   * @return the rules by inbound
   */
  public Map<ProxyInbound, PeerRules> fromByInbound() {
    return from;
  }

  /**
   * Returns the {@code rules[].default} blocks of the policies that configure one inbound, merged
   * in policy order (entries of one policy in their written order).
   *
   * @param inbound one of the proxy's inbounds
   * @return the inbound's configuration; empty for an inbound the proxy does not have
   */
  public EffectiveConf rules(ProxyInbound inbound) {
    return rules.getOrDefault(inbound, EffectiveConf.empty());
  }

  /**
   * Returns the merged {@code rules[]} configuration of every inbound, in the proxy's order.
   *
   * @return the configuration by inbound
   */
  public Map<ProxyInbound, EffectiveConf> rulesByInbound() {
    return rules;
  }

  /**
   * Returns the {@code rules[]} blocks of the policies that configure the whole proxy ({@link
   * MatchScope#PROXY}) merged: what every inbound gets before section- or service-specific
   * policies, and what inspect shows for a proxy without inbounds.
   *
   * @return the proxy-wide inbound configuration
   */
  public EffectiveConf proxyRules() {
    return proxyRules;
  }

  private static List<MatchedPolicy> outboundPolicies(List<MatchedPolicy> policies) {
    return policies.stream().filter(p -> p.scope() != MatchScope.SECTION).toList();
  }

  /** The {@code spec.default} block of every policy, in policy order. */
  private static List<SectionEntry> topLevelEntries(List<MatchedPolicy> policies) {
    return policies.stream()
        .map(
            policy -> new SectionEntry(policy.key(), null, policy.resource().spec().get("default")))
        .toList();
  }

  /**
   * Collects, in policy order, the entries of one section ({@code to}, {@code from} or {@code
   * rules}) of the policies; with an inbound, only of the policies configuring that inbound.
   */
  private static List<SectionEntry> entries(
      List<MatchedPolicy> policies, String section, ProxyInbound inbound) {
    List<SectionEntry> entries = new ArrayList<>();
    for (MatchedPolicy policy : policies) {
      if (inbound == null || policy.inbounds().contains(inbound)) {
        for (JsonNode item : policy.resource().spec().path(section)) {
          entries.add(new SectionEntry(policy.key(), item.get("targetRef"), item.get("default")));
        }
      }
    }
    return entries;
  }
}
