package io.meshforge.zone.xds.generator;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Message;
import io.meshforge.zone.xds.GoldenFiles;
import io.meshforge.zone.xds.context.MeshContext;
import io.meshforge.zone.xds.context.ProxyContext;
import io.meshforge.zone.xds.context.ProxyMetadata;
import io.meshforge.zone.xds.envoy.EnvoyJson;
import io.meshforge.zone.xds.sync.SnapshotVersions;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Proxies of one mesh context share the resources of the destinations they reach (the same
 * instances), and sharing never changes what a proxy gets.
 */
class SharedResourcesTest {

  /** A second client with the same outbounds as frontend-1 (and its own inbound). */
  private static final String SECOND_FRONTEND =
      """
      ---
      type: Dataplane
      mesh: default
      name: frontend-2
      networking:
        address: 10.0.0.7
        inbound:
        - port: 8080
          tags: {kuma.io/service: frontend, kuma.io/protocol: http}
        outbound:
        - port: 10001
          tags: {kuma.io/service: backend}
        - port: 10002
          backendRef: {kind: MeshService, name: payments, port: 9090}
      """;

  private static final SidecarGenerator GENERATOR =
      SidecarGenerator.standard(InboundSecurity.NONE, OutboundSecurity.NONE);

  static Stream<Arguments> destinationResources() {
    return Stream.of(
        Arguments.of("cluster", pick(r -> r.cluster("backend").orElseThrow())),
        Arguments.of("assignment", pick(r -> assignment(r, "backend"))),
        Arguments.of("listener", pick(r -> r.listener("outbound:127.0.0.1:10001").orElseThrow())),
        Arguments.of("route", pick(r -> r.route("outbound:backend").orElseThrow())));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("destinationResources")
  void generate_twoProxiesReachingOneDestination_shareItsResource(
      String kind, Function<EnvoyResources, Message> resource) throws Exception {
    MeshContext mesh = mesh();

    Message first = resource.apply(generate(mesh, "frontend-1"));
    Message second = resource.apply(generate(mesh, "frontend-2"));

    assertThat(second).isSameAs(first);
  }

  @Test
  void generate_twoProxies_keepTheirOwnInbounds() throws Exception {
    MeshContext mesh = mesh();

    EnvoyResources first = generate(mesh, "frontend-1");
    EnvoyResources second = generate(mesh, "frontend-2");

    assertThat(first.listener("inbound:10.0.0.2:8080")).isPresent();
    assertThat(second.listener("inbound:10.0.0.2:8080")).isEmpty();
    assertThat(second.listener("inbound:10.0.0.7:8080")).isPresent();
  }

  @Test
  void generate_afterAnotherProxy_isWhatItIsAlone() throws Exception {
    MeshContext shared = mesh();
    generate(shared, "frontend-1");

    String afterSharing = json(generate(shared, "frontend-2"));
    String alone = json(generate(mesh(), "frontend-2"));

    assertThat(afterSharing).isEqualTo(alone);
  }

  @Test
  void snapshotVersions_ofSharedResources_areTheVersionsOfTheirBytes() throws Exception {
    MeshContext mesh = mesh();
    generate(mesh, "frontend-1");
    EnvoyResources second = generate(mesh, "frontend-2");

    SnapshotVersions withMesh = SnapshotVersions.of(second, mesh);

    assertThat(withMesh).isEqualTo(SnapshotVersions.of(second));
    assertThat(SnapshotVersions.of(second, mesh)).isEqualTo(withMesh); // from the memo this time
  }

  @Test
  void generate_securityDependingOnTheProxy_buildsItsClusterPerProxy() throws Exception {
    OutboundSecurity perProxy = (proxy, destination, cluster) -> {};
    SidecarGenerator generator = SidecarGenerator.standard(InboundSecurity.NONE, perProxy);
    MeshContext mesh = mesh();

    var first = generator.generate(proxy(mesh, "frontend-1")).cluster("backend").orElseThrow();
    var second = generator.generate(proxy(mesh, "frontend-2")).cluster("backend").orElseThrow();

    assertThat(second).isEqualTo(first).isNotSameAs(first);
  }

  @Test
  void generate_newMeshContext_buildsNewResources() throws Exception {
    var before = generate(mesh(), "frontend-1").cluster("backend").orElseThrow();
    var after = generate(mesh(), "frontend-1").cluster("backend").orElseThrow();

    assertThat(after).isEqualTo(before).isNotSameAs(before);
  }

  private static Function<EnvoyResources, Message> pick(Function<EnvoyResources, Message> f) {
    return f;
  }

  private static Message assignment(EnvoyResources resources, String clusterName) {
    return resources.endpoints().stream()
        .filter(a -> a.getClusterName().equals(clusterName))
        .findFirst()
        .orElseThrow();
  }

  private static MeshContext mesh() throws Exception {
    return SidecarGeneratorGoldenTest.meshOf(
        GoldenFiles.read("sidecar/two-outbounds.input.yaml") + SECOND_FRONTEND);
  }

  private static ProxyContext proxy(MeshContext mesh, String name) {
    return ProxyContext.of(mesh, name, ProxyMetadata.ENVOY).orElseThrow();
  }

  private static EnvoyResources generate(MeshContext mesh, String name) {
    return GENERATOR.generate(proxy(mesh, name));
  }

  private static String json(EnvoyResources resources) {
    return EnvoyJson.pretty(EnvoyJson.tree(resources.byType()));
  }
}
