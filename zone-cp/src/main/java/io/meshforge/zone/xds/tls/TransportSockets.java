package io.meshforge.zone.xds.tls;

import com.google.protobuf.Any;
import com.google.protobuf.BoolValue;
import io.envoyproxy.envoy.config.core.v3.AggregatedConfigSource;
import io.envoyproxy.envoy.config.core.v3.ApiVersion;
import io.envoyproxy.envoy.config.core.v3.ConfigSource;
import io.envoyproxy.envoy.config.core.v3.TransportSocket;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.CertificateValidationContext;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.CommonTlsContext;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.DownstreamTlsContext;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.SdsSecretConfig;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.SubjectAltNameMatcher;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.TlsParameters;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext;
import io.envoyproxy.envoy.type.matcher.v3.StringMatcher;
import io.meshforge.ca.SpiffeIds;
import java.util.List;

/**
 * {@code TransportSockets} builds the mesh mTLS transport sockets, both taking the proxy's identity
 * and the mesh CA from SDS over ADS ({@link TlsSecretNames}), TLS 1.2 at least:
 *
 * <ul>
 *   <li>{@link #inbound}: for the filter chains of inbound listeners. The client must present a
 *       certificate that chains to the mesh CA and carries a SPIFFE ID of the mesh ({@code
 *       spiffe://<mesh>/...}); who exactly may talk is then RBAC's decision.
 *   <li>{@link #outbound}: for the clusters of outbound destinations. The server must chain to the
 *       mesh CA and carry exactly {@code spiffe://<mesh>/<service>}; SNI routes through zone
 *       ingresses.
 * </ul>
 */
public final class TransportSockets {

  /** Envoy's name of the TLS transport socket. */
  public static final String TLS_SOCKET = "envoy.transport_sockets.tls";

  private TransportSockets() {}

  /**
   * Returns the transport socket of an inbound filter chain.
   *
   * @param mesh the proxy's mesh
   * @param alpnProtocols ALPN to offer, e.g. {@code ["h2", "http/1.1"]} for HTTP inbounds; empty
   *     for TCP
   * @return the socket, wrapping a {@link DownstreamTlsContext} that requires a client certificate
   */
  public static TransportSocket inbound(String mesh, List<String> alpnProtocols) {
    DownstreamTlsContext context =
        DownstreamTlsContext.newBuilder()
            .setRequireClientCertificate(BoolValue.of(true))
            .setCommonTlsContext(
                common(mesh, StringMatcher.newBuilder().setPrefix(SpiffeIds.ofMesh(mesh) + "/"))
                    .addAllAlpnProtocols(alpnProtocols))
            .build();
    return socket(Any.pack(context));
  }

  /**
   * Returns the transport socket of an outbound cluster.
   *
   * @param mesh the proxy's mesh (the destination's too: mTLS is within one mesh)
   * @param service the destination's {@code kuma.io/service} (or MeshService) name, whose SPIFFE ID
   *     the server must carry
   * @param sni the server name to send to an endpoint without a hostname (a local instance); an
   *     endpoint with one (another zone's ingress, or the egress towards it) gets its hostname
   *     instead ({@code auto_host_sni}, Envoy 1.28 or later): the name that zone routes on
   * @param alpnProtocols ALPN to offer; empty for none
   * @return the socket, wrapping an {@link UpstreamTlsContext}
   */
  public static TransportSocket outbound(
      String mesh, String service, String sni, List<String> alpnProtocols) {
    UpstreamTlsContext context =
        UpstreamTlsContext.newBuilder()
            .setSni(sni)
            // The SAN is still checked against the service's SPIFFE ID, not the hostname, so no
            // auto_sni_san_validation.
            .setAutoHostSni(true)
            .setCommonTlsContext(
                common(
                        mesh,
                        StringMatcher.newBuilder().setExact(SpiffeIds.ofService(mesh, service)))
                    .addAllAlpnProtocols(alpnProtocols))
            .build();
    return socket(Any.pack(context));
  }

  /**
   * Returns how SDS secrets are fetched: over the proxy's ADS stream, API v3.
   *
   * @param name the secret name
   * @return the SDS reference
   */
  public static SdsSecretConfig sdsOverAds(String name) {
    return SdsSecretConfig.newBuilder()
        .setName(name)
        .setSdsConfig(
            ConfigSource.newBuilder()
                .setAds(AggregatedConfigSource.getDefaultInstance())
                .setResourceApiVersion(ApiVersion.V3))
        .build();
  }

  private static CommonTlsContext.Builder common(String mesh, StringMatcher.Builder peerSan) {
    return CommonTlsContext.newBuilder()
        .setTlsParams(
            TlsParameters.newBuilder()
                .setTlsMinimumProtocolVersion(TlsParameters.TlsProtocol.TLSv1_2))
        .addTlsCertificateSdsSecretConfigs(sdsOverAds(TlsSecretNames.identity(mesh)))
        .setCombinedValidationContext(
            CommonTlsContext.CombinedCertificateValidationContext.newBuilder()
                .setDefaultValidationContext(
                    CertificateValidationContext.newBuilder()
                        .addMatchTypedSubjectAltNames(
                            SubjectAltNameMatcher.newBuilder()
                                .setSanType(SubjectAltNameMatcher.SanType.URI)
                                .setMatcher(peerSan)))
                .setValidationContextSdsSecretConfig(sdsOverAds(TlsSecretNames.meshCa(mesh))));
  }

  private static TransportSocket socket(Any typedConfig) {
    return TransportSocket.newBuilder().setName(TLS_SOCKET).setTypedConfig(typedConfig).build();
  }
}
