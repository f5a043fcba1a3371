package io.meshforge.zone.xds.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Message;
import io.meshforge.zone.xds.GoldenFiles;
import io.meshforge.zone.xds.context.MeshContext;
import io.meshforge.zone.xds.context.ProxyContext;
import io.meshforge.zone.xds.context.ProxyMetadata;
import io.meshforge.zone.xds.envoy.EnvoyJson;
import io.meshforge.zone.xds.generator.EnvoyResources;
import io.meshforge.zone.xds.generator.InboundSecurity;
import io.meshforge.zone.xds.generator.OutboundSecurity;
import io.meshforge.zone.xds.generator.SidecarGenerator;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Policy confs and the resources refined from them are resolved once per mesh context for every
 * proxy whose matched {@code to[]} rules are equal ({@code ProxyContext#outboundRules}), and never
 * leak into a proxy whose rules differ, whatever the order the proxies are generated in.
 */
class SharedPolicyConfsTest {

  /**
   * frontend-1 of the all-four fixture, a twin (frontend-3, same policies) and a canary
   * (frontend-2) that two more policies target by its labels.
   */
  private static final String PROXIES =
      """
      ---
      type: Dataplane
      mesh: default
      name: frontend-3
      labels: {app: frontend}
      networking:
        address: 10.0.0.9
        inbound:
        - port: 8080
          tags: {kuma.io/service: frontend, kuma.io/protocol: http}
        outbound:
        - port: 10001
          tags: {kuma.io/service: backend}
        - port: 10002
          backendRef: {kind: MeshService, name: payments, port: 9090}
        - port: 10003
          tags: {kuma.io/service: redis}
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
        - port: 10002
          backendRef: {kind: MeshService, name: payments, port: 9090}
        - port: 10003
          tags: {kuma.io/service: redis}
      ---
      type: MeshTimeout
      mesh: default
      name: canary-timeouts
      spec:
        targetRef: {kind: Dataplane, labels: {track: canary}}
        to:
        - targetRef: {kind: MeshService, name: backend}
          default:
            http: {requestTimeout: 7s}
      ---
      type: MeshRetry
      mesh: default
      name: canary-retries
      spec:
        targetRef: {kind: Dataplane, labels: {track: canary}}
        to:
        - targetRef: {kind: Mesh}
          default:
            http: {numRetries: 1}
            tcp: {maxConnectAttempt: 2}
      """;

  private static final SidecarGenerator GENERATOR =
      SidecarGenerator.standard(InboundSecurity.NONE, OutboundSecurity.NONE);

  static Stream<Arguments> resources() {
    return Stream.of(
        Arguments.of("backend route", pick(r -> r.route("outbound:backend").orElseThrow())),
        Arguments.of("backend cluster", pick(r -> r.cluster("backend").orElseThrow())),
        Arguments.of(
            "redis listener", pick(r -> r.listener("outbound:127.0.0.1:10003").orElseThrow())));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("resources")
  void generate_proxiesMatchingEqualPolicies_shareTheRefinedResource(
      String kind, Function<EnvoyResources, Message> resource) throws Exception {
    MeshContext mesh = mesh();

    Message first = resource.apply(generate(mesh, "frontend-1"));
    Message twin = resource.apply(generate(mesh, "frontend-3"));

    assertThat(twin).isSameAs(first);
  }

  static Stream<Arguments> orders() {
    return Stream.of(
        Arguments.of(List.of("frontend-1", "frontend-2", "frontend-3")),
        Arguments.of(List.of("frontend-2", "frontend-1", "frontend-3")),
        Arguments.of(List.of("frontend-3", "frontend-1", "frontend-2")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("orders")
  void generate_anyOrderOnOneMeshContext_givesEachProxyWhatItGetsAlone(List<String> order)
      throws Exception {
    MeshContext shared = mesh();

    for (String proxy : order) {
      String afterOthers = json(generate(shared, proxy));

      assertThat(afterOthers).as(proxy).isEqualTo(json(generate(mesh(), proxy)));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("resources")
  void generate_proxyMatchingOtherPolicies_getsItsOwnRefinement(
      String kind, Function<EnvoyResources, Message> resource) throws Exception {
    MeshContext mesh = mesh();

    Message first = resource.apply(generate(mesh, "frontend-1"));
    Message canary = resource.apply(generate(mesh, "frontend-2"));

    // The canary's MeshTimeout changes the backend route only, its MeshRetry every route and TCP
    // listener; the backend cluster's content depends on neither (its instance may differ: the
    // cluster refinement is keyed by the whole MeshTimeout conf).
    if (kind.equals("backend cluster")) {
      assertThat(canary).isEqualTo(first);
    } else {
      assertThat(canary).isNotEqualTo(first);
    }
  }

  private static Function<EnvoyResources, Message> pick(Function<EnvoyResources, Message> f) {
    return f;
  }

  private static MeshContext mesh() throws Exception {
    return PolicyGeneratorsGoldenTest.meshOf(
        GoldenFiles.read("policies/all-four.input.yaml") + PROXIES);
  }

  private static EnvoyResources generate(MeshContext mesh, String name) {
    return GENERATOR.generate(ProxyContext.of(mesh, name, ProxyMetadata.ENVOY).orElseThrow());
  }

  private static String json(EnvoyResources resources) {
    return EnvoyJson.pretty(EnvoyJson.tree(resources.byType()));
  }
}
