package io.meshforge.kds.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshforge.model.Resource;
import io.meshforge.model.ResourceKey;
import io.meshforge.model.ResourceTypes;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.node.JsonNodeFactory;

class SyncScopeTest {

  @ParameterizedTest
  @CsvSource({
    "global, '', true",
    "zone, west, true",
    "zone, east, false",
    "zone, '', false",
    "'', '', false"
  })
  void fromGlobal_onZoneEast_acceptsGlobalAndOtherZonesOnly(
      String origin, String zone, boolean expected) {
    Map<String, String> labels = new HashMap<>();
    if (!origin.isEmpty()) {
      labels.put("kuma.io/origin", origin);
    }
    if (!zone.isEmpty()) {
      labels.put("kuma.io/zone", zone);
    }
    Resource resource =
        Resource.of(
            new ResourceKey(ResourceTypes.MESH_SERVICE, "default", "api"),
            labels,
            JsonNodeFactory.instance.objectNode());
    assertThat(SyncScope.fromGlobal("east").contains(resource)).isEqualTo(expected);
  }
}
