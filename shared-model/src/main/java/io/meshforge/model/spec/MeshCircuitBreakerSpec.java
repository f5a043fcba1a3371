package io.meshforge.model.spec;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * {@code MeshCircuitBreakerSpec} is the schema of a {@code MeshCircuitBreaker} (under {@code
 * spec}). Sections: {@code to}, {@code from}, {@code rules}.
 *
 * @param targetRef which proxies are configured; {@code Mesh} when omitted
 * @param to limits per destination
 * @param from limits per source (legacy)
 * @param rules inbound limits
 */
public record MeshCircuitBreakerSpec(
    TargetRef targetRef, List<To> to, List<From> from, List<Rule> rules) implements PolicySpec {

  /**
   * Settings for a destination.
   *
   * @param targetRef the destination
   * @param defaults the settings
   */
  public record To(@Required TargetRef targetRef, @Required @JsonProperty("default") Conf defaults)
      implements PolicyTo, PolicyEntry<Conf> {}

  /**
   * Settings for a source.
   *
   * @param targetRef the source
   * @param defaults the settings
   */
  public record From(
      @Required TargetRef targetRef, @Required @JsonProperty("default") Conf defaults)
      implements PolicyFrom, PolicyEntry<Conf> {}

  /**
   * Inbound settings.
   *
   * @param defaults the settings
   */
  public record Rule(@Required @JsonProperty("default") Conf defaults)
      implements PolicyEntry<Conf> {}

  /**
   * Circuit breaker settings.
   *
   * @param connectionLimits connection and request limits
   * @param outlierDetection ejection of misbehaving hosts
   */
  public record Conf(ConnectionLimits connectionLimits, OutlierDetection outlierDetection) {}

  /**
   * Connection and request limits.
   *
   * @param maxConnections connections to all hosts
   * @param maxConnectionPools connection pools
   * @param maxPendingRequests queued requests
   * @param maxRetries concurrent retries
   * @param maxRequests concurrent requests
   */
  public record ConnectionLimits(
      Integer maxConnections,
      Integer maxConnectionPools,
      Integer maxPendingRequests,
      Integer maxRetries,
      Integer maxRequests) {}

  /**
   * Outlier detection.
   *
   * @param disabled turn it off
   * @param interval time between sweeps
   * @param baseEjectionTime base time a host stays ejected
   * @param maxEjectionPercent the most hosts that may be ejected
   * @param splitExternalAndLocalErrors count local-origin errors apart
   * @param detectors what counts as misbehaving
   * @param healthyPanicThreshold below this share of healthy hosts, all hosts are used
   */
  public record OutlierDetection(
      Boolean disabled,
      @Positive GoDuration interval,
      @Positive GoDuration baseEjectionTime,
      @Range(max = 100) Integer maxEjectionPercent,
      Boolean splitExternalAndLocalErrors,
      Detectors detectors,
      Percentage healthyPanicThreshold) {}

  /**
   * Outlier detectors.
   *
   * @param totalFailures consecutive 5xx or connection failures
   * @param gatewayFailures consecutive 502/503/504
   * @param localOriginFailures consecutive locally originated failures
   * @param successRate success rate far below the others
   * @param failurePercentage failure share above a threshold
   */
  public record Detectors(
      Consecutive totalFailures,
      Consecutive gatewayFailures,
      Consecutive localOriginFailures,
      SuccessRate successRate,
      FailurePercentage failurePercentage) {}

  /**
   * A consecutive-failure detector.
   *
   * @param consecutive failures in a row
   */
  public record Consecutive(@Positive Integer consecutive) {}

  /**
   * The success-rate detector.
   *
   * @param minimumHosts hosts needed to run it
   * @param requestVolume requests per host needed to count it
   * @param standardDeviationFactor ejection below mean minus this many standard deviations
   */
  public record SuccessRate(
      Integer minimumHosts, Integer requestVolume, IntOrString standardDeviationFactor) {}

  /**
   * The failure-percentage detector.
   *
   * @param requestVolume requests per host needed to count it
   * @param minimumHosts hosts needed to run it
   * @param threshold failure percentage that ejects
   */
  public record FailurePercentage(
      Integer requestVolume, Integer minimumHosts, @Range(max = 100) Integer threshold) {}
}
