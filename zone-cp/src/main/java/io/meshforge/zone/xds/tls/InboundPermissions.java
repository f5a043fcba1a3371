package io.meshforge.zone.xds.tls;

import io.meshforge.model.ResourceKey;
import io.meshforge.model.spec.MeshTrafficPermissionSpec.Action;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * {@code InboundPermissions} is what the MeshTrafficPermissions matching one inbound of one proxy
 * say, ready to become Envoy RBAC ({@link RbacFilters}), with {@link #decide} as the reference of
 * what that RBAC must do.
 *
 * <p>Decision for a client (its certificate's URI SANs):
 *
 * <ol>
 *   <li>matched by a {@code rules[].default.deny} entry: denied;
 *   <li>matched by {@code allow} or {@code allowWithShadowDeny}: allowed;
 *   <li>otherwise the action of the highest-priority {@code from[]} entry matching it (the last of
 *       {@link #from()}): Allow and AllowWithShadowDeny allow, Deny denies;
 *   <li>no entry matches: denied (mTLS on means deny by default).
 * </ol>
 *
 * @param from the {@code from[]} entries, lowest priority first
 * @param allow {@code rules[]} allow list (merged across policies)
 * @param deny {@code rules[]} deny list
 * @param allowWithShadowDeny {@code rules[]} allow-but-log list
 */
public record InboundPermissions(
    List<Entry> from,
    List<ClientMatch> allow,
    List<ClientMatch> deny,
    List<ClientMatch> allowWithShadowDeny) {

  /** Copies the lists. */
  public InboundPermissions {
    from = List.copyOf(from);
    allow = List.copyOf(allow);
    deny = List.copyOf(deny);
    allowWithShadowDeny = List.copyOf(allowWithShadowDeny);
  }

  /**
   * {@code Entry} is one {@code from[]} entry: a source and its action.
   *
   * @param policy the MeshTrafficPermission it comes from
   * @param index its index in that policy's {@code from[]}
   * @param client which clients it is about
   * @param action what happens to their traffic
   */
  public record Entry(ResourceKey policy, int index, ClientMatch client, Action action) {

    /** Checks that nothing is missing. */
    public Entry {
      Objects.requireNonNull(policy, "policy");
      Objects.requireNonNull(client, "client");
      Objects.requireNonNull(action, "action");
    }
  }

  /** The outcome for one client. */
  public enum Decision {
    /** The traffic is let through. */
    ALLOW,
    /** The traffic is let through; a shadow rule logs that it would be denied. */
    ALLOW_WITH_SHADOW_DENY,
    /** The traffic is refused. */
    DENY
  }

  /**
   * Returns what happens to a client's traffic.
   *
   * @param clientUris the URI SANs of the client's certificate
   * @return the decision
   */
  public Decision decide(Set<String> clientUris) {
    if (anyMatch(deny, clientUris)) {
      return Decision.DENY;
    }
    if (anyMatch(allow, clientUris)) {
      return Decision.ALLOW;
    }
    if (anyMatch(allowWithShadowDeny, clientUris)) {
      return Decision.ALLOW_WITH_SHADOW_DENY;
    }
    for (int i = from.size() - 1; i >= 0; i--) {
      Entry entry = from.get(i);
      if (entry.client().matches(clientUris)) {
        return switch (entry.action()) {
          case Allow -> Decision.ALLOW;
          case AllowWithShadowDeny -> Decision.ALLOW_WITH_SHADOW_DENY;
          case Deny -> Decision.DENY;
        };
      }
    }
    return Decision.DENY;
  }

  private static boolean anyMatch(List<ClientMatch> matches, Set<String> clientUris) {
    return matches.stream().anyMatch(match -> match.matches(clientUris));
  }
}
