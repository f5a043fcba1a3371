package io.meshforge.zone.xds.egress;

import com.google.protobuf.Any;
import com.google.protobuf.BoolValue;
import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.core.v3.TrafficDirection;
import io.envoyproxy.envoy.config.core.v3.TransportSocket;
import io.envoyproxy.envoy.config.endpoint.v3.LbEndpoint;
import io.envoyproxy.envoy.config.listener.v3.Filter;
import io.envoyproxy.envoy.config.listener.v3.FilterChain;
import io.envoyproxy.envoy.config.listener.v3.FilterChainMatch;
import io.envoyproxy.envoy.config.listener.v3.Listener;
import io.envoyproxy.envoy.config.listener.v3.ListenerFilter;
import io.envoyproxy.envoy.extensions.filters.listener.tls_inspector.v3.TlsInspector;
import io.envoyproxy.envoy.extensions.filters.network.direct_response.v3.Config;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.CertificateValidationContext;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.CommonTlsContext;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.DownstreamTlsContext;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.SubjectAltNameMatcher;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.TlsParameters;
import io.envoyproxy.envoy.type.matcher.v3.StringMatcher;
import io.meshforge.ca.SpiffeIds;
import io.meshforge.ca.WorkloadCertificate;
import io.meshforge.ca.WorkloadIdentity;
import io.meshforge.model.ResourceTypes;
import io.meshforge.model.spec.MeshExternalServiceSpec;
import io.meshforge.zone.xds.context.ExternalService;
import io.meshforge.zone.xds.context.MeshContext;
import io.meshforge.zone.xds.context.RemoteZoneEndpoint;
import io.meshforge.zone.xds.envoy.Clusters;
import io.meshforge.zone.xds.envoy.EnvoyNames;
import io.meshforge.zone.xds.envoy.ExternalSniName;
import io.meshforge.zone.xds.envoy.IpLiterals;
import io.meshforge.zone.xds.envoy.Listeners;
import io.meshforge.zone.xds.envoy.SniNameTooLongException;
import io.meshforge.zone.xds.generator.EnvoyResources;
import io.meshforge.zone.xds.tls.InboundPermissions;
import io.meshforge.zone.xds.tls.RbacFilters;
import io.meshforge.zone.xds.tls.SdsSecrets;
import io.meshforge.zone.xds.tls.TlsSecretNames;
import io.meshforge.zone.xds.tls.TrafficPermissions;
import io.meshforge.zone.xds.tls.TransportSockets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code EgressGenerator} configures a zone egress proxy (ADR 0022): one listener {@code
 * inbound:<address>:<port>} with the TLS inspector and one filter chain per destination, matched on
 * {@code transport_protocol: tls} and the server name; anything else meets the default chain, which
 * closes the connection. Only meshes that route through the egress ({@link
 * MeshContext#routesThroughEgress()}) are served.
 *
 * <ul>
 *   <li><b>Cross-zone</b>: per remote destination's server name ({@code SniName}, naming its zone),
 *       a TCP proxy to cluster {@code zone-ingress:<zone>} holding that zone's ingress addresses.
 *       TLS is not terminated: the two sidecars keep mTLS end to end, as through an ingress.
 *   <li><b>MeshExternalService</b>: per service, its {@link ExternalSniName}; the egress terminates
 *       the sidecar's mTLS, presenting a certificate with the service's SPIFFE ID ({@code
 *       egress_identity:<mesh>:<name>} over SDS) and requiring a client certificate of the mesh,
 *       then an RBAC filter from the MeshTrafficPermissions targeting the service (ADR 0026; none
 *       allows nobody, as mTLS means deny by default) and a TCP proxy to cluster {@code
 *       <mesh>_<name>_extsvc_<port>}: the service's endpoints (STATIC for IPs, STRICT_DNS when one
 *       is a hostname), plain or TLS as the service says ({@link ExternalTls}). Without a
 *       certificate (the mesh CA not in the zone yet) the service is left out, logged.
 * </ul>
 *
 * <p>Chains, clusters and secrets are ordered by name, so equal inputs give equal output. Pure
 * apart from the certificate source; thread-safe.
 */
public final class EgressGenerator {

  private static final Logger LOG = LoggerFactory.getLogger(EgressGenerator.class);
  private static final String TLS_INSPECTOR = "envoy.filters.listener.tls_inspector";
  private static final String DIRECT_RESPONSE = "envoy.filters.network.direct_response";

  private final EgressIdentities identities;

  /**
   * Creates the generator.
   *
   * @param identities issues the certificates the egress presents for external services
   */
  public EgressGenerator(EgressIdentities identities) {
    this.identities = Objects.requireNonNull(identities, "identities");
  }

  /** Generates the egress's resources. */
  public EnvoyResources generate(EgressContext egress) {
    EnvoyResources out = new EnvoyResources();
    Map<String, FilterChain> chains = new TreeMap<>();
    Map<String, Set<IngressAddress>> ingressesByZone = new TreeMap<>();
    List<MeshContext> meshes = new ArrayList<>(egress.meshes());
    meshes.sort(Comparator.comparing(MeshContext::mesh));
    for (MeshContext mesh : meshes) {
      if (!mesh.routesThroughEgress()) {
        continue;
      }
      crossZone(mesh, chains, ingressesByZone);
      mesh.externalServices().values().forEach(external -> external(mesh, external, chains, out));
    }
    ingressesByZone.forEach((zone, addresses) -> {
      String cluster = EnvoyNames.egressZoneCluster(zone);
      out.add(Clusters.eds(cluster, false).build());
      List<LbEndpoint> endpoints =
          addresses.stream().map(a -> Clusters.endpoint(a.address(), a.port())).toList();
      out.add(Clusters.assignment(cluster, endpoints));
    });
    Listener.Builder listener =
        Listener.newBuilder()
            .setName(EnvoyNames.inboundListener(egress.address(), egress.port()))
            .setAddress(Listeners.address(egress.address(), egress.port()))
            .setTrafficDirection(TrafficDirection.OUTBOUND)
            .addListenerFilters(
                ListenerFilter.newBuilder()
                    .setName(TLS_INSPECTOR)
                    .setTypedConfig(Any.pack(TlsInspector.getDefaultInstance())))
            .setDefaultFilterChain(
                FilterChain.newBuilder()
                    .setName("unknown-server-name")
                    .addFilters(
                        Filter.newBuilder()
                            .setName(DIRECT_RESPONSE)
                            .setTypedConfig(Any.pack(Config.getDefaultInstance()))));
    listener.addAllFilterChains(chains.values());
    out.add(listener.build());
    return out;
  }

  /** Adds one passthrough chain per remote server name, and collects each zone's ingresses. */
  private static void crossZone(
      MeshContext mesh,
      Map<String, FilterChain> chains,
      Map<String, Set<IngressAddress>> ingresses) {
    for (List<RemoteZoneEndpoint> endpoints : mesh.egressRoutes().values()) {
      for (RemoteZoneEndpoint remote : endpoints) {
        ingresses
            .computeIfAbsent(remote.zone(), z -> new TreeSet<>())
            .add(new IngressAddress(remote.address(), remote.port()));
        String cluster = EnvoyNames.egressZoneCluster(remote.zone());
        chains.computeIfAbsent(
            remote.sni(),
            sni ->
                chain(sni, Listeners.tcpProxy(EnvoyNames.outboundStatPrefix(cluster), cluster))
                    .build());
      }
    }
  }

  /** Adds the chain, cluster and secrets of one MeshExternalService. */
  private void external(
      MeshContext mesh,
      ExternalService external,
      Map<String, FilterChain> chains,
      EnvoyResources out) {
    MeshExternalServiceSpec spec = external.spec();
    String name = external.name();
    int port = spec.match().port();
    String sni;
    try {
      sni = ExternalSniName.of(mesh.mesh(), name, port);
    } catch (SniNameTooLongException e) {
      LOG.warn("Zone egress cannot route {}/{}: {}", mesh.mesh(), name, e.getMessage());
      return;
    }
    WorkloadCertificate certificate =
        identities.certificateFor(WorkloadIdentity.of(mesh.mesh(), name)).orElse(null);
    if (certificate == null) {
      LOG.warn(
          "Zone egress cannot serve {}/{}: the mesh CA is not in this zone yet", mesh.mesh(), name);
      return;
    }
    String identitySecret = EnvoyNames.egressIdentitySecret(mesh.mesh(), name);
    out.add(
        SdsSecrets.identity(mesh.mesh(), certificate).toBuilder().setName(identitySecret).build());
    out.add(SdsSecrets.meshCa(mesh.mesh(), List.of(certificate.ca())));
    String cluster = external.destination().clusterName();
    InboundPermissions permissions =
        TrafficPermissions.forExternalService(
            mesh.mesh(), name, mesh.policies(ResourceTypes.MESH_TRAFFIC_PERMISSION));
    Filter rbac =
        Filter.newBuilder()
            .setName(RbacFilters.NETWORK_FILTER)
            .setTypedConfig(Any.pack(RbacFilters.network(permissions, "egress_" + cluster)))
            .build();
    chains.put(
        sni,
        chain(sni, rbac)
            .addFilters(Listeners.tcpProxy(EnvoyNames.outboundStatPrefix(cluster), cluster))
            .setTransportSocket(meshServerSocket(mesh.mesh(), identitySecret))
            .build());
    out.add(externalCluster(cluster, spec));
  }

  private static FilterChain.Builder chain(String sni, Filter filter) {
    return FilterChain.newBuilder()
        .setName(sni)
        .setFilterChainMatch(
            FilterChainMatch.newBuilder().setTransportProtocol("tls").addServerNames(sni))
        .addFilters(filter);
  }

  /** The cluster of an external service: its endpoints, DNS-resolved when one is a hostname. */
  static Cluster externalCluster(String name, MeshExternalServiceSpec spec) {
    List<LbEndpoint> endpoints = new ArrayList<>();
    boolean dns = false;
    if (spec.endpoints() != null) {
      for (MeshExternalServiceSpec.Endpoint endpoint : spec.endpoints()) {
        int port = endpoint.port() == null ? spec.match().port() : endpoint.port();
        dns |= !IpLiterals.isIp(endpoint.address());
        endpoints.add(Clusters.endpoint(endpoint.address(), port));
      }
    }
    Cluster.Builder cluster =
        Cluster.newBuilder()
            .setName(name)
            .setType(dns ? Cluster.DiscoveryType.STRICT_DNS : Cluster.DiscoveryType.STATIC)
            .setConnectTimeout(Clusters.CONNECT_TIMEOUT)
            .setLbPolicy(Cluster.LbPolicy.ROUND_ROBIN)
            .setLoadAssignment(Clusters.assignment(name, endpoints));
    ExternalTls.upstream(spec).ifPresent(cluster::setTransportSocket);
    return cluster.build();
  }

  /** The server side of the sidecar's mTLS: the service's certificate, a mesh client required. */
  private static TransportSocket meshServerSocket(String mesh, String identitySecret) {
    DownstreamTlsContext context =
        DownstreamTlsContext.newBuilder()
            .setRequireClientCertificate(BoolValue.of(true))
            .setCommonTlsContext(
                CommonTlsContext.newBuilder()
                    .setTlsParams(
                        TlsParameters.newBuilder()
                            .setTlsMinimumProtocolVersion(TlsParameters.TlsProtocol.TLSv1_2))
                    .addTlsCertificateSdsSecretConfigs(TransportSockets.sdsOverAds(identitySecret))
                    .setCombinedValidationContext(
                        CommonTlsContext.CombinedCertificateValidationContext.newBuilder()
                            .setDefaultValidationContext(
                                CertificateValidationContext.newBuilder()
                                    .addMatchTypedSubjectAltNames(
                                        SubjectAltNameMatcher.newBuilder()
                                            .setSanType(SubjectAltNameMatcher.SanType.URI)
                                            .setMatcher(
                                                StringMatcher.newBuilder()
                                                    .setPrefix(SpiffeIds.ofMesh(mesh) + "/"))))
                            .setValidationContextSdsSecretConfig(
                                TransportSockets.sdsOverAds(TlsSecretNames.meshCa(mesh)))))
            .build();
    return TransportSocket.newBuilder()
        .setName(TransportSockets.TLS_SOCKET)
        .setTypedConfig(Any.pack(context))
        .build();
  }

  /** A remote ingress's address, ordered by address then port. */
  private record IngressAddress(String address, int port) implements Comparable<IngressAddress> {
    @Override
    public int compareTo(IngressAddress other) {
      int byAddress = address.compareTo(other.address);
      return byAddress != 0 ? byAddress : Integer.compare(port, other.port);
    }
  }
}
