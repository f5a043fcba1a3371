package io.meshforge.model.spec;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * {@code MeshHttpRouteSpec} is the schema of a {@code MeshHTTPRoute} (under {@code spec}).
 * Sections: {@code to} only; each entry carries ordered rules.
 *
 * @param targetRef which proxies are configured; {@code Mesh} when omitted
 * @param to routes per destination
 */
public record MeshHttpRouteSpec(TargetRef targetRef, List<To> to) implements PolicySpec {

  /**
   * Routes for a destination.
   *
   * @param targetRef the destination
   * @param hostnames hostnames the routes apply to (gateways)
   * @param rules the rules, matched in order of specificity
   */
  public record To(@Required TargetRef targetRef, List<String> hostnames, List<Rule> rules)
      implements PolicyTo {}

  /**
   * A route rule.
   *
   * @param matches the requests it applies to (all when empty)
   * @param defaults what happens to them
   */
  public record Rule(List<Match> matches, @Required @JsonProperty("default") RuleConf defaults) {}

  /**
   * A request match; every field given must match.
   *
   * @param path the path
   * @param method the method
   * @param queryParams query parameters
   * @param headers headers
   */
  public record Match(
      PathMatch path,
      Method method,
      List<QueryParamMatch> queryParams,
      List<HeaderMatch> headers) {}

  /**
   * A path match.
   *
   * @param type how to match
   * @param value the path, prefix or RE2 expression
   */
  public record PathMatch(@Required PathMatchType type, @Required String value) {}

  /** Path match types. */
  @SuppressWarnings("java:S115")
  public enum PathMatchType {
    /** Equal. */
    Exact,
    /** Starts with, on segment boundaries. */
    PathPrefix,
    /** Matches an RE2 regular expression. */
    RegularExpression
  }

  /** HTTP methods. */
  public enum Method {
    /** CONNECT. */
    CONNECT,
    /** DELETE. */
    DELETE,
    /** GET. */
    GET,
    /** HEAD. */
    HEAD,
    /** OPTIONS. */
    OPTIONS,
    /** PATCH. */
    PATCH,
    /** POST. */
    POST,
    /** PUT. */
    PUT,
    /** TRACE. */
    TRACE
  }

  /**
   * A query parameter match.
   *
   * @param type {@code Exact} or {@code RegularExpression}
   * @param name the parameter
   * @param value the value or RE2 expression
   */
  public record QueryParamMatch(
      @Required ValueMatchType type, @Required String name, @Required String value) {}

  /** Query parameter match types. */
  @SuppressWarnings("java:S115")
  public enum ValueMatchType {
    /** Equal. */
    Exact,
    /** Matches an RE2 regular expression. */
    RegularExpression
  }

  /**
   * A header match.
   *
   * @param type how to match; {@code Exact} when unset
   * @param name the header
   * @param value the value, prefix or RE2 expression (not for {@code Present}/{@code Absent})
   */
  public record HeaderMatch(HeaderMatchType type, @Required String name, String value) {}

  /** Header match types. */
  @SuppressWarnings("java:S115")
  public enum HeaderMatchType {
    /** Equal. */
    Exact,
    /** The header is there. */
    Present,
    /** Matches an RE2 regular expression. */
    RegularExpression,
    /** The header is not there. */
    Absent,
    /** Starts with. */
    Prefix
  }

  /**
   * What a rule does.
   *
   * @param filters request and response changes
   * @param backendRefs where the requests go, by weight
   */
  public record RuleConf(List<Filter> filters, List<BackendRef> backendRefs) {}

  /**
   * A filter; set the field matching its type.
   *
   * @param type the filter type
   * @param requestHeaderModifier request header changes
   * @param responseHeaderModifier response header changes
   * @param requestRedirect a redirect answered by the proxy
   * @param urlRewrite a rewrite of the request URL
   * @param requestMirror a copy of the traffic sent elsewhere
   */
  public record Filter(
      @Required FilterType type,
      HeaderModifier requestHeaderModifier,
      HeaderModifier responseHeaderModifier,
      RequestRedirect requestRedirect,
      UrlRewrite urlRewrite,
      RequestMirror requestMirror) {}

  /** Filter types. */
  @SuppressWarnings("java:S115")
  public enum FilterType {
    /** Change request headers. */
    RequestHeaderModifier,
    /** Change response headers. */
    ResponseHeaderModifier,
    /** Answer with a redirect. */
    RequestRedirect,
    /** Rewrite the URL. */
    URLRewrite,
    /** Mirror the traffic. */
    RequestMirror
  }

  /**
   * A redirect.
   *
   * @param scheme {@code http} or {@code https}
   * @param hostname the new host
   * @param path the new path
   * @param port the new port
   * @param statusCode 301, 302, 303, 307 or 308
   */
  public record RequestRedirect(
      Scheme scheme,
      String hostname,
      PathRewrite path,
      @Range(min = 1, max = 65535) Integer port,
      Integer statusCode) {}

  /** Redirect schemes. */
  @SuppressWarnings("java:S115")
  public enum Scheme {
    /** HTTP. */
    http,
    /** HTTPS. */
    https
  }

  /**
   * A path rewrite.
   *
   * @param type {@code ReplaceFullPath} or {@code ReplacePrefixMatch}
   * @param replaceFullPath the new path
   * @param replacePrefixMatch the new prefix
   */
  public record PathRewrite(
      @Required PathRewriteType type, String replaceFullPath, String replacePrefixMatch) {}

  /** Path rewrite types. */
  @SuppressWarnings("java:S115")
  public enum PathRewriteType {
    /** Replace the whole path. */
    ReplaceFullPath,
    /** Replace the matched prefix. */
    ReplacePrefixMatch
  }

  /**
   * A URL rewrite.
   *
   * @param hostname the new host
   * @param path the new path
   * @param hostToBackendHostname use the backend's hostname as host
   */
  public record UrlRewrite(String hostname, PathRewrite path, Boolean hostToBackendHostname) {}

  /**
   * Traffic mirroring.
   *
   * @param backendRef where copies go
   * @param percentage share of requests copied
   */
  public record RequestMirror(@Required BackendRef backendRef, Percentage percentage) {}
}
