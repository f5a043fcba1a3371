package io.meshforge.model.spec;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * {@code MeshTimeoutSpec} is the schema of a {@code MeshTimeout} (under {@code spec}). Sections:
 * {@code to}, {@code from}, {@code rules}.
 *
 * @param targetRef which proxies are configured; {@code Mesh} when omitted
 * @param to outbound timeouts per destination
 * @param from inbound timeouts per source (legacy)
 * @param rules inbound timeouts
 */
public record MeshTimeoutSpec(TargetRef targetRef, List<To> to, List<From> from, List<Rule> rules)
    implements PolicySpec {

  /**
   * Timeouts for a destination.
   *
   * @param targetRef the destination
   * @param defaults the timeouts
   */
  public record To(@Required TargetRef targetRef, @Required @JsonProperty("default") Conf defaults)
      implements PolicyTo {}

  /**
   * Timeouts for a source.
   *
   * @param targetRef the source
   * @param defaults the timeouts
   */
  public record From(
      @Required TargetRef targetRef, @Required @JsonProperty("default") Conf defaults)
      implements PolicyFrom {}

  /**
   * Timeouts for inbound traffic.
   *
   * @param defaults the timeouts
   */
  public record Rule(@Required @JsonProperty("default") Conf defaults) {}

  /**
   * The timeouts; {@code 0s} disables one.
   *
   * @param connectionTimeout time to establish a connection
   * @param idleTimeout time a connection may be idle
   * @param http HTTP timeouts
   */
  public record Conf(GoDuration connectionTimeout, GoDuration idleTimeout, Http http) {}

  /**
   * HTTP timeouts.
   *
   * @param requestTimeout time for a whole request and response
   * @param streamIdleTimeout time a stream may be idle
   * @param maxStreamDuration the longest a stream may live
   * @param maxConnectionDuration the longest a connection may live
   * @param requestHeadersTimeout time to receive the request headers
   */
  public record Http(
      GoDuration requestTimeout,
      GoDuration streamIdleTimeout,
      GoDuration maxStreamDuration,
      GoDuration maxConnectionDuration,
      GoDuration requestHeadersTimeout) {}
}
