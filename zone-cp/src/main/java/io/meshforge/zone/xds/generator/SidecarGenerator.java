package io.meshforge.zone.xds.generator;

import io.meshforge.zone.xds.context.ProxyContext;
import io.meshforge.zone.xds.policy.MeshCircuitBreakerGenerator;
import io.meshforge.zone.xds.policy.MeshHealthCheckGenerator;
import io.meshforge.zone.xds.policy.MeshLoadBalancingStrategyGenerator;
import io.meshforge.zone.xds.policy.MeshRetryGenerator;
import io.meshforge.zone.xds.policy.MeshTimeoutGenerator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * {@code SidecarGenerator} runs every generator of a sidecar proxy, in order, into one {@link
 * EnvoyResources}. Policy and security generators built elsewhere are added with {@link
 * #with(ResourceGenerator)}. Immutable and thread-safe.
 */
public final class SidecarGenerator {

  private final List<ResourceGenerator> generators;

  private SidecarGenerator(List<ResourceGenerator> generators) {
    this.generators = List.copyOf(generators);
  }

  /**
   * Returns the sidecar's generators: inbounds, outbound listeners, clusters and endpoints, routes,
   * API listeners (for gRPC clients), metrics, then the policy generators (MeshTimeout,
   * MeshHealthCheck, MeshCircuitBreaker, MeshRetry, MeshLoadBalancingStrategy), which refine what
   * the others built.
   *
   * @param inbound how inbound listeners are secured ({@link InboundSecurity#NONE} without mTLS)
   * @param outbound how outbound clusters are secured ({@link OutboundSecurity#NONE} without mTLS)
   */
  public static SidecarGenerator standard(InboundSecurity inbound, OutboundSecurity outbound) {
    return new SidecarGenerator(
        List.of(
            new InboundGenerator(inbound),
            new OutboundGenerator(),
            new ClusterGenerator(outbound),
            // External services reached without the egress: no mesh mTLS to them (ADR 0022).
            new io.meshforge.zone.xds.egress.DirectExternalServices(),
            new RouteGenerator(),
            new ApiListenerGenerator(),
            new PrometheusGenerator(),
            // Policies refine what the generators above built, in Kuma's plugin order.
            new MeshTimeoutGenerator(),
            new MeshHealthCheckGenerator(),
            new MeshCircuitBreakerGenerator(),
            new MeshRetryGenerator(),
            new MeshLoadBalancingStrategyGenerator()));
  }

  /** Returns a generator that also runs {@code generator}, after the others. */
  public SidecarGenerator with(ResourceGenerator generator) {
    List<ResourceGenerator> all = new ArrayList<>(generators);
    all.add(generator);
    return new SidecarGenerator(all);
  }

  /**
   * Generates the proxy's resources.
   *
   * @throws GenerationException naming the generator that failed
   */
  public EnvoyResources generate(ProxyContext proxy) {
    return run(proxy, ResourceGenerator::generate);
  }

  /**
   * Generates only the proxy's ClusterLoadAssignments ({@link
   * ResourceGenerator#generateEndpoints}), equal to the endpoints {@link #generate} gives.
   *
   * @throws GenerationException naming the generator that failed
   */
  public EnvoyResources generateEndpoints(ProxyContext proxy) {
    return run(proxy, ResourceGenerator::generateEndpoints);
  }

  /** One step of a generator for a proxy, into the resources being built. */
  private interface Step {
    void apply(ResourceGenerator generator, ProxyContext proxy, EnvoyResources out);
  }

  /** Runs {@code step} of every generator in order, naming the one that fails. */
  private EnvoyResources run(ProxyContext proxy, Step step) {
    EnvoyResources out = new EnvoyResources();
    for (ResourceGenerator generator : generators) {
      try {
        step.apply(generator, proxy, out);
      } catch (RuntimeException e) {
        throw new GenerationException(
            generator.getClass().getSimpleName() + " failed for " + proxy.dataplane().key(), e);
      }
    }
    return out;
  }

  /**
   * Returns the earliest time any generator's output changes by itself ({@link
   * ResourceGenerator#nextChange()}), e.g. a certificate renewal.
   *
   * @return that time, or empty when the output depends on the resources only
   */
  public Optional<Instant> nextChange() {
    return generators.stream()
        .map(ResourceGenerator::nextChange)
        .flatMap(Optional::stream)
        .min(Comparator.naturalOrder());
  }

  /**
   * Lets every generator forget what it keeps for proxies no longer connected.
   *
   * @param connected the proxies still being configured
   */
  public void retainOnly(Collection<ProxyContext> connected) {
    generators.forEach(generator -> generator.retainOnly(connected));
  }
}
