package io.meshforge.zone.xds.egress;

import static org.assertj.core.api.Assertions.assertThat;

import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.endpoint.v3.ClusterLoadAssignment;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.Secret;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext;
import io.meshforge.ca.BuiltinBackend;
import io.meshforge.ca.LeafCertificateIssuer;
import io.meshforge.ca.LeafSettings;
import io.meshforge.ca.MeshCa;
import io.meshforge.ca.MeshCaGenerator;
import io.meshforge.ca.RotatingLeafCertificates;
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
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Golden files of zone egress routing ({@code golden/egress/egress.input.yaml}, zone east, ADR
 * 0020): a sidecar of a mesh routing through the egress, east's egress itself, and a sidecar
 * reaching an external service directly.
 */
class EgressGoldenTest {

  private static final ResourceCodec CODEC = new ResourceCodec();
  private static final String EGRESS = "10.0.0.200";
  private static List<Resource> all;
  private static RotatingLeafCertificates certificates;

  @BeforeAll
  static void read() throws Exception {
    all =
        CODEC
            .readDocuments(
                GoldenFiles.read("egress/egress.input.yaml").getBytes(StandardCharsets.UTF_8),
                DocumentFormat.YAML)
            .stream()
            .map(CODEC::decode)
            .toList();
    Map<String, MeshCa> cas = new TreeMap<>();
    for (String mesh : List.of("default", "direct")) {
      cas.put(
          mesh,
          MeshCaGenerator.systemDefault()
              .generate(new BuiltinBackend(mesh, "ca-1", Duration.ofDays(1), 0)));
    }
    certificates =
        new RotatingLeafCertificates(
            mesh -> Optional.ofNullable(cas.get(mesh)),
            new LeafCertificateIssuer(new SecureRandom()),
            LeafSettings.defaults(),
            Clock.systemUTC());
  }

  @Test
  void sidecar_meshRoutingThroughEgress_sendsRemoteAndExternalTrafficToTheEgress()
      throws Exception {
    EnvoyResources resources = sidecar("default", "web-1");

    GoldenFiles.assertMatches(
        "egress/sidecar-web-1.golden.json",
        EnvoyJson.pretty(
            EnvoyJson.tree(
                new TreeMap<>(
                    Map.of(
                        "clusters", resources.clusters(), "endpoints", resources.endpoints())))));
    for (String cluster :
        List.of("backend", "default_httpbin_extsvc_80", "default_backend-mz_mzsvc_8080")) {
      ClusterLoadAssignment assignment = assignment(resources, cluster);
      assertThat(assignment.getEndpointsList())
          .as("every endpoint of %s beyond the zone is the egress", cluster)
          .filteredOn(locality -> locality.getPriority() > 0)
          .isNotEmpty()
          .allSatisfy(locality ->
              assertThat(locality.getLbEndpointsList())
                  .allSatisfy(e ->
                      assertThat(e.getEndpoint().getAddress().getSocketAddress().getAddress())
                          .isEqualTo(EGRESS)));
    }
  }

  @Test
  void sidecar_multiZoneService_unionsLocalInstancesAndAvailableRemoteZones() {
    var destination = mesh("default").multiZoneService("backend-mz", 8080).orElseThrow();

    assertThat(destination.endpoints())
        .singleElement()
        .satisfies(e -> assertThat(e.address()).isEqualTo("10.0.0.3"));
    assertThat(destination.remoteEndpoints())
        .as("north's backend is Unavailable: skipped")
        .singleElement()
        .satisfies(e -> {
          assertThat(e.zone()).isEqualTo("west");
          assertThat(e.sni()).isEqualTo("backend.0.west.default.mf");
        });
    assertThat(destination.service()).as("the SPIFFE identity checked").isEqualTo("backend");
  }

  @Test
  void egress_routesCrossZoneNamesToIngressesAndTerminatesExternalServices() throws Exception {
    EnvoyResources resources = egress();

    Map<String, List<? extends com.google.protobuf.Message>> withoutSecrets =
        new TreeMap<>(resources.byType());
    withoutSecrets.remove("secrets");
    String json = EnvoyJson.pretty(EnvoyJson.tree(withoutSecrets));
    GoldenFiles.assertMatches("egress/egress-east.golden.json", json);
    assertThat(json)
        .contains("backend.0.west.default.mf", "backend.0.north.default.mf")
        .contains("httpbin.80.ext--svc.default.mf", "ledger.9000.ext--svc.default.mf")
        .as("meshes that do not route through the egress are not served")
        .doesNotContain("ledger-direct", ".plain.mf", ".direct.mf");
    assertThat(json)
        .as("external services are guarded by their MeshTrafficPermissions (ADR 0026)")
        .contains("envoy.filters.network.rbac", "spiffe://default/web");
    assertThat(resources.secrets())
        .extracting(Secret::getName)
        .containsExactly(
            "egress_identity:default:httpbin",
            "egress_identity:default:ledger",
            "mesh_ca:secret:default");
  }

