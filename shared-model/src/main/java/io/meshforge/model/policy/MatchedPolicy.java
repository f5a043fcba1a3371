package io.meshforge.model.policy;

import io.meshforge.model.Resource;
import io.meshforge.model.ResourceKey;
import io.meshforge.model.WellKnownLabels;
import java.util.List;
import java.util.Objects;

/**
 * {@code MatchedPolicy} is a policy whose top-level targetRef selects the proxy, with what of the
 * proxy it configures.
 *
 * @param resource the policy
 * @param scope how much of the proxy it configures
 * @param inbounds the proxy's inbounds its {@code from[]} and {@code rules[]} apply to, in the
 *     proxy's order
 */
public record MatchedPolicy(Resource resource, MatchScope scope, List<ProxyInbound> inbounds) {

  /** Checks the arguments and copies the inbounds. */
  public MatchedPolicy {
    Objects.requireNonNull(resource, "resource");
    Objects.requireNonNull(scope, "scope");
    inbounds = List.copyOf(inbounds);
  }

  /**
   * Returns the policy's key.
   *
   * @return type, mesh and name of the policy
   */
  public ResourceKey key() {
    return resource.key();
  }

  /**
   * Returns whether the policy is labelled {@code kuma.io/effect: shadow}: computed and shown by
   * inspect, but not applied to Envoy.
   *
   * @return {@code true} for a shadow policy
   */
  public boolean shadow() {
    return isShadow(resource);
  }

  /** Whether a resource carries {@code kuma.io/effect: shadow}. */
  static boolean isShadow(Resource resource) {
    return "shadow".equals(resource.labels().get(WellKnownLabels.EFFECT));
  }
}
