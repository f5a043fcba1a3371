package io.meshforge.zone.xds.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.envoyproxy.envoy.config.rbac.v3.Policy;
import io.envoyproxy.envoy.config.rbac.v3.Principal;
import io.envoyproxy.envoy.config.rbac.v3.RBAC;
import io.envoyproxy.envoy.type.matcher.v3.StringMatcher;
import io.meshforge.model.Resource;
import io.meshforge.model.ResourceKey;
import io.meshforge.model.ResourceTypes;
import io.meshforge.model.codec.DocumentFormat;
import io.meshforge.model.codec.ResourceCodec;
import io.meshforge.model.policy.ProxyIdentity;
import io.meshforge.model.policy.ProxyInbound;
import io.meshforge.zone.xds.tls.InboundPermissions.Decision;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

class TrafficPermissionsTest {
  private static final ResourceCodec CODEC = new ResourceCodec();
  private static final ProxyInbound INBOUND =
      ProxyInbound.of(8080, Map.of("kuma.io/service", "backend", "version", "v1"));
  private static final ProxyIdentity PROXY =
      new ProxyIdentity("m", "backend-1", Map.of(), List.of(INBOUND));

  private static final Set<String> WEB_V1 =
      Set.of("spiffe://m/web", "kuma://kuma.io/service/web", "kuma://version/v1");
  private static final Set<String> WEB_V2 =
      Set.of("spiffe://m/web", "kuma://kuma.io/service/web", "kuma://version/v2");
  private static final Set<String> API_V2 =
      Set.of("spiffe://m/api", "kuma://kuma.io/service/api", "kuma://version/v2");
  private static final Set<String> OTHER_MESH = Set.of("spiffe://other/web");

  static Resource mtp(String name, String targetRef, String... from) {
    return mtpWithRules(name, targetRef, List.of(from), null);
  }

  static Resource mtpWithRules(String name, String targetRef, List<String> from, String rule) {
    StringBuilder yaml =
        new StringBuilder(
            "type: MeshTrafficPermission\nname: "
                + name
                + "\nmesh: m\nspec:\n  targetRef: "
                + targetRef
                + "\n");
    if (!from.isEmpty()) {
      yaml.append("  from:\n");
      for (String entry : from) {
        String[] parts = entry.split(" => ");
        yaml.append("  - targetRef: ").append(parts[0]).append("\n");
        yaml.append("    default: {action: ").append(parts[1]).append("}\n");
      }
    }
    if (rule != null) {
      yaml.append("  rules:\n  - default: ").append(rule).append("\n");
    }
    byte[] bytes = yaml.toString().getBytes(StandardCharsets.UTF_8);
    if (!LEGACY_TOP_LEVEL.matcher(targetRef).find()) {
      return CODEC.decode(bytes, DocumentFormat.YAML);
    }
    // Legacy top-level kinds are refused by today's validation but may sit in older stores.
    JsonNode document = CODEC.readDocuments(bytes, DocumentFormat.YAML).get(0);
    return Resource.of(
        ResourceKey.inMesh(ResourceTypes.MESH_TRAFFIC_PERMISSION, "m", name),
        Map.of(),
        document.get("spec"));
  }

  private static final Pattern LEGACY_TOP_LEVEL =
      Pattern.compile("kind: (MeshService|MeshSubset|MeshServiceSubset)\\b");

