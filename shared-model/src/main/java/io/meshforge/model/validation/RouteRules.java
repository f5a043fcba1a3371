package io.meshforge.model.validation;

import io.meshforge.model.spec.BackendRef;
import io.meshforge.model.spec.HeaderModifier;
import io.meshforge.model.spec.HttpHeader;
import io.meshforge.model.spec.MeshHttpRouteSpec;
import io.meshforge.model.spec.MeshHttpRouteSpec.FilterType;
import io.meshforge.model.spec.MeshTcpRouteSpec;
import io.meshforge.model.spec.TargetRefKind;
import java.util.List;
import java.util.Set;

/**
 * {@code RouteRules} checks MeshHTTPRoute and MeshTCPRoute: paths, RE2 regexes, header names,
 * filters whose block matches their type, redirect codes and backendRef kinds.
 */
final class RouteRules {

  private static final Set<TargetRefKind> BACKEND_KINDS =
      Set.of(
          TargetRefKind.MeshService,
          TargetRefKind.MeshExternalService,
          TargetRefKind.MeshMultiZoneService);
  private static final Set<Integer> REDIRECT_CODES = Set.of(301, 302, 303, 307, 308);
  private static final String HEADER_NAME = "[A-Za-z0-9!#$%&'*+\\-.^_`|~:]{1,256}";

  private RouteRules() {}

  /** Rules for MeshHTTPRoute. */
  static final SpecRules<MeshHttpRouteSpec> HTTP =
      (spec, at) ->
          Elements.each(
              spec.to(),
              at.field("to"),
              (to, toAt) -> {
                Elements.each(
                    to.hostnames(),
                    toAt.field("hostnames"),
                    (host, hostAt) -> {
                      if (!host.matches("(\\*\\.)?[a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?")) {
                        hostAt.add("must be a lowercase hostname, optionally starting with *.");
                      }
                    });
                Elements.each(to.rules(), toAt.field("rules"), RouteRules::checkHttpRule);
              });

  /** Rules for MeshTCPRoute. */
  static final SpecRules<MeshTcpRouteSpec> TCP =
      (spec, at) ->
          Elements.each(
              spec.to(),
              at.field("to"),
              (to, toAt) ->
                  Elements.each(
                      to.rules(),
                      toAt.field("rules"),
                      (rule, ruleAt) -> {
                        if (rule.defaults() != null) {
                          checkBackendRefs(
                              rule.defaults().backendRefs(),
                              ruleAt.field("default").field("backendRefs"));
                        }
                      }));

  private static void checkHttpRule(MeshHttpRouteSpec.Rule rule, ViolationCollector at) {
    Elements.each(rule.matches(), at.field("matches"), RouteRules::checkMatch);
    if (rule.defaults() == null) {
      return;
    }
    ViolationCollector defaultAt = at.field("default");
    Elements.each(rule.defaults().filters(), defaultAt.field("filters"), RouteRules::checkFilter);
    checkBackendRefs(rule.defaults().backendRefs(), defaultAt.field("backendRefs"));
  }

  private static void checkMatch(MeshHttpRouteSpec.Match match, ViolationCollector at) {
    MeshHttpRouteSpec.PathMatch path = match.path();
    if (path != null && path.type() != null && path.value() != null) {
      ViolationCollector valueAt = at.field("path").field("value");
      if (path.type() == MeshHttpRouteSpec.PathMatchType.RegularExpression) {
        RegexRules.check(path.value(), valueAt);
      } else if (!path.value().startsWith("/")) {
        valueAt.add("must start with '/'");
      }
    }
    Elements.each(
        match.queryParams(),
        at.field("queryParams"),
        (param, paramAt) -> {
          if (param.type() == MeshHttpRouteSpec.ValueMatchType.RegularExpression) {
            RegexRules.check(param.value(), paramAt.field("value"));
          }
        });
    Elements.each(
        match.headers(),
        at.field("headers"),
        (header, headerAt) -> {
          checkHeaderName(header.name(), headerAt.field("name"));
          MeshHttpRouteSpec.HeaderMatchType type = header.type();
          boolean presence =
              type == MeshHttpRouteSpec.HeaderMatchType.Present
                  || type == MeshHttpRouteSpec.HeaderMatchType.Absent;
          if (type == MeshHttpRouteSpec.HeaderMatchType.RegularExpression) {
            RegexRules.check(header.value(), headerAt.field("value"));
          }
          if (!presence && header.value() == null) {
            headerAt.field("value").add("is required for this match type");
          }
        });
  }

  private static void checkFilter(MeshHttpRouteSpec.Filter filter, ViolationCollector at) {
    if (filter.type() == null) {
      return;
    }
    Object block =
        switch (filter.type()) {
          case RequestHeaderModifier -> filter.requestHeaderModifier();
          case ResponseHeaderModifier -> filter.responseHeaderModifier();
          case RequestRedirect -> filter.requestRedirect();
          case URLRewrite -> filter.urlRewrite();
          case RequestMirror -> filter.requestMirror();
        };
    int set =
        Elements.countSet(
            filter.requestHeaderModifier(),
            filter.responseHeaderModifier(),
            filter.requestRedirect(),
            filter.urlRewrite(),
            filter.requestMirror());
    if (block == null || set != 1) {
      at.add("must set exactly the block matching its type " + blockName(filter.type()));
    }
    checkHeaderModifier(filter.requestHeaderModifier(), at.field("requestHeaderModifier"));
    checkHeaderModifier(filter.responseHeaderModifier(), at.field("responseHeaderModifier"));
    MeshHttpRouteSpec.RequestRedirect redirect = filter.requestRedirect();
    if (redirect != null
        && redirect.statusCode() != null
        && !REDIRECT_CODES.contains(redirect.statusCode())) {
      at.field("requestRedirect").field("statusCode").add("must be one of 301, 302, 303, 307, 308");
    }
    if (filter.requestMirror() != null && filter.requestMirror().backendRef() != null) {
      checkBackendRef(
          filter.requestMirror().backendRef(), at.field("requestMirror").field("backendRef"));
    }
  }

  private static String blockName(FilterType type) {
    return type == FilterType.URLRewrite
        ? "(urlRewrite)"
        : "(" + Character.toLowerCase(type.name().charAt(0)) + type.name().substring(1) + ")";
  }

  private static void checkHeaderModifier(HeaderModifier modifier, ViolationCollector at) {
    if (modifier == null) {
      return;
    }
    for (String list : List.of("add", "set")) {
      List<HttpHeader> headers = list.equals("add") ? modifier.add() : modifier.set();
      Elements.each(
          headers, at.field(list), (h, hAt) -> checkHeaderName(h.name(), hAt.field("name")));
    }
    Elements.each(modifier.remove(), at.field("remove"), RouteRules::checkHeaderName);
  }

  static void checkHeaderName(String name, ViolationCollector at) {
    if (name != null && !name.matches(HEADER_NAME)) {
      at.add("must be a valid HTTP header name");
    }
  }

  private static void checkBackendRefs(List<BackendRef> refs, ViolationCollector at) {
    Elements.each(refs, at, RouteRules::checkBackendRef);
  }

  private static void checkBackendRef(BackendRef ref, ViolationCollector at) {
    if (ref.kind() != null && !BACKEND_KINDS.contains(ref.kind())) {
      at.field("kind")
          .add("must be one of: MeshService, MeshExternalService, MeshMultiZoneService");
    }
    if (ref.name() == null && ref.labels().isEmpty()) {
      at.field("name").add("is required (or select by labels)");
    }
    LabelRules.validate(ref.labels(), at.field("labels"));
  }
}
