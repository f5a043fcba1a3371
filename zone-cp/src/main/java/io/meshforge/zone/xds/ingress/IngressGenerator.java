package io.meshforge.zone.xds.ingress;

import com.google.protobuf.Any;
import io.envoyproxy.envoy.config.core.v3.TrafficDirection;
import io.envoyproxy.envoy.config.endpoint.v3.LbEndpoint;
import io.envoyproxy.envoy.config.listener.v3.Filter;
import io.envoyproxy.envoy.config.listener.v3.FilterChain;
import io.envoyproxy.envoy.config.listener.v3.FilterChainMatch;
import io.envoyproxy.envoy.config.listener.v3.Listener;
import io.envoyproxy.envoy.config.listener.v3.ListenerFilter;
import io.envoyproxy.envoy.extensions.filters.listener.tls_inspector.v3.TlsInspector;
import io.envoyproxy.envoy.extensions.filters.network.direct_response.v3.Config;
import io.meshforge.ca.BuiltinBackend;
import io.meshforge.zone.xds.context.Destination;
import io.meshforge.zone.xds.context.MeshContext;
import io.meshforge.zone.xds.context.ServiceEndpoint;
import io.meshforge.zone.xds.envoy.Clusters;
import io.meshforge.zone.xds.envoy.EnvoyNames;
import io.meshforge.zone.xds.envoy.Listeners;
import io.meshforge.zone.xds.envoy.SniName;
import io.meshforge.zone.xds.envoy.SniNameTooLongException;
import io.meshforge.zone.xds.generator.EnvoyResources;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code IngressGenerator} configures a zone ingress proxy: SNI passthrough, TLS never terminated
 * (the ingress holds no mesh certificate; the two sidecars do mTLS end to end).
 *
 * <ul>
 *   <li>One listener {@code inbound:<address>:<port>} with the TLS inspector, and one filter chain
 *       per destination served in this zone, matching {@code transport_protocol: tls} and {@code
 *       server_names: [<SniName>]}, with a TCP proxy to that destination's cluster. Anything else
 *       (plaintext, unknown name) meets the default chain, which closes the connection.
 *   <li>Per destination an EDS cluster {@code <mesh>:<service>} (port 0 in the server name) with
 *       the healthy local instances.
 * </ul>
 *
 * <p>Destinations: every {@code kuma.io/service} with a healthy local instance, in every mesh with
 * builtin mTLS (sidecars send nothing to ingresses otherwise). Chains and clusters are ordered by
 * server name, so equal inputs give equal output. Pure and thread-safe.
 */
public final class IngressGenerator {

  private static final Logger LOG = LoggerFactory.getLogger(IngressGenerator.class);
  private static final String TLS_INSPECTOR = "envoy.filters.listener.tls_inspector";
  private static final String DIRECT_RESPONSE = "envoy.filters.network.direct_response";
  private static final Comparator<ServiceEndpoint> ENDPOINT_ORDER =
      Comparator.comparing(ServiceEndpoint::address)
          .thenComparingInt(ServiceEndpoint::port)
          .thenComparing(ServiceEndpoint::dataplane);

  /** Generates the ingress's resources. */
  public EnvoyResources generate(IngressContext ingress) {
    EnvoyResources out = new EnvoyResources();
    Listener.Builder listener =
        Listener.newBuilder()
            .setName(EnvoyNames.inboundListener(ingress.address(), ingress.port()))
            .setAddress(Listeners.address(ingress.address(), ingress.port()))
            .setTrafficDirection(TrafficDirection.INBOUND)
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
    destinations(ingress)
        .forEach((sni, destination) -> {
          String cluster = EnvoyNames.ingressCluster(destination.mesh(), destination.service());
          listener.addFilterChains(
              FilterChain.newBuilder()
                  .setName(sni)
                  .setFilterChainMatch(
                      FilterChainMatch.newBuilder().setTransportProtocol("tls").addServerNames(sni))
                  .addFilters(Listeners.tcpProxy(EnvoyNames.outboundStatPrefix(cluster), cluster)));
          out.add(Clusters.eds(cluster, false).build());
          List<LbEndpoint> endpoints =
              destination.local().healthyEndpoints().stream()
                  .sorted(ENDPOINT_ORDER)
                  .map(e -> Clusters.endpoint(e.address(), e.port()))
                  .toList();
          out.add(Clusters.assignment(cluster, endpoints));
        });
    out.add(listener.build());
    return out;
  }

  /** The routed destinations by server name (sorted). */
  private static Map<String, MeshDestination> destinations(IngressContext ingress) {
    Map<String, MeshDestination> byName = new TreeMap<>();
    List<MeshDestination> ordered = new ArrayList<>();
    for (MeshContext mesh : ingress.meshes()) {
      if (mesh.meshResource().flatMap(BuiltinBackend::enabledIn).isEmpty()) {
        continue;
      }
      mesh.services()
          .forEach((service, destination) -> {
            if (!destination.healthyEndpoints().isEmpty()) {
              ordered.add(new MeshDestination(mesh.mesh(), service, destination));
            }
          });
    }
    for (MeshDestination destination : ordered) {
      try {
        byName.put(
            SniName.of(destination.mesh(), destination.service(), ingress.zone(), 0), destination);
      } catch (SniNameTooLongException e) {
        LOG.warn("Zone ingress cannot route {}: {}", destination.service(), e.getMessage());
      }
    }
    return byName;
  }

  private record MeshDestination(String mesh, String service, Destination local) {}
}
