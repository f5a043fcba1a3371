package io.meshforge.model.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshforge.model.Resource;
import io.meshforge.model.ResourceKey;
import io.meshforge.model.ResourceType;
import io.meshforge.model.ResourceTypes;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

class PolicyMatcherTest {

  private static final YAMLMapper YAML = YAMLMapper.builder().build();

  private static final ProxyInbound HTTP =
      new ProxyInbound(8080, "http", Map.of("kuma.io/service", "web"));
  private static final ProxyInbound ADMIN = ProxyInbound.of(9090, Map.of("kuma.io/service", "web"));
  private static final ProxyIdentity WEB_1 =
      new ProxyIdentity("default", "web-1", Map.of("app", "web"), List.of(HTTP, ADMIN));

  @Test
  void fromDataplane_universalDataplane_readsNameLabelsAndInbounds() {
    Resource dataplane =
        Resource.of(
            ResourceKey.inMesh(ResourceTypes.DATAPLANE, "default", "web-1"),
            Map.of("app", "web"),
            yaml(
                """
                networking:
                  address: 10.0.0.5
                  inbound:
                    - port: 8080
                      name: http
                      tags: {kuma.io/service: web, kuma.io/protocol: http}
                    - port: 9090
                      tags: {kuma.io/service: web-admin}
                """));

    ProxyIdentity proxy = ProxyIdentity.fromDataplane(dataplane);

    assertThat(proxy.mesh()).isEqualTo("default");
    assertThat(proxy.name()).isEqualTo("web-1");
    assertThat(proxy.labels()).isEqualTo(Map.of("app", "web"));
    assertThat(proxy.inbounds())
        .containsExactly(
            new ProxyInbound(
                8080, "http", Map.of("kuma.io/service", "web", "kuma.io/protocol", "http")),
            new ProxyInbound(9090, "", Map.of("kuma.io/service", "web-admin")));
    assertThat(proxy.inbounds().get(1).service()).isEqualTo("web-admin");
  }

  @Test
  void fromDataplane_notADataplane_throws() {
    Resource timeout = policy(ResourceTypes.MESH_TIMEOUT, "default", "t", "{}");

    assertThatThrownBy(() -> ProxyIdentity.fromDataplane(timeout))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a Dataplane");
  }

  static Stream<Arguments> sections() {
    return Stream.of(
        Arguments.of("http", true, false),
        Arguments.of("8080", true, false),
        Arguments.of("9090", false, true),
        Arguments.of("admin", false, false));
  }

  @ParameterizedTest(name = "sectionName {0}")
  @MethodSource("sections")
  void hasSection_nameOrPort_designatesInbound(String section, boolean http, boolean admin) {
    assertThat(HTTP.hasSection(section)).isEqualTo(http);
    assertThat(ADMIN.hasSection(section)).isEqualTo(admin);
  }

