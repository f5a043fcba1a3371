package io.meshforge.zone.xds.ingress;

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
import io.meshforge.zone.xds.generator.SidecarGenerator;
import io.meshforge.zone.xds.tls.MtlsOutboundSecurity;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Golden files of cross-zone traffic ({@code golden/ingress/cross-zone.input.yaml}, zone east):
 * what a sidecar's clusters hold for services also served in other zones, and what east's ingress
 * routes on.
 */
class CrossZoneGoldenTest {

  private static final ResourceCodec CODEC = new ResourceCodec();
  private static List<Resource> all;

  @BeforeAll
  static void read() throws Exception {
    all =
        CODEC
            .readDocuments(
                GoldenFiles.read("ingress/cross-zone.input.yaml").getBytes(StandardCharsets.UTF_8),
                DocumentFormat.YAML)
            .stream()
            .map(CODEC::decode)
            .toList();
  }

  @Test
  void sidecar_serviceInOtherZones_getsTheirIngressesAtPriorityOneWithTheirServerNames()
      throws Exception {
    ProxyContext proxy =
        ProxyContext.of(mesh("default"), "web-1", ProxyMetadata.ENVOY).orElseThrow();

    EnvoyResources resources =
        SidecarGenerator.standard(InboundSecurity.NONE, new MtlsOutboundSecurity()).generate(proxy);

    GoldenFiles.assertMatches(
        "ingress/sidecar-web-1.golden.json",
        EnvoyJson.pretty(
            EnvoyJson.tree(
                new java.util.TreeMap<>(
                    java.util.Map.of(
                        "clusters", resources.clusters(), "endpoints", resources.endpoints())))));
  }

  @Test
  void ingress_localServicesOfMtlsMeshes_getOneSniChainEach() throws Exception {
    Resource ingress =
        all.stream().filter(r -> r.name().equals("ingress-east")).findFirst().orElseThrow();
    IngressContext context =
        new IngressContext(ingress, "east", List.of(mesh("plain"), mesh("default")));

    String json =
        EnvoyJson.pretty(EnvoyJson.tree(new IngressGenerator().generate(context).byType()));

    GoldenFiles.assertMatches("ingress/ingress-east.golden.json", json);
    assertThat(json).as("a mesh without mTLS is not routed").doesNotContain("api.0.east.plain.mf");
  }

  @Test
  void sidecar_meshWithoutMtls_getsNoRemoteEndpoints() {
    assertThat(mesh("plain").service("api").remoteEndpoints()).isEmpty();
    assertThat(mesh("default").service("redis").remoteEndpoints())
        .singleElement()
        .satisfies(e -> assertThat(e.sni()).isEqualTo("redis.0.west.default.mf"));
  }

  private static MeshContext mesh(String name) {
    Resource meshResource =
        all.stream()
            .filter(r -> r.type().equals(ResourceTypes.MESH) && r.name().equals(name))
            .findFirst()
            .orElse(null);
    return MeshContext.build(
        name,
        meshResource,
        inMesh(ResourceTypes.DATAPLANE, name),
        inMesh(ResourceTypes.MESH_SERVICE, name),
        List.of(),
        all.stream().filter(r -> r.type().equals(ResourceTypes.ZONE_INGRESS)).toList());
  }

  private static List<Resource> inMesh(ResourceType type, String mesh) {
    return all.stream().filter(r -> r.type().equals(type) && r.mesh().equals(mesh)).toList();
  }
}
