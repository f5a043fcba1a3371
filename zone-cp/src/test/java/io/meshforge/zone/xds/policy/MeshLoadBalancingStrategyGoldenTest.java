package io.meshforge.zone.xds.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshforge.model.Resource;
import io.meshforge.model.ResourceType;
import io.meshforge.model.ResourceTypes;
import io.meshforge.model.codec.DocumentFormat;
import io.meshforge.model.codec.ResourceCodec;
import io.meshforge.zone.xds.GoldenFiles;
import io.meshforge.zone.xds.context.MeshContext;
import io.meshforge.zone.xds.context.ProxyContext;
import io.meshforge.zone.xds.context.ProxyMetadata;
import io.meshforge.zone.xds.context.ZoneEdges;
import io.meshforge.zone.xds.context.ZoneStates;
import io.meshforge.zone.xds.envoy.EnvoyJson;
import io.meshforge.zone.xds.generator.EnvoyResources;
import io.meshforge.zone.xds.generator.InboundSecurity;
import io.meshforge.zone.xds.generator.SidecarGenerator;
import io.meshforge.zone.xds.tls.MtlsOutboundSecurity;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden files of MeshLoadBalancingStrategy and evacuation on a sidecar of zone east, whose backend
 * also runs in west and north ({@code golden/ingress/cross-zone.input.yaml}): the clusters and
 * endpoints of {@code web-1}.
 */
class MeshLoadBalancingStrategyGoldenTest {

  private static final ResourceCodec CODEC = new ResourceCodec();

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("ordered", Set.of()),
        Arguments.of("ordered-east-evacuated", Set.of("east")),
        Arguments.of("no-policy-west-disabled", Set.of("west")),
        Arguments.of("affinity", Set.of()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void generate_failoverSetup_matchesGoldenFile(String name, Set<String> disabled)
      throws Exception {
    List<Resource> all =
        new ArrayList<>(
            read(
                name.equals("affinity")
                    ? "failover/affinity.input.yaml"
                    : "ingress/cross-zone.input.yaml"));
    if (name.startsWith("ordered")) {
      all.addAll(read("failover/ordered.input.yaml"));
    }
    MeshContext mesh =
        MeshContext.build(
            "default",
            all.stream()
                .filter(r -> r.type().equals(ResourceTypes.MESH) && r.name().equals("default"))
                .findFirst()
                .orElseThrow(),
            ofType(all, ResourceTypes.DATAPLANE, "default"),
            List.of(),
            all.stream().filter(r -> r.type().policy()).toList(),
            ofType(all, ResourceTypes.ZONE_INGRESS, ""),
            ZoneEdges.NONE,
            new ZoneStates("east", disabled));
    ProxyContext proxy = ProxyContext.of(mesh, "web-1", ProxyMetadata.ENVOY).orElseThrow();

    EnvoyResources resources =
        SidecarGenerator.standard(InboundSecurity.NONE, new MtlsOutboundSecurity()).generate(proxy);

    String json =
        EnvoyJson.pretty(
            EnvoyJson.tree(
                new TreeMap<>(
                    Map.of("clusters", resources.clusters(), "endpoints", resources.endpoints()))));
    GoldenFiles.assertMatches("failover/" + name + ".web-1.golden.json", json);
    assertThat(json).doesNotContain("10.0.0.4"); // backend-2 is NotReady
  }

  private static List<Resource> read(String file) throws Exception {
    return CODEC
        .readDocuments(GoldenFiles.read(file).getBytes(StandardCharsets.UTF_8), DocumentFormat.YAML)
        .stream()
        .map(CODEC::decode)
        .toList();
  }

  private static List<Resource> ofType(List<Resource> all, ResourceType type, String mesh) {
    return all.stream().filter(r -> r.type().equals(type) && r.mesh().equals(mesh)).toList();
  }
}
