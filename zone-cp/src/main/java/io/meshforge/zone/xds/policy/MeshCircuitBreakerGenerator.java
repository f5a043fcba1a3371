package io.meshforge.zone.xds.policy;

import com.google.protobuf.UInt32Value;
import io.envoyproxy.envoy.config.cluster.v3.CircuitBreakers;
import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.cluster.v3.OutlierDetection;
import io.envoyproxy.envoy.type.v3.Percent;
import io.meshforge.model.ResourceTypes;
import io.meshforge.model.spec.MeshCircuitBreakerSpec;
import io.meshforge.model.spec.MeshCircuitBreakerSpec.Conf;
import io.meshforge.model.spec.MeshCircuitBreakerSpec.Detectors;
import io.meshforge.model.spec.Percentage;
import io.meshforge.zone.xds.context.InboundPort;
import io.meshforge.zone.xds.context.OutboundPort;
import io.meshforge.zone.xds.context.ProxyContext;
import io.meshforge.zone.xds.context.SameInstance;
import io.meshforge.zone.xds.envoy.EnvoyDurations;
import io.meshforge.zone.xds.envoy.EnvoyNames;
import io.meshforge.zone.xds.generator.EnvoyResources;
import io.meshforge.zone.xds.generator.ResourceGenerator;
import io.meshforge.zone.xds.generator.SharedResources;
import java.util.HashSet;
import java.util.Set;
import java.util.function.IntConsumer;
import tools.jackson.databind.JsonNode;

/**
 * Applies MeshCircuitBreaker to clusters: {@code to[]} per destination on outbound clusters, {@code
 * from[]}/{@code rules[]} on the inbound's local-application cluster. {@code connectionLimits}
 * become the default-priority {@code circuit_breakers} thresholds and {@code outlierDetection} the
 * cluster's {@code outlier_detection} ({@code disabled: true} removes it).
 *
 * <p><b>Failover without configuration</b> (DESIGN.md section 7): outbound clusters always get
 * passive outlier detection, from built-in defaults beneath every policy ({@link
 * #OUTBOUND_DEFAULTS}): 5 consecutive 5xx or 5 consecutive gateway failures eject a host for 30 s
 * (growing with each ejection), checked every 5 s, and up to 100% of the hosts may be ejected, so a
 * zone whose endpoints all fail is emptied and its priority level spills over to the next zone
 * (Envoy's default of 10% would keep failing hosts in rotation). Inbound clusters get nothing
 * unless a policy says so: the local application has one endpoint.
 *
 * <p>Detectors map to Envoy's: {@code totalFailures} to {@code consecutive_5xx}, {@code
 * gatewayFailures} to {@code consecutive_gateway_failure}, {@code localOriginFailures} to {@code
 * consecutive_local_origin_failure}, {@code successRate} and {@code failurePercentage} to theirs;
 * each present detector is enforced at 100%, each absent one at 0% (Envoy enforces consecutive 5xx
 * by default, which would make an absent {@code totalFailures} act anyway).
 */
public final class MeshCircuitBreakerGenerator implements ResourceGenerator {

  /** Beneath every outbound MeshCircuitBreaker: passive health checking for failover. */
  static final JsonNode OUTBOUND_DEFAULTS =
      PolicyConfs.builtIn(
          """
          {"outlierDetection": {"disabled": false, "interval": "5s", "baseEjectionTime": "30s",
            "maxEjectionPercent": 100,
            "detectors": {"totalFailures": {"consecutive": 5},
                          "gatewayFailures": {"consecutive": 5}}}}\
          """);

  private static final int ENFORCED = 100;

  @Override
  public void generate(ProxyContext proxy, EnvoyResources out) {
    Set<String> done = new HashSet<>();
    OutboundConfs<Conf> confs =
        PolicyConfs.outbound(
            proxy, ResourceTypes.MESH_CIRCUIT_BREAKER, OUTBOUND_DEFAULTS, Conf.class);
    for (OutboundPort outbound : proxy.outbounds()) {
      String name = outbound.destination().clusterName();
      if (!done.add(name)) {
        continue;
      }
      Conf conf = confs.of(outbound.destination()).orElseThrow();
      out.cluster(name)
          .ifPresent(cluster ->
              out.replace(
                  SharedResources.refined(
                      proxy,
                      "MeshCircuitBreaker/cluster",
                      cluster,
                      new SameInstance(conf),
                      () -> configure(cluster, conf))));
    }
    for (InboundPort inbound : proxy.inbounds()) {
      String name = EnvoyNames.localCluster(inbound.servicePort());
      if (!done.add(name)) {
        continue;
      }
      PolicyConfs.inbound(proxy, ResourceTypes.MESH_CIRCUIT_BREAKER, inbound, null, Conf.class)
          .ifPresent(conf ->
              out.cluster(name).ifPresent(cluster -> out.replace(configure(cluster, conf))));
    }
  }

  /** Returns the cluster with the conf's connection limits and outlier detection. */
  static Cluster configure(Cluster cluster, Conf conf) {
    Cluster.Builder builder = cluster.toBuilder();
    if (conf.connectionLimits() != null) {
      builder.setCircuitBreakers(circuitBreakers(conf.connectionLimits()));
    }
    MeshCircuitBreakerSpec.OutlierDetection detection = conf.outlierDetection();
    if (detection != null) {
      if (Boolean.TRUE.equals(detection.disabled())) {
        builder.clearOutlierDetection();
      } else {
        builder.setOutlierDetection(outlierDetection(detection));
        if (detection.healthyPanicThreshold() != null) {
          builder
              .getCommonLbConfigBuilder()
              .setHealthyPanicThreshold(percent(detection.healthyPanicThreshold()));
        }
      }
    }
    return builder.build();
  }

