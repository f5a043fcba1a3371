package io.meshforge.zone.xds.context;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshforge.model.Resource;
import io.meshforge.model.codec.DocumentFormat;
import io.meshforge.model.codec.ResourceCodec;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MultiZoneServiceDestinationsTest {

  private static final ResourceCodec CODEC = new ResourceCodec();
  private static final String MS_SPEC =
      "spec:\n  selector: {dataplaneTags: {kuma.io/service: backend}}\n  ports: [{port: 80}]\n";

  private static final Resource MULTI_ZONE =
      decode(
          "type: MeshMultiZoneService\nmesh: default\nname: backend-mz\nspec:\n"
              + "  selector: {meshService: {matchLabels: {kuma.io/display-name: backend}}}\n"
              + "  ports: [{port: 80, appProtocol: http}]\n");

  private static final List<Resource> MESH_SERVICES =
      List.of(
          decode("type: MeshService\nmesh: default\nname: backend\n" + MS_SPEC),
          remote("west"),
          remote("north"));

  private static final Destination LOCAL =
      new Destination(
          "backend",
          "default_backend_80",
          Protocol.HTTP,
          List.of(new ServiceEndpoint("backend-1", "10.0.0.1", 8080, Map.of(), true)),
          List.of());

  @ParameterizedTest(name = "local {0}, disabled {1}: remote zones {2}, local endpoints {3}")
  @CsvSource({
    "east, '', 'north,west', 1",
    "east, west, north, 1",
    "east, 'west,north', '', 1",
    "east, east, 'north,west', 1",
    "east, south, 'north,west', 1"
  })
  void resolve_disabledZones_theirMeshServicesGiveNoEndpoints(
      String local, String disabled, String remoteZones, int localEndpoints) {
    Set<String> off = disabled.isEmpty() ? Set.of() : Set.of(disabled.split(","));

    Destination destination =
        MultiZoneServiceDestinations.resolve(
                "default",
                List.of(MULTI_ZONE),
                MESH_SERVICES,
                Map.of("backend", Map.of(80, LOCAL)),
                service ->
                    List.of(
                        new RemoteZoneEndpoint("west", "192.0.2.1", 10001, 1, "sni-west"),
                        new RemoteZoneEndpoint("north", "192.0.2.2", 10001, 1, "sni-north")),
                local,
                new ZoneStates(local, off))
            .get("backend-mz")
            .get(80);

    assertThat(destination.endpoints()).hasSize(localEndpoints);
    assertThat(destination.remoteEndpoints().stream().map(RemoteZoneEndpoint::zone).sorted())
        .containsExactly(remoteZones.isEmpty() ? new String[0] : remoteZones.split(","));
  }

  private static Resource remote(String zone) {
    return decode(
        "type: MeshService\nmesh: default\nname: backend-"
            + zone
            + "\nlabels: {kuma.io/zone: "
            + zone
            + ", kuma.io/display-name: backend, kuma.io/origin: global}\n"
            + MS_SPEC);
  }

  private static Resource decode(String yaml) {
    return CODEC.decode(yaml.getBytes(StandardCharsets.UTF_8), DocumentFormat.YAML);
  }
}
