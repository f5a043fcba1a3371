package io.meshforge.model.spec;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * {@code MeshTrafficPermissionSpec} is the schema of a {@code MeshTrafficPermission} (under {@code
 * spec}). Sections: {@code from} (legacy) and {@code rules}.
 *
 * @param targetRef which proxies are configured; {@code Mesh} when omitted
 * @param from per-source actions (legacy)
 * @param rules allow/deny lists matched on the client's identity
 */
public record MeshTrafficPermissionSpec(TargetRef targetRef, List<From> from, List<Rule> rules)
    implements PolicySpec {

  /**
   * The action for a source.
   *
   * @param targetRef the source
   * @param defaults the action
   */
  public record From(
      @Required TargetRef targetRef, @Required @JsonProperty("default") FromConf defaults)
      implements PolicyFrom {}

  /**
   * A legacy action.
   *
   * @param action what happens to the source's traffic
   */
  public record FromConf(@Required Action action) {}

  /** Legacy actions. */
  @SuppressWarnings("java:S115")
  public enum Action {
    /** Let the traffic through. */
    Allow,
    /** Refuse the traffic. */
    Deny,
    /** Let the traffic through, logging that it would be denied. */
    AllowWithShadowDeny
  }

  /**
   * An inbound rule.
   *
   * @param defaults the lists
   */
  public record Rule(@Required @JsonProperty("default") RuleConf defaults) {}

  /**
   * Allow and deny lists; deny wins over allow.
   *
   * @param allow clients let through
   * @param deny clients refused
   * @param allowWithShadowDeny clients let through, logging that they would be denied
   */
  public record RuleConf(List<Match> allow, List<Match> deny, List<Match> allowWithShadowDeny) {}

  /**
   * A client match.
   *
   * @param spiffeID the client's SPIFFE ID
   */
  public record Match(@Required SpiffeIdMatch spiffeID) {}

  /**
   * A SPIFFE ID match.
   *
   * @param type {@code Exact} or {@code Prefix}
   * @param value the ID or its prefix
   */
  public record SpiffeIdMatch(
      @Required MeshExternalServiceSpec.MatchKind type, @Required String value) {}
}
