package io.meshforge.zone.xds.context;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshforge.model.Resource;
import io.meshforge.model.codec.DocumentFormat;
import io.meshforge.model.codec.ResourceCodec;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EgressRoutingTest {

  private static final ResourceCodec CODEC = new ResourceCodec();
  private static final String MTLS =
      "mtls: {enabledBackend: ca-1, backends: [{name: ca-1, type: builtin}]}\n";

  @ParameterizedTest(name = "mtls={0} routing=''{1}'' -> {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "true  | routing: {zoneEgress: true}  | true",
        "true  | routing: {zoneEgress: false} | false",
        "true  | ''                           | false",
        "false | routing: {zoneEgress: true}  | false"
      })
  void enabled_needsZoneEgressAndBuiltinMtls(boolean mtls, String routing, boolean expected) {
    Resource mesh = decode("type: Mesh\nname: m\n" + (mtls ? MTLS : "") + routing + "\n");

    assertThat(EgressRouting.enabled(mesh)).isEqualTo(expected);
  }

  @Test
  void enabled_withoutMesh_isFalse() {
    assertThat(EgressRouting.enabled(null)).isFalse();
  }

  @Test
  void through_twoIngressesOfAZoneAndTwoEgresses_oneEndpointPerZoneAndEgressWithSummedWeight() {
    List<RemoteZoneEndpoint> remote =
        List.of(
            new RemoteZoneEndpoint("west", "192.0.2.2", 443, 2, "b.0.west.m.mf"),
            new RemoteZoneEndpoint("west", "192.0.2.9", 443, 3, "b.0.west.m.mf"),
            new RemoteZoneEndpoint("north", "192.0.2.3", 10001, 1, "b.0.north.m.mf"));
    List<EgressAddress> egresses =
        List.of(new EgressAddress("e1", "10.0.0.1", 1), new EgressAddress("e2", "10.0.0.2", 2));

    assertThat(EgressRouting.through(remote, egresses))
        .containsExactly(
            new RemoteZoneEndpoint("north", "10.0.0.1", 1, 1, "b.0.north.m.mf"),
            new RemoteZoneEndpoint("north", "10.0.0.2", 2, 1, "b.0.north.m.mf"),
            new RemoteZoneEndpoint("west", "10.0.0.1", 1, 5, "b.0.west.m.mf"),
            new RemoteZoneEndpoint("west", "10.0.0.2", 2, 5, "b.0.west.m.mf"));
  }

  @Test
  void localEgresses_skipOtherZonesAndIncompleteOnes() {
    List<Resource> egresses =
        List.of(
            decode("type: ZoneEgress\nname: b\nnetworking: {address: 10.0.0.2, port: 2}\n"),
            decode(
                "type: ZoneEgress\nname: a\nzone: east\nnetworking: {address: 10.0.0.1, port: 1}\n"),
            decode(
                "type: ZoneEgress\nname: c\nzone: west\nnetworking: {address: 10.0.0.3, port: 3}\n"),
            decode("type: ZoneEgress\nname: d\nnetworking: {port: 4}\n"));

    assertThat(EgressRouting.localEgresses(egresses, "east"))
        .containsExactly(
            new EgressAddress("a", "10.0.0.1", 1), new EgressAddress("b", "10.0.0.2", 2));
  }

  private static Resource decode(String yaml) {
    return CODEC.decode(yaml.getBytes(StandardCharsets.UTF_8), DocumentFormat.YAML);
  }
}
