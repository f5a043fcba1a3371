package io.meshforge.zone.xds.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import io.envoyproxy.envoy.config.bootstrap.v3.Admin;
import io.envoyproxy.envoy.config.bootstrap.v3.Bootstrap;
import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.core.v3.DataSource;
import io.envoyproxy.envoy.config.core.v3.TransportSocket;
import io.envoyproxy.envoy.config.endpoint.v3.ClusterLoadAssignment;
import io.envoyproxy.envoy.config.listener.v3.Filter;
import io.envoyproxy.envoy.config.listener.v3.FilterChain;
import io.envoyproxy.envoy.config.listener.v3.Listener;
import io.envoyproxy.envoy.config.route.v3.DirectResponseAction;
import io.envoyproxy.envoy.config.route.v3.Route;
import io.envoyproxy.envoy.config.route.v3.RouteAction;
import io.envoyproxy.envoy.config.route.v3.RouteConfiguration;
import io.envoyproxy.envoy.config.route.v3.RouteMatch;
import io.envoyproxy.envoy.config.route.v3.VirtualHost;
import io.envoyproxy.envoy.extensions.filters.http.router.v3.Router;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpFilter;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.CommonTlsContext;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.DownstreamTlsContext;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.SdsSecretConfig;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext;
import io.meshforge.ca.BuiltinBackend;
import io.meshforge.ca.LeafCertificateIssuer;
import io.meshforge.ca.LeafSettings;
import io.meshforge.ca.MeshCa;
import io.meshforge.ca.MeshCaGenerator;
import io.meshforge.ca.WorkloadIdentity;
import io.meshforge.local.FreePorts;
import io.meshforge.model.Resource;
import io.meshforge.model.ResourceTypes;
import io.meshforge.model.codec.DocumentFormat;
import io.meshforge.model.codec.ResourceCodec;
import io.meshforge.zone.xds.context.MeshContext;
import io.meshforge.zone.xds.context.ProxyContext;
import io.meshforge.zone.xds.context.ProxyMetadata;
import io.meshforge.zone.xds.envoy.EnvoyJson;
import io.meshforge.zone.xds.envoy.Listeners;
import io.meshforge.zone.xds.generator.EnvoyResources;
import io.meshforge.zone.xds.generator.InboundSecurity;
import io.meshforge.zone.xds.generator.SidecarGenerator;
import io.meshforge.zone.xds.tls.MtlsOutboundSecurity;
import io.meshforge.zone.xds.tls.SdsSecrets;
import io.meshforge.zone.xds.tls.TransportSockets;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proves a real Envoy ({@code envoy} on PATH) accepts and honours the cross-zone configuration:
 * zone east's client cluster for {@code backend} (local instance at priority 0, west's ingress at
 * priority 1, its server name the endpoint's hostname, which the cluster's one TLS socket sends:
 * {@code auto_host_sni}, ADR 0032) and zone west's ingress (SNI passthrough to its local instance).
 * One Envoy hosts all of it on loopback ports, with the SDS references turned into static secrets;
 * everything else is exactly what the generators produce (the EDS clusters become STATIC ones
 * holding the generated assignments).
 *
 * <ul>
 *   <li>{@code /both}: the cluster with east's and west's instances answers from east (priority 0);
 *   <li>{@code /remote}: the cluster with only west's instances answers from west, through west's
 *       ingress, with mTLS end to end between the client and west's backend.
 * </ul>
 */
class RealEnvoyCrossZoneTest {

  private static final String MESH = "m";
  private static final ResourceCodec CODEC = new ResourceCodec();

  @TempDir Path dir;
  private Process envoy;

  @AfterEach
  void stop() throws InterruptedException {
    if (envoy != null) {
      envoy.destroy();
      if (!envoy.waitFor(10, TimeUnit.SECONDS)) {
        envoy.destroyForcibly();
      }
    }
  }

