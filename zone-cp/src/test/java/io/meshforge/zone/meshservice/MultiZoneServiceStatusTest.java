package io.meshforge.zone.meshservice;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshforge.model.Resource;
import io.meshforge.model.codec.DocumentFormat;
import io.meshforge.model.codec.ResourceCodec;
import io.meshforge.zone.xds.context.ZoneStates;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MultiZoneServiceStatusTest {

  private static final ResourceCodec CODEC = new ResourceCodec();
  private static final String MS_SPEC =
      "spec:\n  selector: {dataplaneTags: {kuma.io/service: backend}}\n  ports: [{port: 80}]\n";

  private static final List<Resource> MESH_SERVICES =
      List.of(
          decode("type: MeshService\nmesh: default\nname: backend\n" + MS_SPEC),
          decode(
              "type: MeshService\nmesh: default\nname: backend-x1\n"
                  + "labels: {kuma.io/zone: west, kuma.io/display-name: backend}\n"
                  + MS_SPEC),
          decode("type: MeshService\nmesh: default\nname: web\n" + MS_SPEC));

  @Test
  void of_selectorMatchingLocalAndRemote_listsBothWithTheirZones() {
    Resource multiZone = multiZone("{kuma.io/display-name: backend}");

    var status =
        MultiZoneServiceStatus.of(multiZone, MESH_SERVICES, new ZoneStates("east", Set.of()));

    assertThat(status.path("meshServices").toString())
        .isEqualTo(
            "[{\"name\":\"backend\",\"namespace\":\"\",\"zone\":\"east\",\"mesh\":\"default\"},"
                + "{\"name\":\"backend\",\"namespace\":\"\",\"zone\":\"west\",\"mesh\":\"default\"}]");
    assertThat(status.path("conditions").get(0).path("status").asString()).isEqualTo("True");
  }

  @ParameterizedTest(name = "disabled {0}: zones {1}")
  @CsvSource({
    "'', 'east,west'",
    "west, east",
    "east, 'east,west'",
    "'east,west', east",
    "north, 'east,west'"
  })
  void of_disabledZones_otherZonesDisabledMeshServicesDoNotCount(
      String disabled, String expectedZones) {
    Set<String> off = disabled.isEmpty() ? Set.of() : Set.of(disabled.split(","));

    var status =
        MultiZoneServiceStatus.of(
            multiZone("{kuma.io/display-name: backend}"),
            MESH_SERVICES,
            new ZoneStates("east", off));

    List<String> zones = new java.util.ArrayList<>();
    status.path("meshServices").forEach(ms -> zones.add(ms.path("zone").asString()));
    assertThat(zones).containsExactly(expectedZones.split(","));
  }

  @Test
  void of_selectorMatchingNothing_isNotMatched() {
    var status = MultiZoneServiceStatus.of(multiZone("{app: none}"), MESH_SERVICES, ZONE_EAST);

    assertThat(status.path("meshServices").isEmpty()).isTrue();
    assertThat(status.path("conditions").get(0).path("type").asString())
        .isEqualTo(MultiZoneServiceStatus.MATCHED);
    assertThat(status.path("conditions").get(0).path("status").asString()).isEqualTo("False");
  }

  private static final ZoneStates ZONE_EAST = new ZoneStates("east", Set.of());

  private static Resource multiZone(String matchLabels) {
    return decode(
        "type: MeshMultiZoneService\nmesh: default\nname: backend-mz\nspec:\n"
            + "  selector: {meshService: {matchLabels: "
            + matchLabels
            + "}}\n  ports: [{port: 80}]\n");
  }

  private static Resource decode(String yaml) {
    return CODEC.decode(yaml.getBytes(StandardCharsets.UTF_8), DocumentFormat.YAML);
  }
}