  static Stream<Arguments> decisions() {
    String mesh = "{kind: Mesh}";
    return Stream.of(
        Arguments.of("no policy denies everyone", List.of(), WEB_V1, Decision.DENY),
        Arguments.of(
            "allow-all allows a mesh client",
            List.of(mtp("allow-all", mesh, mesh + " => Allow")),
            WEB_V1,
            Decision.ALLOW),
        Arguments.of(
            "allow-all does not allow another mesh",
            List.of(mtp("allow-all", mesh, mesh + " => Allow")),
            OTHER_MESH,
            Decision.DENY),
        Arguments.of(
            "service deny beats mesh allow",
            List.of(
                mtp("allow-all", mesh, mesh + " => Allow"),
                mtp("no-web", mesh, "{kind: MeshService, name: web} => Deny")),
            WEB_V1,
            Decision.DENY),
        Arguments.of(
            "service deny leaves others allowed",
            List.of(
                mtp("allow-all", mesh, mesh + " => Allow"),
                mtp("no-web", mesh, "{kind: MeshService, name: web} => Deny")),
            API_V2,
            Decision.ALLOW),
        Arguments.of(
            "service allow beats mesh deny",
            List.of(
                mtp(
                    "only-web",
                    mesh,
                    mesh + " => Deny",
                    "{kind: MeshService, name: web} => Allow")),
            WEB_V1,
            Decision.ALLOW),
        Arguments.of(
            "subset allow matches tags",
            List.of(
                mtp(
                    "v2",
                    mesh,
                    mesh + " => Deny",
                    "{kind: MeshSubset, tags: {version: v2}} => Allow")),
            API_V2,
            Decision.ALLOW),
        Arguments.of(
            "subset allow misses other tags",
            List.of(
                mtp(
                    "v2",
                    mesh,
                    mesh + " => Deny",
                    "{kind: MeshSubset, tags: {version: v2}} => Allow")),
            WEB_V1,
            Decision.DENY),
        Arguments.of(
            "service subset deny beats service allow",
            List.of(
                mtp(
                    "web-not-v1",
                    mesh,
                    "{kind: MeshService, name: web} => Allow",
                    "{kind: MeshServiceSubset, name: web, tags: {version: v1}} => Deny")),
            WEB_V1,
            Decision.DENY),
        Arguments.of(
            "service subset deny spares other versions",
            List.of(
                mtp(
                    "web-not-v1",
                    mesh,
                    "{kind: MeshService, name: web} => Allow",
                    "{kind: MeshServiceSubset, name: web, tags: {version: v1}} => Deny")),
            WEB_V2,
            Decision.ALLOW),
        Arguments.of(
            "alphabetically smallest policy wins a tie",
            List.of(mtp("a", mesh, mesh + " => Allow"), mtp("b", mesh, mesh + " => Deny")),
            WEB_V1,
            Decision.ALLOW),
        Arguments.of(
            "policy on this service beats a mesh-wide one",
            List.of(
                mtp("a", mesh, mesh + " => Allow"),
                mtp("z", "{kind: MeshService, name: backend}", mesh + " => Deny")),
            WEB_V1,
            Decision.DENY),
        Arguments.of(
            "policy on this dataplane beats a mesh-wide one",
            List.of(
                mtp("a", mesh, mesh + " => Allow"),
                mtp("z", "{kind: Dataplane, name: backend-1}", mesh + " => Deny")),
            WEB_V1,
            Decision.DENY),
        Arguments.of(
            "policy on another dataplane does not apply",
            List.of(
                mtp("a", mesh, mesh + " => Allow"),
                mtp("z", "{kind: Dataplane, name: backend-2}", mesh + " => Deny")),
            WEB_V1,
            Decision.ALLOW),
        Arguments.of(
            "policy on another service does not apply",
            List.of(
                mtp("a", mesh, mesh + " => Allow"),
                mtp("z", "{kind: MeshService, name: other}", mesh + " => Deny")),
            WEB_V1,
            Decision.ALLOW),
        Arguments.of(
            "top-level subset on the inbound's tags applies",
            List.of(
                mtp("a", mesh, mesh + " => Allow"),
                mtp("z", "{kind: MeshSubset, tags: {version: v1}}", mesh + " => Deny")),
            WEB_V1,
            Decision.DENY),
        Arguments.of(
            "top-level subset on other tags does not apply",
            List.of(
                mtp("a", mesh, mesh + " => Allow"),
                mtp(
                    "z",
                    "{kind: MeshServiceSubset, name: backend, tags: {version: v9}}",
                    mesh + " => Deny")),
            WEB_V1,
            Decision.ALLOW),
        Arguments.of(
            "shadow deny allows",
            List.of(mtp("a", mesh, mesh + " => AllowWithShadowDeny")),
            WEB_V1,
            Decision.ALLOW_WITH_SHADOW_DENY),
        Arguments.of(
            "rules deny beats rules allow",
            List.of(
                mtpWithRules(
                    "r",
                    mesh,
                    List.of(),
                    "{allow: [{spiffeID: {type: Prefix, value: 'spiffe://m/'}}], deny: [{spiffeID: {type: Exact, value: 'spiffe://m/web'}}]}")),
            WEB_V1,
            Decision.DENY),
        Arguments.of(
            "rules allow by prefix",
            List.of(
                mtpWithRules(
                    "r",
                    mesh,
                    List.of(),
                    "{allow: [{spiffeID: {type: Prefix, value: 'spiffe://m/'}}], deny: [{spiffeID: {type: Exact, value: 'spiffe://m/web'}}]}")),
            API_V2,
            Decision.ALLOW));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("decisions")
  void forInbound_policies_decideLikeKumaAndTheRbacAgrees(
      String title, List<Resource> policies, Set<String> client, Decision expected) {
    InboundPermissions permissions = TrafficPermissions.forInbound(PROXY, INBOUND, policies);

    assertThat(permissions.decide(client)).isEqualTo(expected);
    RBAC rules = RbacFilters.rules(permissions);
    boolean allowedByEnvoy =
        rules.getPoliciesMap().values().stream().anyMatch(policy -> allows(policy, client));
    assertThat(allowedByEnvoy).as("Envoy RBAC allows").isEqualTo(expected != Decision.DENY);
    var network = RbacFilters.network(permissions, "inbound:8080");
    boolean shadowDenied =
        network.hasShadowRules()
            && network.getShadowRules().getPoliciesMap().values().stream()
                .anyMatch(policy -> allows(policy, client));
    assertThat(shadowDenied)
        .as("shadow deny matches")
        .isEqualTo(expected == Decision.ALLOW_WITH_SHADOW_DENY);
  }

  @Test
  void forInbound_shadowPolicy_isLeftOut() {
    Resource shadow = mtp("deny-all", "{kind: Mesh}", "{kind: Mesh} => Deny");
    Map<String, String> labels = Map.of("kuma.io/effect", "shadow");

    InboundPermissions permissions =
        TrafficPermissions.forInbound(
            PROXY,
            INBOUND,
            List.of(
                mtp("allow-all", "{kind: Mesh}", "{kind: Mesh} => Allow"),
                shadow.withLabels(labels)));

    assertThat(permissions.decide(WEB_V1)).isEqualTo(Decision.ALLOW);
  }

  @Test
  void network_serviceDenyOverMeshAllow_matchesGolden() throws Exception {
    List<Resource> policies =
        List.of(
            mtp("allow-all-m", "{kind: Mesh}", "{kind: Mesh} => Allow"),
            mtp(
                "web",
                "{kind: Mesh}",
                "{kind: MeshService, name: web} => Deny",
                "{kind: MeshServiceSubset, name: web, tags: {version: v2}} => AllowWithShadowDeny"));

    InboundPermissions permissions = TrafficPermissions.forInbound(PROXY, INBOUND, policies);

    Golden.assertMatches("rbac-network", RbacFilters.network(permissions, "inbound:10.0.0.1:8080"));
  }

  @Test
  void http_noPolicy_matchesGoldenDenyAll() throws Exception {
    InboundPermissions permissions = TrafficPermissions.forInbound(PROXY, INBOUND, List.of());

    var http = RbacFilters.http(permissions);

    assertThat(http.getRules().getPoliciesCount()).isZero();
    assertThat(http.getRules().getAction()).isEqualTo(RBAC.Action.ALLOW);
    Golden.assertMatches("rbac-http-deny-all", http);
  }

  @Test
  void rules_meshWideEntryLast_dropsTheEntriesItOverrides() {
    InboundPermissions permissions =
        TrafficPermissions.forInbound(
            PROXY,
            INBOUND,
            List.of(
                mtp("b", "{kind: Mesh}", "{kind: Mesh} => Allow"),
                mtp("a", "{kind: Mesh}", "{kind: Mesh} => Allow")));

    assertThat(RbacFilters.rules(permissions).getPoliciesMap()).containsOnlyKeys("m/a/from/0");
  }

  /** Evaluates an RBAC policy the way Envoy does, for a client with these URI SANs. */
  private static boolean allows(Policy policy, Set<String> uris) {
    return policy.getPrincipalsList().stream().anyMatch(p -> matches(p, uris));
  }

  private static boolean matches(Principal principal, Set<String> uris) {
    return switch (principal.getIdentifierCase()) {
      case ANY -> true;
      case AND_IDS -> principal.getAndIds().getIdsList().stream().allMatch(p -> matches(p, uris));
      case OR_IDS -> principal.getOrIds().getIdsList().stream().anyMatch(p -> matches(p, uris));
      case NOT_ID -> !matches(principal.getNotId(), uris);
      case AUTHENTICATED ->
          uris.stream()
              .anyMatch(uri -> matches(principal.getAuthenticated().getPrincipalName(), uri));
      default -> throw new AssertionError("unexpected principal " + principal);
    };
  }

  private static boolean matches(StringMatcher matcher, String value) {
    return switch (matcher.getMatchPatternCase()) {
      case EXACT -> value.equals(matcher.getExact());
      case PREFIX -> value.startsWith(matcher.getPrefix());
      default -> throw new AssertionError("unexpected matcher " + matcher);
    };
  }
}
