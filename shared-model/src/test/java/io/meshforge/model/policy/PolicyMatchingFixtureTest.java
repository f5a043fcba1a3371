package io.meshforge.model.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshforge.model.Resource;
import io.meshforge.model.ResourceKey;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Runs every YAML case of {@code src/test/resources/policy-matching}: the policies are matched
 * against the proxy and each part of {@code expect} present in the file is checked.
 */
class PolicyMatchingFixtureTest {

  private static final int SHUFFLES = 8;

  static Stream<PolicyMatchingFixture> fixtures() {
    return PolicyMatchingFixture.all();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void match_fixture_producesExpectedResult(PolicyMatchingFixture fixture) {
    assertThat(fixture.expect().isObject()).as("%s has an expect block", fixture.file()).isTrue();

    MatchedPolicies result = match(fixture, fixture.policies());

    checkExpectations(fixture, result);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void match_shuffledInput_sameResult(PolicyMatchingFixture fixture) {
    JsonNode inOrder = render(match(fixture, fixture.policies()));
    for (int seed = 1; seed <= SHUFFLES; seed++) {
      List<Resource> shuffled = new ArrayList<>(fixture.policies());
      Collections.shuffle(shuffled, new Random(seed));

      MatchedPolicies result = match(fixture, shuffled);

      assertThat(render(result))
          .as("%s shuffled with seed %d", fixture.file(), seed)
          .isEqualTo(inOrder);
      checkExpectations(fixture, result);
    }
  }

  private static MatchedPolicies match(PolicyMatchingFixture fixture, List<Resource> policies) {
    return PolicyMatcher.match(fixture.proxy(), fixture.type(), policies, fixture.includeShadow());
  }

  private static void checkExpectations(PolicyMatchingFixture fixture, MatchedPolicies result) {
    JsonNode expect = fixture.expect();
    String file = fixture.file();
    if (expect.has("policies")) {
      assertThat(result.policies().stream().map(p -> p.key().name()).toList())
          .as("%s: matching policies in merge order", file)
          .isEqualTo(strings(expect.get("policies")));
    }
    if (expect.has("topLevelDefault")) {
      checkConf(
          file + ": topLevelDefault", result.topLevelDefault(), expect.get("topLevelDefault"));
    }
    JsonNode to = expect.path("to");
    if (to.has("peers")) {
      List<Peer> peers = new ArrayList<>();
      to.get("peers").forEach(peer -> peers.add(PolicyMatchingFixture.peer(peer)));
      assertThat(result.to().peers()).as("%s: to peers", file).isEqualTo(peers);
    }
    if (to.has("meshWide")) {
      checkConf(file + ": to meshWide", result.to().meshWide(), to.get("meshWide"));
    }
    for (JsonNode destination : to.path("destinations")) {
      checkConf(
          file + ": to " + destination.path("peer") + destination.path("peers"),
          result.to().confFor(peers(destination)),
          destination);
    }
    for (JsonNode from : expect.path("from")) {
      PeerRules rules = result.from(inbound(fixture, from.path("inbound").asInt()));
      EffectiveConf actual =
          from.has("source")
              ? rules.confFor(PolicyMatchingFixture.peer(from.get("source")))
              : rules.meshWide();
      checkConf(file + ": from " + from.path("inbound") + " " + from.path("source"), actual, from);
    }
    for (JsonNode rules : expect.path("rules")) {
      EffectiveConf actual =
          rules.has("inbound")
              ? result.rules(inbound(fixture, rules.get("inbound").asInt()))
              : result.proxyRules();
      checkConf(file + ": rules " + rules.path("inbound"), actual, rules);
    }
  }

  private static List<Peer> peers(JsonNode destination) {
    if (destination.has("peer")) {
      return List.of(PolicyMatchingFixture.peer(destination.get("peer")));
    }
    List<Peer> peers = new ArrayList<>();
    destination.path("peers").forEach(peer -> peers.add(PolicyMatchingFixture.peer(peer)));
    return peers;
  }

  private static ProxyInbound inbound(PolicyMatchingFixture fixture, int port) {
    return fixture.proxy().inbounds().stream()
        .filter(inbound -> inbound.port() == port)
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException(fixture.file() + ": no inbound " + port));
  }

  private static void checkConf(String what, EffectiveConf actual, JsonNode expected) {
    assertThat(actual.conf()).as("%s conf", what).isEqualTo(expected.path("conf"));
    assertThat(actual.contributors().stream().map(ResourceKey::name).toList())
        .as("%s contributors", what)
        .isEqualTo(strings(expected.path("contributors")));
  }

  private static List<String> strings(JsonNode array) {
    List<String> strings = new ArrayList<>();
    array.forEach(item -> strings.add(item.asString()));
    return strings;
  }

  /** Renders the whole result, so that two results can be compared in one assertion. */
  private static JsonNode render(MatchedPolicies result) {
    JsonNodeFactory nodes = JsonNodeFactory.instance;
    ObjectNode out = nodes.objectNode();
    ArrayNode policies = out.putArray("policies");
    result.policies().forEach(p -> policies.add(p.key() + " " + p.scope() + " " + p.inbounds()));
    out.set("topLevelDefault", render(result.topLevelDefault()));
    out.set("to", render(result.to()));
    ObjectNode from = out.putObject("from");
    for (Map.Entry<ProxyInbound, PeerRules> entry : result.fromByInbound().entrySet()) {
      from.set(Integer.toString(entry.getKey().port()), render(entry.getValue()));
    }
    ObjectNode rules = out.putObject("rules");
    for (Map.Entry<ProxyInbound, EffectiveConf> entry : result.rulesByInbound().entrySet()) {
      rules.set(Integer.toString(entry.getKey().port()), render(entry.getValue()));
    }
    out.set("proxyRules", render(result.proxyRules()));
    return out;
  }

  private static JsonNode render(PeerRules rules) {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    ArrayNode entries = out.putArray("entries");
    for (SectionEntry entry : rules.entries()) {
      entries
          .addObject()
          .put("policy", entry.policy().toString())
          .set("targetRef", entry.targetRef())
          .set("conf", entry.conf());
    }
    out.set("meshWide", render(rules.meshWide()));
    ObjectNode peers = out.putObject("peers");
    rules.peers().forEach(peer -> peers.set(peer.toString(), render(rules.confFor(peer))));
    return out;
  }

  private static JsonNode render(EffectiveConf conf) {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    out.set("conf", conf.conf());
    ArrayNode contributors = out.putArray("contributors");
    conf.contributors().forEach(key -> contributors.add(key.toString()));
    return out;
  }
}
