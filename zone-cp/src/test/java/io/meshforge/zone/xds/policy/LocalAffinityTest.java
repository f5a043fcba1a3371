package io.meshforge.zone.xds.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.envoyproxy.envoy.config.core.v3.Locality;
import io.envoyproxy.envoy.config.endpoint.v3.ClusterLoadAssignment;
import io.envoyproxy.envoy.config.endpoint.v3.LocalityLbEndpoints;
import io.meshforge.model.spec.MeshLoadBalancingStrategySpec.AffinityTag;
import io.meshforge.zone.xds.context.ServiceEndpoint;
import io.meshforge.zone.xds.envoy.Clusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LocalAffinityTest {

  /** Four local backends: node n1/n2 in az a, node n3/n4 in az b. */
  private static final List<ServiceEndpoint> ENDPOINTS =
      List.of(
          endpoint("10.0.0.1", "n1", "a"),
          endpoint("10.0.0.2", "n2", "a"),
          endpoint("10.0.0.3", "n3", "b"),
          endpoint("10.0.0.4", "n4", "b"));

  private static final Map<String, String> CLIENT_N1_A = Map.of("node", "n1", "az", "a");

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of(
            "defaults, two tags",
            List.of(new AffinityTag("node", null), new AffinityTag("az", null)),
            CLIENT_N1_A,
            List.of("node=n1/90:[10.0.0.1]", "az=a/9:[10.0.0.2]", "/1:[10.0.0.3, 10.0.0.4]")),
        Arguments.of(
            "explicit weights",
            List.of(new AffinityTag("node", 5), new AffinityTag("az", 3)),
            CLIENT_N1_A,
            List.of("node=n1/5:[10.0.0.1]", "az=a/3:[10.0.0.2]", "/1:[10.0.0.3, 10.0.0.4]")),
        Arguments.of(
            "first shared tag in the policy's order wins",
            List.of(new AffinityTag("az", null), new AffinityTag("node", null)),
            CLIENT_N1_A,
            List.of("az=a/90:[10.0.0.1, 10.0.0.2]", "/1:[10.0.0.3, 10.0.0.4]")),
        Arguments.of(
            "a tag the client lacks gives no locality",
            List.of(new AffinityTag("rack", null), new AffinityTag("az", null)),
            Map.of("az", "b"),
            List.of("az=b/9:[10.0.0.3, 10.0.0.4]", "/1:[10.0.0.1, 10.0.0.2]")),
        Arguments.of(
            "nothing shared: one weighted local locality (the cluster is locality-weighted anyway)",
            List.of(new AffinityTag("az", null)),
            Map.of("az", "c"),
            List.of("/1:[10.0.0.1, 10.0.0.2, 10.0.0.3, 10.0.0.4]")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void apply_affinityTags_splitsLocalEndpointsIntoWeightedSubZones(
      String name, List<AffinityTag> tags, Map<String, String> client, List<String> expected) {
    ClusterLoadAssignment out = LocalAffinity.apply(assignment(), ENDPOINTS, client, tags);

    List<String> localities = new ArrayList<>();
    for (LocalityLbEndpoints locality : out.getEndpointsList()) {
      if (locality.getLocality().getZone().isEmpty()) {
        localities.add(describe(locality));
      }
    }
    assertThat(localities).containsExactlyElementsOf(expected);
    LocalityLbEndpoints west = out.getEndpointsList().getLast();
    assertThat(west.getLocality().getZone())
        .as("remote zones stay after the local ones")
        .isEqualTo("west");
    assertThat(west.getPriority()).isEqualTo(1);
    assertThat(west.getLoadBalancingWeight().getValue())
        .as("a weighted locality, or Envoy would skip it")
        .isEqualTo(1);
  }

  @Test
  void weights_defaults_areNineTimesPowersOfTen() {
    List<AffinityTag> three =
        List.of(new AffinityTag("a", null), new AffinityTag("b", null), new AffinityTag("c", null));

    assertThat(LocalAffinity.weights(three)).containsExactly(900L, 90L, 9L);
  }

  @Test
  void weights_someMissing_fallBackToDefaults() {
    assertThat(LocalAffinity.weights(List.of(new AffinityTag("a", 7), new AffinityTag("b", null))))
        .containsExactly(90L, 9L);
  }

  private static ClusterLoadAssignment assignment() {
    return Clusters.assignment(
        "backend",
        ENDPOINTS.stream().map(e -> Clusters.endpoint(e.address(), e.port())).toList(),
        List.of(
            LocalityLbEndpoints.newBuilder()
                .setLocality(Locality.newBuilder().setZone("west"))
                .setPriority(1)
                .addLbEndpoints(Clusters.endpoint("192.0.2.9", 10001))
                .build()));
  }

  private static String describe(LocalityLbEndpoints locality) {
    List<String> addresses =
        locality.getLbEndpointsList().stream()
            .map(e -> e.getEndpoint().getAddress().getSocketAddress().getAddress())
            .toList();
    return locality.getLocality().getSubZone()
        + "/"
        + locality.getLoadBalancingWeight().getValue()
        + ":"
        + addresses;
  }

  private static ServiceEndpoint endpoint(String address, String node, String az) {
    return new ServiceEndpoint(
        "backend-" + node,
        address,
        8080,
        Map.of("kuma.io/service", "backend", "node", node, "az", az),
        true);
  }
}
