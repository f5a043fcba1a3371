package io.meshforge.zone.xds.generator;

import io.meshforge.zone.xds.context.ProxyContext;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;

/**
 * {@code ResourceGenerator} produces the Envoy resources of one concern (inbound listeners,
 * outbounds, routes, metrics, a policy...) for one proxy. Implementations are pure functions of the
 * context: no I/O, no state, safe to call from several threads.
 *
 * <p>The one exception is output that depends on time (certificates due for renewal): such a
 * generator says when its output changes next ({@link #nextChange()}), so the reconciler
 * regenerates then, and may forget what it keeps for proxies that are gone ({@link #retainOnly}).
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

  /**
   * Adds or refines only this concern's ClusterLoadAssignments for the proxy, exactly as {@link
   * #generate} would: the reconciler calls this instead of {@code generate} when the proxy's mesh
   * changed in its endpoints only ({@code MeshContext#sameExceptEndpoints}) and keeps the proxy's
   * other resources. The default adds nothing, right for a concern that builds no endpoints.
   *
   * <p>Invariant: a generator's output other than ClusterLoadAssignments never depends on the
   * endpoints of a destination (their addresses, instance counts, health or tags), only on what
   * {@code sameExceptEndpoints} compares; {@code EndpointOnlyGenerationTest} checks it.
   *
   * @param proxy the proxy being configured
   * @param out where to add or refine the ClusterLoadAssignments
   */
  default void generateEndpoints(ProxyContext proxy, EnvoyResources out) {}

  /**
   * Returns when this generator's output for some proxy will change without any resource changing
   * (e.g. a certificate due for renewal).
   *
   * @return that time, or empty (the default) when the output depends on the resources only
   */
  default Optional<Instant> nextChange() {
    return Optional.empty();
  }

  /**
   * Forgets what is kept for proxies other than these (they disconnected). The default keeps
   * nothing and does nothing.
   *
   * @param connected the proxies still being configured
   */
  default void retainOnly(Collection<ProxyContext> connected) {}
}
