package io.meshforge.zone.xds.generator;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshforge.model.Resource;
import io.meshforge.model.ResourceTypes;
import io.meshforge.model.codec.DocumentFormat;
import io.meshforge.model.codec.ResourceCodec;
import io.meshforge.zone.xds.GoldenFiles;
import io.meshforge.zone.xds.context.MeshContext;
import io.meshforge.zone.xds.context.ProxyContext;
import io.meshforge.zone.xds.context.ProxyMetadata;
import io.meshforge.zone.xds.envoy.EnvoyJson;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden files of the sidecar generators: {@code golden/sidecar/<case>.input.yaml} holds the mesh's
 * resources (as users write them), {@code <case>.golden.json} the Envoy resources generated for one
 * of its Dataplanes.
 */
class SidecarGeneratorGoldenTest {

  private static final ResourceCodec CODEC = new ResourceCodec();

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("http-inbound", "web-1", ProxyMetadata.ENVOY),
        Arguments.of("tcp-inbound", "redis-1", ProxyMetadata.ENVOY),
        Arguments.of("two-outbounds", "frontend-1", ProxyMetadata.ENVOY),
        Arguments.of("grpc-client", "client", new ProxyMetadata(true)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void generate_case_matchesGoldenFile(String name, String dataplane, ProxyMetadata metadata)
      throws Exception {
    MeshContext mesh = meshOf(GoldenFiles.read("sidecar/" + name + ".input.yaml"));
    ProxyContext proxy = ProxyContext.of(mesh, dataplane, metadata).orElseThrow();

    EnvoyResources resources =
        SidecarGenerator.standard(InboundSecurity.NONE, OutboundSecurity.NONE).generate(proxy);

    String json = EnvoyJson.pretty(EnvoyJson.tree(resources.byType()));
    GoldenFiles.assertMatches("sidecar/" + name + ".golden.json", json);
    // Generation is a pure function: a second run gives the same bytes.
    assertThat(
            EnvoyJson.pretty(
                EnvoyJson.tree(
                    SidecarGenerator.standard(InboundSecurity.NONE, OutboundSecurity.NONE)
                        .generate(proxy)
                        .byType())))
        .isEqualTo(json);
  }

  static MeshContext meshOf(String yaml) {
    List<Resource> all =
        CODEC.readDocuments(yaml.getBytes(StandardCharsets.UTF_8), DocumentFormat.YAML).stream()
            .map(CODEC::decode)
            .toList();
    Resource meshResource =
        all.stream().filter(r -> r.type().equals(ResourceTypes.MESH)).findFirst().orElse(null);
    return MeshContext.build(
        "default",
        meshResource,
        ofType(all, ResourceTypes.DATAPLANE),
        ofType(all, ResourceTypes.MESH_SERVICE),
        List.of());
  }

  private static List<Resource> ofType(List<Resource> all, io.meshforge.model.ResourceType type) {
    return all.stream().filter(r -> r.type().equals(type)).toList();
  }
}