  @Test
  void egress_withoutCertificates_routesOnlyCrossZone() {
    EnvoyResources resources = new EgressGenerator(EgressIdentities.NONE).generate(egressContext());

    assertThat(resources.secrets()).isEmpty();
    assertThat(resources.clusters())
        .extracting(Cluster::getName)
        .containsExactly("zone-ingress:north", "zone-ingress:west");
  }

  @Test
  void sidecar_meshWithoutZoneEgress_reachesExternalServiceItselfWithItsOwnTls() throws Exception {
    EnvoyResources resources = sidecar("direct", "app-1");

    GoldenFiles.assertMatches(
        "egress/sidecar-app-1.golden.json",
        EnvoyJson.pretty(
            EnvoyJson.tree(
                new TreeMap<>(
                    Map.of(
                        "clusters", resources.clusters(), "endpoints", resources.endpoints())))));
    Cluster cluster = resources.cluster("direct_ledger-direct_extsvc_9000").orElseThrow();
    assertThat(cluster.getTransportSocketMatchesList()).isEmpty();
    UpstreamTlsContext tls =
        cluster.getTransportSocket().getTypedConfig().unpack(UpstreamTlsContext.class);
    assertThat(tls.getCommonTlsContext().getTlsCertificateSdsSecretConfigsList())
        .as("no mesh certificate is offered to an external service")
        .isEmpty();
    assertThat(tls.getCommonTlsContext().hasValidationContext())
        .as("SkipAll verifies nothing")
        .isFalse();
    assertThat(assignment(resources, "direct_ledger-direct_extsvc_9000").toString())
        .contains("192.0.2.60")
        .contains("9443");
  }

  @Test
  void sidecar_zoneEgressWithoutAnEgress_getsNoRemoteEndpoints() {
    MeshContext mesh = mesh("default", List.of());

    assertThat(mesh.routesThroughEgress()).isTrue();
    assertThat(mesh.service("backend").remoteEndpoints()).isEmpty();
    assertThat(mesh.externalServices().get("httpbin").destination().remoteEndpoints()).isEmpty();
  }

  @Test
  void mesh_withoutMtls_neverRoutesThroughEgress() {
    MeshContext mesh = mesh("plain");

    assertThat(mesh.routesThroughEgress()).isFalse();
    assertThat(mesh.externalServices().get("api").throughEgress()).isFalse();
    assertThat(mesh.externalServices().get("api").destination().endpoints())
        .singleElement()
        .satisfies(e -> assertThat(e.address()).isEqualTo("192.0.2.70"));
  }

  private static EnvoyResources sidecar(String meshName, String dataplane) {
    ProxyContext proxy =
        ProxyContext.of(mesh(meshName), dataplane, ProxyMetadata.ENVOY).orElseThrow();
    return SidecarGenerator.standard(InboundSecurity.NONE, new MtlsOutboundSecurity())
        .generate(proxy);
  }

  private static EnvoyResources egress() {
    return new EgressGenerator(certificates::certificateFor).generate(egressContext());
  }

  private static EgressContext egressContext() {
    Resource zoneEgress =
        all.stream().filter(r -> r.name().equals("egress-east")).findFirst().orElseThrow();
    return new EgressContext(zoneEgress, List.of(mesh("plain"), mesh("direct"), mesh("default")));
  }

  private static ClusterLoadAssignment assignment(EnvoyResources resources, String cluster) {
    return resources.endpoints().stream()
        .filter(a -> a.getClusterName().equals(cluster))
        .findFirst()
        .orElseThrow();
  }

  private static MeshContext mesh(String name) {
    return mesh(name, ofType(ResourceTypes.ZONE_EGRESS));
  }

  private static MeshContext mesh(String name, List<Resource> egresses) {
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
        all.stream().filter(r -> r.type().policy() && r.mesh().equals(name)).toList(),
        ofType(ResourceTypes.ZONE_INGRESS),
        new ZoneEdges(
            "east",
            egresses,
            inMesh(ResourceTypes.MESH_EXTERNAL_SERVICE, name),
            inMesh(ResourceTypes.MESH_MULTI_ZONE_SERVICE, name)),
        ZoneStates.NONE);
  }

  private static List<Resource> ofType(ResourceType type) {
    return all.stream().filter(r -> r.type().equals(type)).toList();
  }

  private static List<Resource> inMesh(ResourceType type, String mesh) {
    return all.stream().filter(r -> r.type().equals(type) && r.mesh().equals(mesh)).toList();
  }
}
