package io.meshforge.model.spec;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * {@code MeshTcpRouteSpec} is the schema of a {@code MeshTCPRoute} (under {@code spec}). Sections:
 * {@code to} only.
 *
 * @param targetRef which proxies are configured; {@code Mesh} when omitted
 * @param to routes per destination
 */
public record MeshTcpRouteSpec(TargetRef targetRef, List<To> to) implements PolicySpec {

  /**
   * Routes for a destination.
   *
   * @param targetRef the destination
   * @param rules the rules (one today)
   */
  public record To(@Required TargetRef targetRef, List<Rule> rules) implements PolicyTo {}

  /**
   * A rule.
   *
   * @param defaults where the traffic goes
   */
  public record Rule(@Required @JsonProperty("default") RuleConf defaults) {}

  /**
   * Where the traffic goes.
   *
   * @param backendRefs the backends, by weight
   */
  public record RuleConf(List<BackendRef> backendRefs) {}
}
