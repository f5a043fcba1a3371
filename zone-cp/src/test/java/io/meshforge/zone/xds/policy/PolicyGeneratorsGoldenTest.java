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
import io.meshforge.zone.xds.envoy.EnvoyJson;
import io.meshforge.zone.xds.generator.EnvoyResources;
import io.meshforge.zone.xds.generator.InboundSecurity;
import io.meshforge.zone.xds.generator.OutboundSecurity;
import io.meshforge.zone.xds.generator.SidecarGenerator;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden files of the policy generators: {@code golden/policies/<case>.input.yaml} holds a mesh
 * with policies, {@code <case>.<dataplane>.golden.json} what the whole sidecar generation (concern
 * generators, then policies) gives one of its proxies.
 */
class PolicyGeneratorsGoldenTest {

  private static final ResourceCodec CODEC = new ResourceCodec();

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("all-four", "frontend-1", ProxyMetadata.ENVOY),
        Arguments.of("all-four", "frontend-1", new ProxyMetadata(true)),
        Arguments.of("no-policies", "frontend-1", ProxyMetadata.ENVOY));
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @MethodSource("cases")
  void generate_meshWithPolicies_matchesGoldenFile(
      String name, String dataplane, ProxyMetadata metadata) throws Exception {
    MeshContext mesh = meshOf(GoldenFiles.read("policies/" + name + ".input.yaml"));
    ProxyContext proxy = ProxyContext.of(mesh, dataplane, metadata).orElseThrow();

    String json = generate(proxy);

    String suffix = metadata.equals(ProxyMetadata.ENVOY) ? "" : ".api-listeners";
    GoldenFiles.assertMatches("policies/" + name + "." + dataplane + suffix + ".golden.json", json);
    assertThat(generate(ProxyContext.of(mesh, dataplane, metadata).orElseThrow()))
        .as("generation is a pure function of the context")
        .isEqualTo(json);
  }

  private static String generate(ProxyContext proxy) {
    EnvoyResources resources =
        SidecarGenerator.standard(InboundSecurity.NONE, OutboundSecurity.NONE).generate(proxy);
    return EnvoyJson.pretty(EnvoyJson.tree(resources.byType()));
  }

  /** A mesh context of every resource in the YAML stream. */
  static MeshContext meshOf(String yaml) {
    List<Resource> all =
        CODEC.readDocuments(yaml.getBytes(StandardCharsets.UTF_8), DocumentFormat.YAML).stream()
            .map(CODEC::decode)
            .toList();
    return MeshContext.build(
        "default",
        all.stream().filter(r -> r.type().equals(ResourceTypes.MESH)).findFirst().orElse(null),
        ofType(all, ResourceTypes.DATAPLANE),
        ofType(all, ResourceTypes.MESH_SERVICE),
        all.stream().filter(r -> r.type().policy()).toList());
  }

  private static List<Resource> ofType(List<Resource> all, ResourceType type) {
    return all.stream().filter(r -> r.type().equals(type)).toList();
  }
}
