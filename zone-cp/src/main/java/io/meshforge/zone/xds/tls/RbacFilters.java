package io.meshforge.zone.xds.tls;

import io.envoyproxy.envoy.config.rbac.v3.Permission;
import io.envoyproxy.envoy.config.rbac.v3.Policy;
import io.envoyproxy.envoy.config.rbac.v3.Principal;
import io.envoyproxy.envoy.config.rbac.v3.RBAC;
import io.envoyproxy.envoy.type.matcher.v3.StringMatcher;
import io.meshforge.model.spec.MeshTrafficPermissionSpec.Action;
import io.meshforge.zone.xds.tls.ClientMatch.UriMatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code RbacFilters} turns {@link InboundPermissions} into Envoy RBAC: the network filter for TCP
 * inbounds ({@code envoy.filters.network.rbac}, placed before the TCP proxy) and the HTTP filter
 * for HTTP inbounds ({@code envoy.filters.http.rbac}, before the router).
 *
 * <p>Both use one {@code ALLOW} rule set: a client not matched by any policy is denied, which is
 * the mTLS default. Principals are {@code authenticated.principal_name} matchers, which Envoy
 * checks against every URI SAN of the client certificate.
 *
 * <p>"Most specific entry wins" is encoded by exclusion: {@code from[]} entry {@code i} (in {@link
 * InboundPermissions#from()} order) allows {@code match(i) AND NOT match(j)} for every later
 * (higher-priority) entry {@code j}, and nothing is allowed that a {@code rules[]} deny matches. An
 * entry after which a {@code Mesh}-wide entry comes can never win and is left out.
 * AllowWithShadowDeny clients are allowed and also matched by a {@code DENY} shadow rule set, so
 * Envoy counts (and logs, with access logs) what a Deny would do.
 *
 * <p>Policy names are {@code <mesh>/<policy>/from/<index>} and {@code rules/allow}; the config is
 * deterministic for equal inputs.
 */
public final class RbacFilters {

  /** Envoy's name of the network RBAC filter. */
  public static final String NETWORK_FILTER = "envoy.filters.network.rbac";

  /** Envoy's name of the HTTP RBAC filter. */
  public static final String HTTP_FILTER = "envoy.filters.http.rbac";

  private RbacFilters() {}

  /**
   * Returns the network RBAC filter config for a TCP inbound.
   *
   * @param permissions the inbound's permissions
   * @param statPrefix the stat prefix, e.g. the inbound listener's name
   * @return the filter config, to pack into the filter's {@code typed_config}
   */
  public static io.envoyproxy.envoy.extensions.filters.network.rbac.v3.RBAC network(
      InboundPermissions permissions, String statPrefix) {
    var filter =
        io.envoyproxy
            .envoy
            .extensions
            .filters
            .network
            .rbac
            .v3
            .RBAC
            .newBuilder()
            .setStatPrefix(statPrefix)
            .setRules(rules(permissions));
    shadowRules(permissions).ifPresent(filter::setShadowRules);
    return filter.build();
  }

  /**
   * Returns the HTTP RBAC filter config for an HTTP inbound.
   *
   * @param permissions the inbound's permissions
   * @return the filter config, to pack into the filter's {@code typed_config}
   */
  public static io.envoyproxy.envoy.extensions.filters.http.rbac.v3.RBAC http(
      InboundPermissions permissions) {
    var filter =
        io.envoyproxy
            .envoy
            .extensions
            .filters
            .http
            .rbac
            .v3
            .RBAC
            .newBuilder()
            .setRules(rules(permissions));
    shadowRules(permissions).ifPresent(filter::setShadowRules);
    return filter.build();
  }

  /**
   * Returns the {@code ALLOW} rules shared by both filters.
   *
   * @param permissions the inbound's permissions
   * @return the rules; without any policy, an {@code ALLOW} set that matches nobody
   */
  public static RBAC rules(InboundPermissions permissions) {
    RBAC.Builder rbac = RBAC.newBuilder().setAction(RBAC.Action.ALLOW);
    Principal denied = anyOf(permissions.deny());
    List<ClientMatch> allowed = new ArrayList<>(permissions.allow());
    allowed.addAll(permissions.allowWithShadowDeny());
    if (!allowed.isEmpty()) {
      rbac.putPolicies("rules/allow", policy(butNot(anyOf(allowed), denied)));
    }
    List<InboundPermissions.Entry> from = reachable(permissions.from());
    for (int i = 0; i < from.size(); i++) {
      InboundPermissions.Entry entry = from.get(i);
      if (entry.action() != Action.Deny) {
        rbac.putPolicies(name(entry), policy(winning(from, i, denied, permissions)));
      }
    }
    return rbac.build();
  }

  private static Optional<RBAC> shadowRules(InboundPermissions permissions) {
    RBAC.Builder shadow = RBAC.newBuilder().setAction(RBAC.Action.DENY);
    Principal denied = anyOf(permissions.deny());
    if (!permissions.allowWithShadowDeny().isEmpty()) {
      shadow.putPolicies(
          "rules/allowWithShadowDeny",
          policy(
              butNot(
                  butNot(anyOf(permissions.allowWithShadowDeny()), anyOf(permissions.allow())),
                  denied)));
    }
    List<InboundPermissions.Entry> from = reachable(permissions.from());
    for (int i = 0; i < from.size(); i++) {
      InboundPermissions.Entry entry = from.get(i);
      if (entry.action() == Action.AllowWithShadowDeny) {
        shadow.putPolicies(name(entry), policy(winning(from, i, denied, permissions)));
      }
    }
    return shadow.getPoliciesCount() == 0 ? Optional.empty() : Optional.of(shadow.build());
  }

  /** Clients entry {@code i} decides for: its match, minus later entries and rules[] lists. */
  private static Principal winning(
      List<InboundPermissions.Entry> from,
      int i,
      Principal denied,
      InboundPermissions permissions) {
    List<ClientMatch> overriding = new ArrayList<>();
    for (int j = i + 1; j < from.size(); j++) {
      overriding.add(from.get(j).client());
    }
    overriding.addAll(permissions.allow());
    overriding.addAll(permissions.allowWithShadowDeny());
    return butNot(butNot(principal(from.get(i).client()), anyOf(overriding)), denied);
  }

  /** Drops the entries a later mesh-wide entry overrides for every client. */
  private static List<InboundPermissions.Entry> reachable(List<InboundPermissions.Entry> from) {
    int lastMeshWide = -1;
    for (int i = 0; i < from.size(); i++) {
      if (meshWide(from.get(i).client())) {
        lastMeshWide = i;
      }
    }
    return lastMeshWide <= 0 ? from : from.subList(lastMeshWide, from.size());
  }

  private static boolean meshWide(ClientMatch client) {
    return client.uris().size() == 1
        && client.uris().get(0).prefix()
        && client.uris().get(0).value().startsWith("spiffe://")
        && client.uris().get(0).value().indexOf('/', "spiffe://".length())
            == client.uris().get(0).value().length() - 1;
  }

  private static String name(InboundPermissions.Entry entry) {
    return entry.policy().mesh() + "/" + entry.policy().name() + "/from/" + entry.index();
  }

  private static Policy policy(Principal principal) {
    return Policy.newBuilder()
        .addPermissions(Permission.newBuilder().setAny(true))
        .addPrincipals(principal)
        .build();
  }

  /** {@code include AND NOT exclude}; {@code exclude} null means nothing to exclude. */
  private static Principal butNot(Principal include, Principal exclude) {
    if (exclude == null) {
      return include;
    }
    return Principal.newBuilder()
        .setAndIds(
            Principal.Set.newBuilder()
                .addIds(include)
                .addIds(Principal.newBuilder().setNotId(exclude)))
        .build();
  }

  /** The OR of the matches, or null for an empty list (it matches nobody). */
  private static Principal anyOf(List<ClientMatch> matches) {
    if (matches.isEmpty()) {
      return null;
    }
    if (matches.size() == 1) {
      return principal(matches.get(0));
    }
    Principal.Set.Builder ids = Principal.Set.newBuilder();
    matches.forEach(match -> ids.addIds(principal(match)));
    return Principal.newBuilder().setOrIds(ids).build();
  }

  private static Principal principal(ClientMatch match) {
    if (match.uris().size() == 1) {
      return principal(match.uris().get(0));
    }
    Principal.Set.Builder ids = Principal.Set.newBuilder();
    match.uris().forEach(uri -> ids.addIds(principal(uri)));
    return Principal.newBuilder().setAndIds(ids).build();
  }

  private static Principal principal(UriMatch uri) {
    StringMatcher.Builder matcher = StringMatcher.newBuilder();
    if (uri.prefix()) {
      matcher.setPrefix(uri.value());
    } else {
      matcher.setExact(uri.value());
    }
    return Principal.newBuilder()
        .setAuthenticated(Principal.Authenticated.newBuilder().setPrincipalName(matcher))
        .build();
  }
}
