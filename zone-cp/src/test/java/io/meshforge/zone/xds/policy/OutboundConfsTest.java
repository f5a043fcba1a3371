package io.meshforge.zone.xds.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.meshforge.model.ResourceTypes;
import io.meshforge.model.spec.MeshTimeoutSpec.Conf;
import io.meshforge.zone.xds.GoldenFiles;
import io.meshforge.zone.xds.context.Destination;
import io.meshforge.zone.xds.context.MeshContext;
import io.meshforge.zone.xds.context.Protocol;
import io.meshforge.zone.xds.context.ProxyContext;
import io.meshforge.zone.xds.context.ProxyMetadata;
import io.meshforge.zone.xds.generator.InboundSecurity;
import io.meshforge.zone.xds.generator.OutboundSecurity;
import io.meshforge.zone.xds.generator.SidecarGenerator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The per-mesh table of outbound confs ({@link OutboundConfs}) is keyed so that no input of a conf
 * can be missed: proxies matching other rules, another mesh context (a policy change) and another
 * service under one cluster name each get their own conf, never one memoised for other inputs.
 */
class OutboundConfsTest {

  private static final SidecarGenerator GENERATOR =
      SidecarGenerator.standard(InboundSecurity.NONE, OutboundSecurity.NONE);

  /** A policy change: backend's connect timeout, which shapes its outbound cluster. */
  private static final String BACKEND_CONNECT_TIMEOUT =
      """
      ---
      type: MeshTimeout
      mesh: default
      name: backend-connect
      spec:
        targetRef: {kind: Mesh}
        to:
        - targetRef: {kind: MeshService, name: backend}
          default: {connectionTimeout: 3s}
      """;

  /** frontend-2: a canary that one more MeshTimeout targets by its labels. */
  private static final String CANARY =
      """
      ---
      type: Dataplane
      mesh: default
      name: frontend-2
      labels: {app: frontend, track: canary}
      networking:
        address: 10.0.0.8
        inbound:
        - port: 8080
          tags: {kuma.io/service: frontend, kuma.io/protocol: http}
        outbound:
        - port: 10001
          tags: {kuma.io/service: backend}
      ---
      type: MeshTimeout
      mesh: default
      name: canary-connect
      spec:
        targetRef: {kind: Dataplane, labels: {track: canary}}
        to:
        - targetRef: {kind: MeshService, name: backend}
          default: {connectionTimeout: 4s}
      """;

  @Test
  void of_policyChangedBetweenMeshContexts_givesTheNewConfAndCluster() throws Exception {
    MeshContext before = mesh("");
    MeshContext after = mesh(BACKEND_CONNECT_TIMEOUT);
    generate(before, "frontend-1"); // fills the first context's memo

    Cluster old = generate(before, "frontend-1").cluster("backend").orElseThrow();
    Cluster changed = generate(after, "frontend-1").cluster("backend").orElseThrow();

    assertThat(changed.getConnectTimeout().getSeconds()).isEqualTo(3);
    assertThat(changed).isNotEqualTo(old);
    assertThat(changed)
        .isEqualTo(
            generate(mesh(BACKEND_CONNECT_TIMEOUT), "frontend-1").cluster("backend").orElseThrow());
  }

  static Stream<Arguments> orders() {
    return Stream.of(
        Arguments.of(List.of("frontend-1", "frontend-2")),
        Arguments.of(List.of("frontend-2", "frontend-1")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("orders")
  void of_proxiesWithOtherRulesInOneMeshContext_getTheirOwnConfAndCluster(List<String> order)
      throws Exception {
    MeshContext mesh = mesh(CANARY);
    Map<String, Cluster> clusters = new java.util.HashMap<>();

    for (String proxy : order) {
      clusters.put(proxy, generate(mesh, proxy).cluster("backend").orElseThrow());
    }

    assertThat(clusters.get("frontend-1").getConnectTimeout().getSeconds()).isEqualTo(2);
    assertThat(clusters.get("frontend-2").getConnectTimeout().getSeconds()).isEqualTo(4);
    assertThat(confFor(mesh, "frontend-2", "backend"))
        .isNotSameAs(confFor(mesh, "frontend-1", "backend"));
  }

  @Test
  void of_twoLookupsForOneDestination_giveTheSameConfInstance() throws Exception {
    MeshContext mesh = mesh("");

    // Refinements of shared resources are keyed by the conf's identity (SameInstance).
    assertThat(confFor(mesh, "frontend-1", "backend"))
        .isSameAs(confFor(mesh, "frontend-1", "backend"));
  }

  @Test
  void of_clusterNameMemoisedForAnotherService_resolvesInsteadOfServingIt() {
    Map<String, OutboundConfs.Resolved> table = new ConcurrentHashMap<>();
    AtomicInteger resolved = new AtomicInteger();
    OutboundConfs<String> confs =
        new OutboundConfs<>(
            String.class,
            table,
            destination -> {
              resolved.incrementAndGet();
              return Optional.of("for " + destination.service());
            });

    String first = confs.of(destination("web", "shared-cluster")).orElseThrow();
    String other = confs.of(destination("api", "shared-cluster")).orElseThrow();
    String again = confs.of(destination("web", "shared-cluster")).orElseThrow();

    assertThat(first).isEqualTo("for web");
    assertThat(other).isEqualTo("for api");
    assertThat(again).isSameAs(first);
    assertThat(resolved).hasValue(2);
  }

  @Test
  void of_withoutTable_resolvesEveryTime() {
    AtomicInteger resolved = new AtomicInteger();
    OutboundConfs<String> confs =
        new OutboundConfs<>(
            String.class, null, destination -> Optional.of("conf " + resolved.incrementAndGet()));

    confs.of(destination("web", "web"));
    confs.of(destination("web", "web"));

    assertThat(resolved).hasValue(2);
  }

  private static Destination destination(String service, String cluster) {
    return new Destination(service, cluster, Protocol.of("http"), List.of());
  }

  private static Conf confFor(MeshContext mesh, String proxy, String cluster) {
    ProxyContext context = ProxyContext.of(mesh, proxy, ProxyMetadata.ENVOY).orElseThrow();
    Destination destination =
        context.outbounds().stream()
            .map(o -> o.destination())
            .filter(d -> d.clusterName().equals(cluster))
            .findFirst()
            .orElseThrow();
    return PolicyConfs.outbound(
            context, ResourceTypes.MESH_TIMEOUT, MeshTimeoutGenerator.OUTBOUND_DEFAULTS, Conf.class)
        .of(destination)
        .orElseThrow();
  }

  private static MeshContext mesh(String extra) throws Exception {
    return PolicyGeneratorsGoldenTest.meshOf(
        GoldenFiles.read("policies/all-four.input.yaml") + extra);
  }

  private static io.meshforge.zone.xds.generator.EnvoyResources generate(
      MeshContext mesh, String name) {
    return GENERATOR.generate(ProxyContext.of(mesh, name, ProxyMetadata.ENVOY).orElseThrow());
  }
}
