package io.meshforge.zone.xds.tls;

import static io.meshforge.zone.xds.tls.TrafficPermissionsTest.mtp;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshforge.model.Resource;
import io.meshforge.model.policy.ProxyIdentity;
import io.meshforge.model.policy.ProxyInbound;
import io.meshforge.zone.xds.tls.InboundPermissions.Decision;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** MeshTrafficPermissions of a MeshExternalService, enforced on the zone egress (ADR 0026). */
class ExternalServicePermissionsTest {

  private static final Set<String> WEB = Set.of("spiffe://m/web", "kuma://kuma.io/service/web");
  private static final Set<String> API = Set.of("spiffe://m/api", "kuma://kuma.io/service/api");
  private static final String HTTPBIN = "{kind: MeshExternalService, name: httpbin}";

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("no policy denies everyone", List.of(), Decision.DENY, Decision.DENY),
        Arguments.of(
            "a policy on the service allows its sources only",
            List.of(mtp("p", HTTPBIN, "{kind: MeshService, name: web} => Allow")),
            Decision.ALLOW,
            Decision.DENY),
        Arguments.of(
            "a policy on another service does not apply",
            List.of(mtp("p", "{kind: MeshExternalService, name: ledger}", "{kind: Mesh} => Allow")),
            Decision.DENY,
            Decision.DENY),
        Arguments.of(
            "a mesh-wide policy applies",
            List.of(mtp("p", "{kind: Mesh}", "{kind: Mesh} => Allow")),
            Decision.ALLOW,
            Decision.ALLOW),
        Arguments.of(
            "the service's policy wins over the mesh-wide one",
            List.of(
                mtp("z-mesh", "{kind: Mesh}", "{kind: Mesh} => Allow"),
                mtp("a-svc", HTTPBIN, "{kind: MeshService, name: web} => Deny")),
            Decision.DENY,
            Decision.ALLOW),
        Arguments.of(
            "a mesh-wide policy for sidecars only does not apply",
            List.of(mtp("p", "{kind: Mesh, proxyTypes: [Sidecar]}", "{kind: Mesh} => Allow")),
            Decision.DENY,
            Decision.DENY));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void forExternalService_policies_decideWhoReachesIt(
      String name, List<Resource> policies, Decision web, Decision api) {
    InboundPermissions permissions =
        TrafficPermissions.forExternalService("m", "httpbin", policies);

    assertThat(permissions.decide(WEB)).as("web").isEqualTo(web);
    assertThat(permissions.decide(API)).as("api").isEqualTo(api);
  }

  @Test
  void forInbound_policyOnAnExternalService_doesNotConfigureSidecars() {
    ProxyInbound inbound = ProxyInbound.of(8080, Map.of("kuma.io/service", "backend"));
    ProxyIdentity proxy = new ProxyIdentity("m", "backend-1", Map.of(), List.of(inbound));

    InboundPermissions permissions =
        TrafficPermissions.forInbound(
            proxy, inbound, List.of(mtp("p", HTTPBIN, "{kind: Mesh} => Allow")));

    assertThat(permissions.decide(WEB)).isEqualTo(Decision.DENY);
  }
}
