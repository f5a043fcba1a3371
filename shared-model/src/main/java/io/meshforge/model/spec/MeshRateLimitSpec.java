package io.meshforge.model.spec;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * {@code MeshRateLimitSpec} is the schema of a {@code MeshRateLimit} (under {@code spec}).
 * Sections: {@code to}, {@code from}, {@code rules}.
 *
 * @param targetRef which proxies are configured; {@code Mesh} when omitted
 * @param to limits per destination
 * @param from limits per source (legacy)
 * @param rules inbound limits
 */
public record MeshRateLimitSpec(TargetRef targetRef, List<To> to, List<From> from, List<Rule> rules)
    implements PolicySpec {

  /**
   * Limits for a destination.
   *
   * @param targetRef the destination
   * @param defaults the limits
   */
  public record To(@Required TargetRef targetRef, @Required @JsonProperty("default") Conf defaults)
      implements PolicyTo {}

  /**
   * Limits for a source.
   *
   * @param targetRef the source
   * @param defaults the limits
   */
  public record From(
      @Required TargetRef targetRef, @Required @JsonProperty("default") Conf defaults)
      implements PolicyFrom {}

  /**
   * Inbound limits.
   *
   * @param defaults the limits
   */
  public record Rule(@Required @JsonProperty("default") Conf defaults) {}

  /**
   * Rate limits.
   *
   * @param local limits enforced by each proxy on its own
   */
  public record Conf(Local local) {}

  /**
   * Local limits.
   *
   * @param http HTTP request limits
   * @param tcp TCP connection limits
   */
  public record Local(HttpLimit http, TcpLimit tcp) {}

  /**
   * An HTTP request limit.
   *
   * @param disabled turn it off
   * @param requestRate requests per interval
   * @param onRateLimit the answer to limited requests
   */
  public record HttpLimit(Boolean disabled, Rate requestRate, OnRateLimit onRateLimit) {}

  /**
   * A TCP connection limit.
   *
   * @param disabled turn it off
   * @param connectionRate connections per interval
   */
  public record TcpLimit(Boolean disabled, Rate connectionRate) {}

  /**
   * A rate.
   *
   * @param num how many
   * @param interval per how long
   */
  public record Rate(@Required @Positive Integer num, @Required @Positive GoDuration interval) {}

  /**
   * The answer to limited requests.
   *
   * @param status the HTTP status (429 when unset)
   * @param headers headers added to the answer
   */
  public record OnRateLimit(@Range(min = 100, max = 599) Integer status, HeaderModifier headers) {}
}
