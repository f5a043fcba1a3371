package io.meshforge.zone.xds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.meshforge.local.FreePorts;
import io.meshforge.model.Resource;
import io.meshforge.model.store.DebounceSettings;
import io.meshforge.model.store.InMemoryResourceStore;
import io.meshforge.zone.Resources;
import io.meshforge.zone.xds.envoy.SniName;
import io.meshforge.zone.xds.generator.InboundSecurity;
import io.meshforge.zone.xds.generator.OutboundSecurity;
import io.meshforge.zone.xds.generator.SidecarGenerator;
import io.meshforge.zone.xds.server.OpenAuthenticator;
import io.meshforge.zone.xds.server.XdsMetrics;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A real Envoy configured as zone east's ingress by the zone's xDS server (node id = the
 * ZoneIngress name): it accepts the configuration (no rejected LDS/CDS update) and passes a TLS
 * connection whose SNI names a local service through to that service's instance untouched, while a
 * connection with an unknown server name never reaches it.
 */
class EnvoyIngressTest {

  private static final Duration DEADLINE = Duration.ofSeconds(60);
  private final HttpClient http = HttpClient.newHttpClient();
  private Path dir;
  private XdsComponents xds;
  private EnvoyProcess envoy;
  private ServerSocket backend;
  private Thread acceptor;

  @AfterEach
  void stop() throws Exception {
    if (envoy != null) {
      envoy.close();
    }
    if (xds != null) {
      xds.close();
    }
    if (backend != null) {
      backend.close();
      acceptor.join(5000);
    }
  }

  @Test
  void ingress_knownServerName_reachesTheLocalInstanceAndUnknownOnesDoNot() throws Exception {
    dir = Files.createTempDirectory("envoy-ingress");
    backend = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
    AtomicInteger accepted = new AtomicInteger();
    acceptor =
        Thread.ofPlatform()
            .daemon()
            .start(() -> {
              while (!backend.isClosed()) {
                try (Socket ignored = backend.accept()) {
                  accepted.incrementAndGet();
                } catch (IOException closed) {
                  return;
                }
              }
            });
    int ingressPort = FreePorts.next();
    int admin = FreePorts.next();
    InMemoryResourceStore store = new InMemoryResourceStore();
    store.create(
        Resources.yaml(
            """
            type: Mesh
            name: default
            mtls:
              enabledBackend: ca-1
              backends: [{name: ca-1, type: builtin}]
            """));
    store.create(
        Resources.yaml(
            """
            type: Dataplane
            mesh: default
            name: backend-1
            networking:
              address: 127.0.0.1
              inbound:
              - port: %d
                tags: {kuma.io/service: backend, kuma.io/protocol: http}
            """
                .formatted(backend.getLocalPort())));
    Resource ingress =
        Resources.yaml(
            """
            type: ZoneIngress
            name: ingress-1
            networking: {address: 127.0.0.1, port: %d, admin: {port: %d}}
            """
                .formatted(ingressPort, admin));
    store.create(ingress);
    xds = startXds(store);
    envoy = EnvoyProcess.start(dir, "ingress-1", admin, xds.port());

    String sni = SniName.of("default", "backend", "east", 0);
    await()
        .atMost(DEADLINE)
        .pollInterval(Duration.ofMillis(200))
        .failFast("Envoy exited; its log is under " + dir, () -> !envoy.alive())
        .ignoreExceptions()
        .untilAsserted(() -> assertThat(admin(admin, "/config_dump")).contains(sni));

    tlsHello(ingressPort, "unknown.0.east.default.mf");
    tlsHello(ingressPort, sni);
    await().atMost(DEADLINE).untilAsserted(() -> assertThat(accepted.get()).isEqualTo(1));
    String stats = admin(admin, "/stats?filter=update_rejected");
    assertThat(stats).as(envoy.log()).contains("lds.update_rejected: 0");
    assertThat(stats).contains("cds.update_rejected: 0");
  }

  @Test
  void ingress_onDeltaAdsWithoutServices_isLiveLongBeforeItsInitialFetchTimeout() throws Exception {
    dir = Files.createTempDirectory("envoy-ingress-empty");
    int admin = FreePorts.next();
    InMemoryResourceStore store = new InMemoryResourceStore();
    store.create(
        Resources.yaml(
            """
            type: ZoneIngress
            name: ingress-1
            networking: {address: 127.0.0.1, port: %d, admin: {port: %d}}
            """
                .formatted(FreePorts.next(), admin)));
    xds = startXds(store);
    // No clusters at all: without an answer for them Envoy would wait the whole 120 s.
    envoy = EnvoyProcess.startDelta(dir, "ingress-1", admin, xds.port(), 120);

    await()
        .atMost(DEADLINE)
        .pollInterval(Duration.ofMillis(200))
        .failFast("Envoy exited; its log is under " + dir, () -> !envoy.alive())
        .ignoreExceptions()
        .untilAsserted(() -> assertThat(admin(admin, "/ready")).contains("LIVE"));
    String stats = admin(admin, "/stats?filter=update_");
    assertThat(stats).as(envoy.log()).contains("cds.update_success: 1");
    assertThat(stats).contains("cds.update_rejected: 0");
    assertThat(stats).contains("lds.update_rejected: 0");
  }

  /** The xDS server of zone {@code east} over {@code store}, reconciling. */
  private static XdsComponents startXds(InMemoryResourceStore store) {
    XdsComponents started =
        XdsComponents.start(
            new XdsComponents.Settings(
                "127.0.0.1",
                0,
                new DebounceSettings(Duration.ofMillis(5), Duration.ofMillis(50)),
                "east"),
            store.view(),
            SidecarGenerator.standard(InboundSecurity.NONE, OutboundSecurity.NONE),
            new OpenAuthenticator(),
            XdsMetrics.standalone());
    started.startReconciler();
    return started;
  }

  /** Opens a TLS connection with {@code sni} and sends its ClientHello; no handshake completes. */
  private static void tlsHello(int port, String sni) throws Exception {
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, null, null);
    try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
      socket.setSoTimeout(2000);
      SSLParameters parameters = socket.getSSLParameters();
      parameters.setServerNames(List.of(new SNIHostName(sni)));
      socket.setSSLParameters(parameters);
      try {
        socket.startHandshake();
      } catch (IOException expected) {
        // passthrough to a plain socket, or closed for an unknown name: never a handshake
      }
    }
  }

  private String admin(int port, String path) throws Exception {
    return http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(2))
                .build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }
}