  @Test
  void envoy_crossZoneClusterAndIngress_preferLocalAndReachRemoteThroughSni() throws Exception {
    MeshCa ca =
        MeshCaGenerator.systemDefault()
            .generate(new BuiltinBackend(MESH, "ca-1", Duration.ofDays(1), 0));
    LeafCertificateIssuer issuer = new LeafCertificateIssuer(new SecureRandom());
    var web =
        issuer.issue(ca, WorkloadIdentity.of(MESH, "web"), Instant.now(), LeafSettings.defaults());
    var backend =
        issuer.issue(
            ca, WorkloadIdentity.of(MESH, "backend"), Instant.now(), LeafSettings.defaults());
    int outbound = FreePorts.next();
    int eastBackend = FreePorts.next();
    int westBackend = FreePorts.next();
    int westIngress = FreePorts.next();
    int admin = FreePorts.next();

    String remoteIngress =
        """
        type: ZoneIngress
        name: ingress-west-abc
        zone: west
        networking: {address: 127.0.0.1, port: %d, advertisedAddress: 127.0.0.1, advertisedPort: %d}
        availableServices:
        - {tags: {kuma.io/service: backend, kuma.io/protocol: http}, instances: 2, mesh: m}
        """
            .formatted(westIngress, westIngress);
    Cluster both = clientCluster("both", eastBackend, remoteIngress);
    Cluster remoteOnly = clientCluster("remote-only", 0, remoteIngress);
    EnvoyResources ingress = westIngress(westIngress, westBackend);

    Bootstrap.StaticResources.Builder statics =
        Bootstrap.StaticResources.newBuilder()
            .addSecrets(SdsSecrets.identity(MESH, web))
            .addSecrets(SdsSecrets.identity(MESH, backend).toBuilder().setName("backend-identity"))
            .addSecrets(SdsSecrets.meshCa(MESH, List.of(ca.certificate())))
            .addListeners(outboundListener(outbound))
            .addListeners(inboundListener("east", eastBackend))
            .addListeners(inboundListener("west", westBackend))
            .addAllListeners(ingress.listeners())
            .addClusters(both)
            .addClusters(remoteOnly);
    for (Cluster cluster : ingress.clusters()) {
      statics.addClusters(staticOf(cluster, cluster.getName(), ingress.endpoints().get(0)));
    }
    Bootstrap bootstrap =
        Bootstrap.newBuilder()
            .setAdmin(Admin.newBuilder().setAddress(Listeners.address("127.0.0.1", admin)))
            .setStaticResources(statics)
            .build();
    Path config = dir.resolve("envoy.json");
    Files.writeString(config, EnvoyJson.print(bootstrap));
    envoy =
        new ProcessBuilder(
                "envoy",
                "-c",
                config.toString(),
                "--base-id",
                Integer.toString(admin),
                "-l",
                "warn")
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("envoy.log").toFile())
            .start();

    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(200))
        .ignoreExceptions()
        .untilAsserted(() -> assertThat(get(http, outbound, "/both")).as(log()).isEqualTo("east"));
    for (int i = 0; i < 10; i++) {
      assertThat(get(http, outbound, "/both")).as("priority 0 takes everything").isEqualTo("east");
    }
    assertThat(get(http, outbound, "/remote")).as(log()).isEqualTo("west");
  }

  /**
   * Zone east's cluster for backend, generated for web-1, as a static cluster named {@code name}.
   */
  private Cluster clientCluster(String name, int eastBackendPort, String remoteIngress) {
    String localBackend =
        eastBackendPort == 0
            ? ""
            : """
            ---
            type: Dataplane
            mesh: m
            name: backend-east
            networking:
              address: 127.0.0.1
              inbound:
              - port: %d
                tags: {kuma.io/service: backend, kuma.io/protocol: http}
            """
                .formatted(eastBackendPort);
    List<Resource> all =
        decode(
            mesh()
                + """
                ---
                type: Dataplane
                mesh: m
                name: web-1
                networking:
                  address: 127.0.0.1
                  inbound:
                  - port: 1
                    tags: {kuma.io/service: web}
                  outbound:
                  - port: 2
                    tags: {kuma.io/service: backend}
                """
                + localBackend
                + "---\n"
                + remoteIngress);
    MeshContext mesh = meshContext(all);
    EnvoyResources generated =
        SidecarGenerator.standard(InboundSecurity.NONE, new MtlsOutboundSecurity())
            .generate(ProxyContext.of(mesh, "web-1", ProxyMetadata.ENVOY).orElseThrow());
    Cluster cluster =
        generated.clusters().stream()
            .filter(c -> c.getName().equals("backend"))
            .findFirst()
            .orElseThrow();
    ClusterLoadAssignment assignment =
        generated.endpoints().stream()
            .filter(a -> a.getClusterName().equals("backend"))
            .findFirst()
            .orElseThrow();
    return staticOf(cluster, name, assignment);
  }

  /** Zone west's ingress configuration, routing to west's backend instance. */
  private EnvoyResources westIngress(int ingressPort, int westBackendPort) {
    List<Resource> all =
        decode(
            mesh()
                + """
                ---
                type: Dataplane
                mesh: m
                name: backend-west
                networking:
                  address: 127.0.0.1
                  inbound:
                  - port: %d
                    tags: {kuma.io/service: backend, kuma.io/protocol: http}
                ---
                type: ZoneIngress
                name: ingress-west
                networking: {address: 127.0.0.1, port: %d}
                """
                    .formatted(westBackendPort, ingressPort));
    Resource zoneIngress =
        all.stream().filter(r -> r.type() == ResourceTypes.ZONE_INGRESS).findFirst().orElseThrow();
    return new IngressGenerator()
        .generate(new IngressContext(zoneIngress, "west", List.of(meshContext(all))));
  }

  private static String mesh() {
    return """
    type: Mesh
    name: m
    mtls:
      enabledBackend: ca-1
      backends:
      - {name: ca-1, type: builtin}
    """;
  }

  private static List<Resource> decode(String yaml) {
    return CODEC.readDocuments(yaml.getBytes(StandardCharsets.UTF_8), DocumentFormat.YAML).stream()
        .map(CODEC::decode)
        .toList();
  }

  private static MeshContext meshContext(List<Resource> all) {
    return MeshContext.build(
        MESH,
        all.stream().filter(r -> r.type() == ResourceTypes.MESH).findFirst().orElseThrow(),
        all.stream().filter(r -> r.type() == ResourceTypes.DATAPLANE).toList(),
        List.of(),
        List.of(),
        all.stream().filter(r -> r.type() == ResourceTypes.ZONE_INGRESS).toList());
  }

  /** The generated EDS cluster as a static one with its generated assignment and static secrets. */
  private static Cluster staticOf(Cluster eds, String name, ClusterLoadAssignment assignment) {
    Cluster.Builder cluster =
        eds.toBuilder()
            .setName(name)
            .clearEdsClusterConfig()
            .setType(Cluster.DiscoveryType.STATIC)
            .setLoadAssignment(assignment.toBuilder().setClusterName(name));
    if (eds.hasTransportSocket()) {
      cluster.setTransportSocket(staticSecrets(eds.getTransportSocket(), null));
    }
    return cluster.build();
  }

  private static Listener outboundListener(int port) {
    RouteConfiguration routes =
        RouteConfiguration.newBuilder()
            .addVirtualHosts(
                VirtualHost.newBuilder()
                    .setName("backend")
                    .addDomains("*")
                    .addRoutes(routeTo("/both", "both"))
                    .addRoutes(routeTo("/remote", "remote-only")))
            .build();
    return listener("outbound", port, routes, null);
  }

  private static Listener inboundListener(String zone, int port) {
    RouteConfiguration answer =
        RouteConfiguration.newBuilder()
            .addVirtualHosts(
                VirtualHost.newBuilder()
                    .setName("app")
                    .addDomains("*")
                    .addRoutes(
                        Route.newBuilder()
                            .setMatch(RouteMatch.newBuilder().setPrefix("/"))
                            .setDirectResponse(
                                DirectResponseAction.newBuilder()
                                    .setStatus(200)
                                    .setBody(DataSource.newBuilder().setInlineString(zone)))))
            .build();
    return listener(
        zone,
        port,
        answer,
        staticSecrets(TransportSockets.inbound(MESH, List.of()), "backend-identity"));
  }

  private static Listener listener(
      String name, int port, RouteConfiguration routes, TransportSocket socket) {
    HttpConnectionManager hcm =
        HttpConnectionManager.newBuilder()
            .setStatPrefix(name)
            .setRouteConfig(routes)
            .addHttpFilters(
                HttpFilter.newBuilder()
                    .setName("envoy.filters.http.router")
                    .setTypedConfig(Any.pack(Router.getDefaultInstance())))
            .build();
    FilterChain.Builder chain =
        FilterChain.newBuilder()
            .addFilters(
                Filter.newBuilder()
                    .setName("envoy.filters.network.http_connection_manager")
                    .setTypedConfig(Any.pack(hcm)));
    if (socket != null) {
      chain.setTransportSocket(socket);
    }
    return Listener.newBuilder()
        .setName(name)
        .setAddress(Listeners.address("127.0.0.1", port))
        .addFilterChains(chain)
        .build();
  }

  private static Route routeTo(String prefix, String cluster) {
    return Route.newBuilder()
        .setMatch(RouteMatch.newBuilder().setPrefix(prefix))
        .setRoute(RouteAction.newBuilder().setCluster(cluster))
        .build();
  }

  /**
   * Turns SDS-over-ADS references into references to static secrets ({@code identity}: that one).
   */
  private static TransportSocket staticSecrets(TransportSocket socket, String identity) {
    try {
      Any config = socket.getTypedConfig();
      if (config.is(DownstreamTlsContext.class)) {
        DownstreamTlsContext context = config.unpack(DownstreamTlsContext.class);
        return socket.toBuilder()
            .setTypedConfig(
                Any.pack(
                    context.toBuilder()
                        .setCommonTlsContext(byName(context.getCommonTlsContext(), identity))
                        .build()))
            .build();
      }
      UpstreamTlsContext context = config.unpack(UpstreamTlsContext.class);
      return socket.toBuilder()
          .setTypedConfig(
              Any.pack(
                  context.toBuilder()
                      .setCommonTlsContext(byName(context.getCommonTlsContext(), identity))
                      .build()))
          .build();
    } catch (InvalidProtocolBufferException e) {
      throw new AssertionError(e);
    }
  }

  private static CommonTlsContext byName(CommonTlsContext common, String identity) {
    CommonTlsContext.Builder builder = common.toBuilder();
    SdsSecretConfig cert = common.getTlsCertificateSdsSecretConfigs(0);
    builder.setTlsCertificateSdsSecretConfigs(
        0, SdsSecretConfig.newBuilder().setName(identity != null ? identity : cert.getName()));
    var combined = common.getCombinedValidationContext();
    builder.setCombinedValidationContext(
        combined.toBuilder()
            .setValidationContextSdsSecretConfig(
                SdsSecretConfig.newBuilder()
                    .setName(combined.getValidationContextSdsSecretConfig().getName())));
    return builder.build();
  }

  private static String get(HttpClient http, int port, String path) throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(5))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return response.body();
  }

  private String log() {
    try {
      return Files.readString(dir.resolve("envoy.log"));
    } catch (java.io.IOException e) {
      return "(no envoy log)";
    }
  }
}
