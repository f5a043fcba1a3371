package io.meshforge.zone.xds.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshforge.model.Resource;
import io.meshforge.model.ResourceKey;
import io.meshforge.model.ResourceTypes;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;

class LocalIngressChangeTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  static Stream<Arguments> changes() {
    Resource ownBefore = ingress("own", "", 1);
    Resource ownAfter = ingress("own", "", 2);
    Resource westBefore = ingress("west-ingress", "west", 1);
    Resource westAfter = ingress("west-ingress", "west", 2);
    return Stream.of(
        Arguments.of("own ingress's services changed", list(ownBefore), list(ownAfter), true),
        Arguments.of(
            "own changed beside an unchanged remote",
            list(ownBefore, westBefore),
            list(ownAfter, westBefore),
            true),
        Arguments.of("own ingress registered", null, list(ownAfter), true),
        Arguments.of("own ingress removed", list(ownBefore, westBefore), list(westBefore), true),
        Arguments.of("remote ingress changed", list(westBefore), list(westAfter), false),
        Arguments.of("both changed", list(ownBefore, westBefore), list(ownAfter, westAfter), false),
        Arguments.of("remote ingress arrived", list(ownBefore), list(ownBefore, westAfter), false),
        Arguments.of("remote ingress left", list(westBefore), null, false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("changes")
  void onlyLocal_byWhichIngressesChanged(
      String what, List<Resource> before, List<Resource> after, boolean onlyLocal) {
    assertThat(LocalIngressChange.onlyLocal(before, after)).isEqualTo(onlyLocal);
  }

  private static List<Resource> list(Resource... ingresses) {
    return Arrays.asList(ingresses);
  }

  /** A ZoneIngress; {@code zone} is empty for this zone's own, set by global for other zones'. */
  private static Resource ingress(String name, String zone, int backendInstances) {
    String spec =
        """
        {"zone": "%s", "networking": {"address": "10.0.0.1", "port": 10001,
         "advertisedAddress": "192.0.2.1", "advertisedPort": 10001},
         "availableServices": [{"mesh": "default", "instances": %d,
           "tags": {"kuma.io/service": "backend"}}]}
        """
            .formatted(zone, backendInstances);
    return Resource.of(
        ResourceKey.global(ResourceTypes.ZONE_INGRESS, name), Map.of(), JSON.readTree(spec));
  }
}
