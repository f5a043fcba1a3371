package io.meshforge.zone.xds.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.envoyproxy.envoy.config.core.v3.Locality;
import io.envoyproxy.envoy.config.endpoint.v3.ClusterLoadAssignment;
import io.envoyproxy.envoy.config.endpoint.v3.LocalityLbEndpoints;
import io.meshforge.model.spec.MeshLoadBalancingStrategySpec.LocalityAwareness;
import io.meshforge.model.spec.SpecSchemas;
import io.meshforge.zone.xds.context.ZoneStates;
import io.meshforge.zone.xds.envoy.Clusters;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.ObjectMapper;

class FailoverPrioritiesTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** east's view: local endpoints, then west, north and south at priority 1. */
  private static ClusterLoadAssignment fromEast() {
    ClusterLoadAssignment.Builder cla =
        Clusters.assignment("backend", java.util.List.of(Clusters.endpoint("10.0.0.1", 80)))
            .toBuilder();
    for (String zone : new String[] {"north", "south", "west"}) {
      cla.addEndpoints(
          LocalityLbEndpoints.newBuilder()
              .setLocality(Locality.newBuilder().setZone(zone))
              .setPriority(1)
              .addLbEndpoints(Clusters.endpoint("192.0.2.1", 443)));
    }
    return cla.build();
  }

  static Stream<Arguments> rules() {
    return Stream.of(
        Arguments.of("no policy", null, Set.of(), "{=0, north=1, south=1, west=1}"),
        Arguments.of(
            "disabled", "{\"disabled\": true}", Set.of(), "{=0, north=0, south=0, west=0}"),
        Arguments.of(
            "ordered Only rules, unmatched zone dropped",
            """
            {"crossZone": {"failover": [
              {"to": {"type": "Only", "zones": ["west"]}},
              {"to": {"type": "Only", "zones": ["north"]}}]}}\
            """,
            Set.of(),
            "{=0, north=2, west=1}"),
        Arguments.of(
            "AnyExcept then Any",
            """
            {"crossZone": {"failover": [
              {"to": {"type": "AnyExcept", "zones": ["south", "north"]}},
              {"to": {"type": "Any"}}]}}\
            """,
            Set.of(),
            "{=0, north=2, south=2, west=1}"),
        Arguments.of(
            "rule from another zone is skipped, None matches nothing",
            """
            {"crossZone": {"failover": [
              {"from": {"zones": ["west"]}, "to": {"type": "Only", "zones": ["south"]}},
              {"to": {"type": "None"}},
              {"from": {"zones": ["east"]}, "to": {"type": "Only", "zones": ["north", "south"]}}]}}\
            """,
            Set.of(),
            "{=0, north=1, south=1}"),
        Arguments.of("remote zone disabled", null, Set.of("west"), "{=0, north=1, south=1}"),
        Arguments.of(
            "local zone evacuated", null, Set.of("east"), "{=1, north=0, south=0, west=0}"),
        Arguments.of(
            "evacuated with ordered rules: local is the last resort",
            """
            {"crossZone": {"failover": [
              {"to": {"type": "Only", "zones": ["west"]}},
              {"to": {"type": "Only", "zones": ["north"]}}]}}\
            """,
            Set.of("east"),
            "{=2, north=1, west=0}"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rules")
  void apply_policyAndZoneStates_placesLocalitiesOnPriorities(
      String name, String awareness, Set<String> disabled, String expected) {
    ClusterLoadAssignment out =
        FailoverPriorities.apply(
            fromEast(), new ZoneStates("east", disabled), awareness(awareness));

    Map<String, Integer> priorities = new TreeMap<>();
    out.getEndpointsList().forEach(l -> priorities.put(l.getLocality().getZone(), l.getPriority()));
    assertThat(priorities).hasToString(expected);
  }

  @ParameterizedTest(name = "{0}% -> {1}")
  @MethodSource("thresholds")
  void apply_failoverThreshold_setsOverprovisioningFactor(String percentage, int factor) {
    ClusterLoadAssignment out =
        FailoverPriorities.apply(
            fromEast(),
            ZoneStates.NONE,
            awareness(
                "{\"crossZone\": {\"failoverThreshold\": {\"percentage\": " + percentage + "}}}"));

    assertThat(out.getPolicy().getOverprovisioningFactor().getValue()).isEqualTo(factor);
  }

  static Stream<Arguments> thresholds() {
    return Stream.of(
        Arguments.of("50", 200), Arguments.of("\"25\"", 400), Arguments.of("100", 100));
  }

  @Test
  void apply_noThreshold_keepsEnvoysDefaultFactor() {
    ClusterLoadAssignment out = FailoverPriorities.apply(fromEast(), ZoneStates.NONE, null);

    assertThat(out.hasPolicy()).isFalse();
  }

  private static LocalityAwareness awareness(String json) {
    return json == null ? null : SpecSchemas.treeAs(JSON.readTree(json), LocalityAwareness.class);
  }
}