  static Stream<Arguments> scopes() {
    return Stream.of(
        Arguments.of("{}", MatchScope.PROXY, List.of(HTTP, ADMIN)),
        Arguments.of(
            "{targetRef: {kind: Dataplane, name: web-1}}", MatchScope.PROXY, List.of(HTTP, ADMIN)),
        Arguments.of(
            "{targetRef: {kind: Dataplane, labels: {app: web}, sectionName: http}}",
            MatchScope.SECTION,
            List.of(HTTP)),
        Arguments.of(
            "{targetRef: {kind: MeshService, name: web}}",
            MatchScope.SERVICE,
            List.of(HTTP, ADMIN)),
        Arguments.of(
            "{targetRef: {kind: MeshService, name: web, sectionName: '9090'}}",
            MatchScope.SECTION,
            List.of(ADMIN)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scopes")
  void matchOne_targetRef_givesScopeAndInbounds(
      String spec, MatchScope scope, List<ProxyInbound> inbounds) {
    Resource policy = policy(ResourceTypes.MESH_TIMEOUT, "default", "p", spec);

    MatchedPolicy match = PolicyMatcher.matchOne(WEB_1, policy, false).orElseThrow();

    assertThat(match.scope()).isEqualTo(scope);
    assertThat(match.inbounds()).isEqualTo(inbounds);
    assertThat(match.key()).isEqualTo(policy.key());
  }

  @Test
  void matchOne_shadowPolicy_matchesOnlyWhenIncluded() {
    Resource shadow =
        policy(ResourceTypes.MESH_TIMEOUT, "default", "p", "{}")
            .withLabels(Map.of("kuma.io/effect", "shadow"));

    assertThat(PolicyMatcher.matchOne(WEB_1, shadow, false)).isEmpty();
    assertThat(PolicyMatcher.matchOne(WEB_1, shadow, true))
        .get()
        .extracting(MatchedPolicy::shadow)
        .isEqualTo(true);
  }

  @Test
  void match_nonPolicyType_throws() {
    assertThatThrownBy(() -> PolicyMatcher.match(WEB_1, ResourceTypes.DATAPLANE, List.of(), false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a policy type");
  }

  @Test
  void match_twoResourcesWithOneKey_throws() {
    Resource first = policy(ResourceTypes.MESH_TIMEOUT, "default", "p", "{}");
    Resource second = policy(ResourceTypes.MESH_TIMEOUT, "default", "p", "{default: {a: 1}}");

    assertThatThrownBy(() ->
            PolicyMatcher.match(WEB_1, ResourceTypes.MESH_TIMEOUT, List.of(first, second), false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("MeshTimeout/default/p");
  }

  @Test
  void matchAll_mixedResources_givesEveryPolicyTypeWithItsOwnMatches() {
    Resource timeout =
        policy(ResourceTypes.MESH_TIMEOUT, "default", "t", "{default: {connectionTimeout: 1s}}");
    Resource retry = policy(ResourceTypes.MESH_RETRY, "default", "r", "{default: {tries: 3}}");
    Resource otherMesh = policy(ResourceTypes.MESH_RETRY, "other", "r", "{default: {tries: 9}}");
    Resource dataplane =
        Resource.of(ResourceKey.inMesh(ResourceTypes.DATAPLANE, "default", "web-1"), null, null);

    Map<ResourceType, MatchedPolicies> all =
        PolicyMatcher.matchAll(WEB_1, List.of(dataplane, retry, otherMesh, timeout), false);

    assertThat(all.keySet()).containsExactlyElementsOf(ResourceTypes.policies());
    assertThat(all.get(ResourceTypes.MESH_TIMEOUT).topLevelDefault().conf())
        .isEqualTo(yaml("{connectionTimeout: 1s}"));
    assertThat(all.get(ResourceTypes.MESH_RETRY).policies())
        .extracting(MatchedPolicy::key)
        .containsExactly(retry.key());
    assertThat(all.get(ResourceTypes.MESH_TRACE).isEmpty()).isTrue();
  }

  @Test
  void match_resultsChangedByCaller_leaveInputsAndResultUnchanged() {
    String spec =
        """
        targetRef: {kind: Mesh}
        default: {a: {b: 1}}
        to:
          - targetRef: {kind: Mesh}
            default: {c: {d: 1}}
        rules:
          - default: {e: {f: 1}}
        """;
    Resource policy = policy(ResourceTypes.MESH_TIMEOUT, "default", "p", spec);
    MatchedPolicies result =
        PolicyMatcher.match(WEB_1, ResourceTypes.MESH_TIMEOUT, List.of(policy), false);

    ((ObjectNode) result.topLevelDefault().conf()).put("x", 1);
    ((ObjectNode) result.to().meshWide().conf().get("c")).put("x", 1);
    ((ObjectNode) result.to().entries().get(0).conf()).put("x", 1);
    ((ObjectNode) result.rules(HTTP).conf().get("e")).put("x", 1);

    assertThat(policy.spec()).isEqualTo(yaml(spec));
    assertThat(result.topLevelDefault().conf()).isEqualTo(yaml("{a: {b: 1}}"));
    assertThat(result.to().meshWide().conf()).isEqualTo(yaml("{c: {d: 1}}"));
    assertThat(result.to().entries().get(0).conf()).isEqualTo(yaml("{c: {d: 1}}"));
    assertThat(result.rules(HTTP).conf()).isEqualTo(yaml("{e: {f: 1}}"));
  }

  @Test
  void match_inboundTheProxyLacks_givesEmptyRules() {
    Resource policy =
        policy(ResourceTypes.MESH_TIMEOUT, "default", "p", "{rules: [{default: {a: 1}}]}");
    MatchedPolicies result =
        PolicyMatcher.match(WEB_1, ResourceTypes.MESH_TIMEOUT, List.of(policy), false);

    ProxyInbound unknown = ProxyInbound.of(7070, Map.of());

    assertThat(result.rules(HTTP).isEmpty()).isFalse();
    assertThat(result.rules(unknown).isEmpty()).isTrue();
    assertThat(result.from(unknown).isEmpty()).isTrue();
  }

  @Test
  void confFor_peerSelectedByLabels_matchesOnlyPeersWithThoseLabels() {
    Resource policy =
        policy(
            ResourceTypes.MESH_TIMEOUT,
            "default",
            "p",
            """
            to:
              - targetRef: {kind: MeshService, labels: {tier: db}}
                default: {connectionTimeout: 9s}
            """);
    PeerRules to =
        PolicyMatcher.match(WEB_1, ResourceTypes.MESH_TIMEOUT, List.of(policy), false).to();

    Peer postgres =
        Peer.of(TargetRefKind.MESH_SERVICE, "postgres").withLabels(Map.of("tier", "db"));
    Peer backend = Peer.of(TargetRefKind.MESH_SERVICE, "backend");

    assertThat(to.confFor(postgres).conf()).isEqualTo(yaml("{connectionTimeout: 9s}"));
    assertThat(to.confFor(backend).isEmpty()).isTrue();
    assertThat(to.peers()).isEmpty();
  }

  private static Resource policy(ResourceType type, String mesh, String name, String spec) {
    return Resource.of(ResourceKey.inMesh(type, mesh, name), Map.of(), yaml(spec));
  }

  private static JsonNode yaml(String text) {
    return YAML.readTree(text);
  }
}
