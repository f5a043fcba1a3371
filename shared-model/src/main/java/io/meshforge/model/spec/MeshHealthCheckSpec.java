package io.meshforge.model.spec;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * {@code MeshHealthCheckSpec} is the schema of a {@code MeshHealthCheck} (under {@code spec}).
 * Sections: {@code to} only.
 *
 * @param targetRef which proxies are configured; {@code Mesh} when omitted
 * @param to health checks per destination
 */
public record MeshHealthCheckSpec(TargetRef targetRef, List<To> to) implements PolicySpec {

  /**
   * Health checks for a destination.
   *
   * @param targetRef the destination
   * @param defaults the checks
   */
  public record To(@Required TargetRef targetRef, @Required @JsonProperty("default") Conf defaults)
      implements PolicyTo {}

  /**
   * Active health checking.
   *
   * @param interval time between checks
   * @param timeout time to wait for an answer
   * @param unhealthyThreshold failed checks before unhealthy
   * @param healthyThreshold passed checks before healthy
   * @param initialJitter random delay before the first check
   * @param intervalJitter random delay added to each interval
   * @param intervalJitterPercent random share of the interval added to it
   * @param healthyPanicThreshold below this share of healthy hosts, all hosts are used
   * @param failTrafficOnPanic fail traffic instead of using all hosts when panicking
   * @param noTrafficInterval interval while the cluster has no traffic
   * @param eventLogPath file health-check events are logged to
   * @param alwaysLogHealthCheckFailures log every failure, not only transitions
   * @param reuseConnection reuse the health-check connection
   * @param tcp TCP checks
   * @param http HTTP checks
   * @param grpc gRPC checks
   */
  public record Conf(
      @Positive GoDuration interval,
      @Positive GoDuration timeout,
      @Positive Integer unhealthyThreshold,
      @Positive Integer healthyThreshold,
      GoDuration initialJitter,
      GoDuration intervalJitter,
      @Range(max = 100) Integer intervalJitterPercent,
      Percentage healthyPanicThreshold,
      Boolean failTrafficOnPanic,
      @Positive GoDuration noTrafficInterval,
      String eventLogPath,
      Boolean alwaysLogHealthCheckFailures,
      Boolean reuseConnection,
      Tcp tcp,
      Http http,
      Grpc grpc) {}

  /**
   * TCP checks.
   *
   * @param disabled turn them off
   * @param send base64 payload to send
   * @param receive base64 payloads expected back
   */
  public record Tcp(Boolean disabled, String send, List<String> receive) {}

  /**
   * HTTP checks.
   *
   * @param disabled turn them off
   * @param path the path to request
   * @param requestHeadersToAdd headers added to the request
   * @param expectedStatuses statuses counted as healthy (default 200)
   */
  public record Http(
      Boolean disabled,
      String path,
      HeaderModifier requestHeadersToAdd,
      List<Integer> expectedStatuses) {}

  /**
   * gRPC checks.
   *
   * @param disabled turn them off
   * @param serviceName the service to check
   * @param authority the {@code :authority} header to send
   */
  public record Grpc(Boolean disabled, String serviceName, String authority) {}
}
