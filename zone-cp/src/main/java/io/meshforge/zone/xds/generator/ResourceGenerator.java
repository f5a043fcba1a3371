package io.meshforge.zone.xds.generator;

import io.meshforge.zone.xds.context.ProxyContext;

/**
 * {@code ResourceGenerator} produces the Envoy resources of one concern (inbound listeners,
 * outbounds, routes, metrics, a policy...) for one proxy. Implementations are pure functions of the
 * context: no I/O, no state, safe to call from several threads.
 */
@FunctionalInterface
public interface ResourceGenerator {

  /**
   * Adds this concern's resources for the proxy.
   *
   * @param proxy the proxy being configured
   * @param out where to add the resources
   */
  void generate(ProxyContext proxy, EnvoyResources out);
}
