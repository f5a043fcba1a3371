package io.meshforge.zone.xds.generator;

import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.meshforge.zone.xds.context.Destination;
import io.meshforge.zone.xds.context.ProxyContext;

/**
 * The seam where mTLS (package {@code io.meshforge.zone.xds.tls}) shapes an outbound cluster: an
 * upstream TLS transport socket presenting the proxy's certificate and checking the destination's
 * SPIFFE ID. Implementations must be pure and thread-safe like generators.
 */
@FunctionalInterface
public interface OutboundSecurity {

  /** Leaves the cluster as it is: plaintext to the destination. */
  OutboundSecurity NONE =
      new OutboundSecurity() {
        @Override
        public void secure(ProxyContext proxy, Destination destination, Cluster.Builder cluster) {}

        @Override
        public boolean sameForEveryProxy() {
          return true;
        }
      };

  /**
   * Secures one outbound cluster in place.
   *
   * @param proxy the proxy being configured
   * @param destination the destination the cluster reaches
   * @param cluster the EDS cluster
   */
  void secure(ProxyContext proxy, Destination destination, Cluster.Builder cluster);

  /**
   * Returns whether {@link #secure} depends only on the proxy's mesh context and the destination,
   * not on the proxy itself: then a destination's cluster is built once per mesh change and shared
   * by every proxy ({@link SharedResources}). The default, {@code false}, is always safe.
   */
  default boolean sameForEveryProxy() {
    return false;
  }
}
