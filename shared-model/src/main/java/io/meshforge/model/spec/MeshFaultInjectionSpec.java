package io.meshforge.model.spec;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * {@code MeshFaultInjectionSpec} is the schema of a {@code MeshFaultInjection} (under {@code
 * spec}). Sections: {@code to}, {@code from}, {@code rules}.
 *
 * @param targetRef which proxies are configured; {@code Mesh} when omitted
 * @param to faults per destination
 * @param from faults per source (legacy)
 * @param rules inbound faults
 */
public record MeshFaultInjectionSpec(
    TargetRef targetRef, List<To> to, List<From> from, List<Rule> rules) implements PolicySpec {

  /**
   * Faults for a destination.
   *
   * @param targetRef the destination
   * @param defaults the faults
   */
  public record To(@Required TargetRef targetRef, @Required @JsonProperty("default") Conf defaults)
      implements PolicyTo, PolicyEntry<Conf> {}

  /**
   * Faults for a source.
   *
   * @param targetRef the source
   * @param defaults the faults
   */
  public record From(
      @Required TargetRef targetRef, @Required @JsonProperty("default") Conf defaults)
      implements PolicyFrom, PolicyEntry<Conf> {}

  /**
   * Inbound faults.
   *
   * @param defaults the faults
   */
  public record Rule(@Required @JsonProperty("default") Conf defaults)
      implements PolicyEntry<Conf> {}

  /**
   * Faults.
   *
   * @param http HTTP faults
   */
  public record Conf(List<HttpFault> http) {}

  /**
   * An HTTP fault.
   *
   * @param abort answer with an error
   * @param delay delay the request
   * @param responseBandwidth throttle the response
   */
  public record HttpFault(Abort abort, Delay delay, ResponseBandwidth responseBandwidth) {}

  /**
   * An abort.
   *
   * @param httpStatus the status returned
   * @param percentage share of requests aborted
   */
  public record Abort(
      @Required @Range(min = 100, max = 599) Integer httpStatus, @Required Percentage percentage) {}

  /**
   * A delay.
   *
   * @param value how long
   * @param percentage share of requests delayed
   */
  public record Delay(@Required GoDuration value, @Required Percentage percentage) {}

  /**
   * A response bandwidth limit.
   *
   * @param limit e.g. {@code 10kbps}, {@code 1mbps}
   * @param percentage share of requests throttled
   */
  public record ResponseBandwidth(@Required String limit, @Required Percentage percentage) {}
}
