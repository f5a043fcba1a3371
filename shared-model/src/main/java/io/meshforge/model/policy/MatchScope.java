package io.meshforge.model.policy;

/**
 * {@code MatchScope} says how much of a proxy a matching policy configures, which decides the
 * sections of the policy that take effect.
 */
public enum MatchScope {
  /**
   * The whole proxy ({@code Mesh}, or {@code Dataplane} without {@code sectionName}): {@code to[]}
   * for its outbounds, {@code from[]} and {@code rules[]} for every inbound.
   */
  PROXY,
  /**
   * The proxy as an implementation of a service (legacy top-level {@code MeshService} matched by
   * the inbounds' {@code kuma.io/service} tag): {@code to[]} for its outbounds, {@code from[]} and
   * {@code rules[]} for the service's inbounds only.
   */
  SERVICE,
  /**
   * One inbound picked by {@code sectionName}: {@code from[]} and {@code rules[]} for that inbound
   * only; its {@code to[]} is ignored, as outbounds have no section.
   */
  SECTION
}