  /** The default-priority thresholds; unset limits keep Envoy's defaults (1024, 3 retries). */
  static CircuitBreakers circuitBreakers(MeshCircuitBreakerSpec.ConnectionLimits limits) {
    CircuitBreakers.Thresholds.Builder thresholds = CircuitBreakers.Thresholds.newBuilder();
    set(limits.maxConnections(), v -> thresholds.setMaxConnections(UInt32Value.of(v)));
    set(limits.maxPendingRequests(), v -> thresholds.setMaxPendingRequests(UInt32Value.of(v)));
    set(limits.maxRequests(), v -> thresholds.setMaxRequests(UInt32Value.of(v)));
    set(limits.maxRetries(), v -> thresholds.setMaxRetries(UInt32Value.of(v)));
    set(limits.maxConnectionPools(), v -> thresholds.setMaxConnectionPools(UInt32Value.of(v)));
    return CircuitBreakers.newBuilder().addThresholds(thresholds).build();
  }

  /** Envoy's outlier detection for the conf. */
  static OutlierDetection outlierDetection(MeshCircuitBreakerSpec.OutlierDetection conf) {
    OutlierDetection.Builder od = OutlierDetection.newBuilder();
    if (conf.interval() != null) {
      od.setInterval(EnvoyDurations.of(conf.interval().value()));
    }
    if (conf.baseEjectionTime() != null) {
      od.setBaseEjectionTime(EnvoyDurations.of(conf.baseEjectionTime().value()));
    }
    set(conf.maxEjectionPercent(), v -> od.setMaxEjectionPercent(UInt32Value.of(v)));
    if (conf.splitExternalAndLocalErrors() != null) {
      od.setSplitExternalLocalOriginErrors(conf.splitExternalAndLocalErrors());
    }
    Detectors detectors = conf.detectors();
    consecutive5xx(od, detectors == null ? null : detectors.totalFailures());
    gatewayFailures(od, detectors == null ? null : detectors.gatewayFailures());
    localOrigin(od, detectors == null ? null : detectors.localOriginFailures());
    successRate(od, detectors == null ? null : detectors.successRate());
    failurePercentage(od, detectors == null ? null : detectors.failurePercentage());
    return od.build();
  }

  private static void consecutive5xx(
      OutlierDetection.Builder od, MeshCircuitBreakerSpec.Consecutive detector) {
    od.setEnforcingConsecutive5Xx(UInt32Value.of(detector == null ? 0 : ENFORCED));
    if (detector != null) {
      set(detector.consecutive(), v -> od.setConsecutive5Xx(UInt32Value.of(v)));
    }
  }

  private static void gatewayFailures(
      OutlierDetection.Builder od, MeshCircuitBreakerSpec.Consecutive detector) {
    od.setEnforcingConsecutiveGatewayFailure(UInt32Value.of(detector == null ? 0 : ENFORCED));
    if (detector != null) {
      set(detector.consecutive(), v -> od.setConsecutiveGatewayFailure(UInt32Value.of(v)));
    }
  }

  private static void localOrigin(
      OutlierDetection.Builder od, MeshCircuitBreakerSpec.Consecutive detector) {
    od.setEnforcingConsecutiveLocalOriginFailure(UInt32Value.of(detector == null ? 0 : ENFORCED));
    if (detector != null) {
      set(detector.consecutive(), v -> od.setConsecutiveLocalOriginFailure(UInt32Value.of(v)));
    }
  }

  private static void successRate(
      OutlierDetection.Builder od, MeshCircuitBreakerSpec.SuccessRate detector) {
    od.setEnforcingSuccessRate(UInt32Value.of(detector == null ? 0 : ENFORCED));
    if (detector == null) {
      return;
    }
    set(detector.minimumHosts(), v -> od.setSuccessRateMinimumHosts(UInt32Value.of(v)));
    set(detector.requestVolume(), v -> od.setSuccessRateRequestVolume(UInt32Value.of(v)));
    if (detector.standardDeviationFactor() != null) {
      od.setSuccessRateStdevFactor(UInt32Value.of(stdevFactor(detector.standardDeviationFactor())));
    }
  }

  private static void failurePercentage(
      OutlierDetection.Builder od, MeshCircuitBreakerSpec.FailurePercentage detector) {
    od.setEnforcingFailurePercentage(UInt32Value.of(detector == null ? 0 : ENFORCED));
    if (detector == null) {
      return;
    }
    set(detector.threshold(), v -> od.setFailurePercentageThreshold(UInt32Value.of(v)));
    set(detector.minimumHosts(), v -> od.setFailurePercentageMinimumHosts(UInt32Value.of(v)));
    set(detector.requestVolume(), v -> od.setFailurePercentageRequestVolume(UInt32Value.of(v)));
  }

  /**
   * Envoy's stdev factor is the factor times 1000: {@code 1.9} (or {@code "1.9"}) becomes 1900. An
   * unparsable string keeps Envoy's default, 1900.
   */
  static int stdevFactor(io.meshforge.model.spec.IntOrString factor) {
    if (factor.isNumber()) {
      return Math.toIntExact(factor.number() * 1000);
    }
    try {
      return new java.math.BigDecimal(factor.text().trim())
          .multiply(java.math.BigDecimal.valueOf(1000))
          .intValue();
    } catch (NumberFormatException e) {
      return 1900;
    }
  }

  private static Percent percent(Percentage percentage) {
    return Percent.newBuilder().setValue(percentage.value().doubleValue()).build();
  }

  private static void set(Integer value, IntConsumer setter) {
    if (value != null) {
      setter.accept(value);
    }
  }
}
