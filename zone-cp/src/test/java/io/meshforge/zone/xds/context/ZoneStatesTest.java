package io.meshforge.zone.xds.context;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshforge.model.Resource;
import io.meshforge.model.ResourceKey;
import io.meshforge.model.ResourceTypes;
import io.meshforge.model.WellKnownLabels;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.ObjectMapper;

class ZoneStatesTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void of_copiesFromGlobal_disabledZonesByDisplayName() {
    ZoneStates states =
        ZoneStates.of(
            "east",
            List.of(
                zone("east-bbc94zd4gnps45t8", "east", "{\"enabled\": false}"),
                zone("west-bbgj2ppbv4l4g7p6", "west", "{\"enabled\": true}"),
                zone("north-x", "north", "{}")));

    assertThat(states.disabled()).containsExactly("east");
    assertThat(states.localDisabled()).isTrue();
    assertThat(states.enabled("west")).isTrue();
    assertThat(states.enabled("north")).as("absent means enabled").isTrue();
  }

  private static Resource zone(String name, String displayName, String spec) {
    return Resource.of(
        ResourceKey.global(ResourceTypes.ZONE, name),
        Map.of(WellKnownLabels.DISPLAY_NAME, displayName, WellKnownLabels.ORIGIN, "global"),
        JSON.readTree(spec));
  }
}
