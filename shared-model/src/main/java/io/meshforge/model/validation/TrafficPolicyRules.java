package io.meshforge.model.validation;

import io.meshforge.model.spec.IntOrString;
import io.meshforge.model.spec.MeshCircuitBreakerSpec;
import io.meshforge.model.spec.MeshFaultInjectionSpec;
import io.meshforge.model.spec.MeshHealthCheckSpec;
import io.meshforge.model.spec.MeshLoadBalancingStrategySpec;
import io.meshforge.model.spec.MeshLoadBalancingStrategySpec.FailoverType;
import io.meshforge.model.spec.MeshProxyPatchSpec;
import io.meshforge.model.spec.MeshRetrySpec;
import io.meshforge.model.spec.MeshTrafficPermissionSpec;
import java.util.List;
import java.util.Set;

/**
 * {@code TrafficPolicyRules} holds the type-specific rules of the traffic policies that need more
 * than the schema and {@link PolicyRules}.
 */
final class TrafficPolicyRules {

  private static final Set<String> HTTP_RETRY_ON =
      Set.of(
          "5xx",
          "gateway-error",
          "reset",
          "retriable-4xx",
          "connect-failure",
          "envoy-ratelimited",
          "refused-stream",
          "http3-post-connect-failure",
          "retriable-status-codes",
          "5XX",
          "GatewayError",
          "Reset",
          "Retriable4xx",
          "ConnectFailure",
          "EnvoyRatelimited",
          "RefusedStream",
          "Http3PostConnectFailure",
          "HttpMethodConnect",
          "HttpMethodDelete",
          "HttpMethodGet",
          "HttpMethodHead",
          "HttpMethodOptions",
          "HttpMethodPatch",
          "HttpMethodPost",
          "HttpMethodPut",
          "HttpMethodTrace");

  private TrafficPolicyRules() {}

  /** Rules for MeshTrafficPermission: SPIFFE IDs and non-empty rules. */
  static final SpecRules<MeshTrafficPermissionSpec> TRAFFIC_PERMISSION =
      (spec, at) ->
          Elements.each(
              spec.rules(),
              at.field("rules"),
              (rule, ruleAt) -> {
                MeshTrafficPermissionSpec.RuleConf conf = rule.defaults();
                if (conf == null) {
                  return;
                }
                ViolationCollector confAt = ruleAt.field("default");
                if (conf.allow().isEmpty()
                    && conf.deny().isEmpty()
                    && conf.allowWithShadowDeny().isEmpty()) {
                  confAt.add("must have at least one of allow, deny, allowWithShadowDeny");
                }
                checkMatches(conf.allow(), confAt.field("allow"));
                checkMatches(conf.deny(), confAt.field("deny"));
                checkMatches(conf.allowWithShadowDeny(), confAt.field("allowWithShadowDeny"));
              });

  private static void checkMatches(
      List<MeshTrafficPermissionSpec.Match> matches, ViolationCollector at) {
    Elements.each(
        matches,
        at,
        (match, matchAt) -> {
          if (match.spiffeID() != null
              && match.spiffeID().value() != null
              && !match.spiffeID().value().startsWith("spiffe://")) {
            matchAt.field("spiffeID").field("value").add("must start with spiffe://");
          }
        });
  }

  /** Rules for MeshRetry: retryOn conditions and back-off bounds. */
  static final SpecRules<MeshRetrySpec> RETRY =
      (spec, at) ->
          Elements.each(
              spec.to(),
              at.field("to"),
              (to, toAt) -> {
                if (to.defaults() == null || to.defaults().http() == null) {
                  return;
                }
                MeshRetrySpec.Http http = to.defaults().http();
                ViolationCollector httpAt = toAt.field("default").field("http");
                Elements.each(
                    http.retryOn(),
                    httpAt.field("retryOn"),
                    (condition, conditionAt) -> {
                      if (!HTTP_RETRY_ON.contains(condition)
                          && !condition.matches("[1-5][0-9]{2}")) {
                        conditionAt.add(
                            "must be a retry condition such as 5xx or an HTTP status code");
                      }
                    });
                MeshRetrySpec.BackOff backOff = http.backOff();
                if (backOff != null
                    && backOff.baseInterval() != null
                    && backOff.maxInterval() != null
                    && backOff.maxInterval().value().compareTo(backOff.baseInterval().value())
                        < 0) {
                  httpAt
                      .field("backOff")
                      .field("maxInterval")
                      .add("must not be less than baseInterval");
                }
              });

  /**
   * Rules for MeshCircuitBreaker: a success-rate {@code standardDeviationFactor} given as a string
   * must be a decimal number (Envoy takes it in thousandths).
   */
  static final SpecRules<MeshCircuitBreakerSpec> CIRCUIT_BREAKER =
      (spec, at) ->
          PolicyDefaults.each(
              spec,
              MeshCircuitBreakerSpec.Conf.class,
              at,
              (conf, confAt) -> {
                MeshCircuitBreakerSpec.OutlierDetection detection = conf.outlierDetection();
                if (detection == null
                    || detection.detectors() == null
                    || detection.detectors().successRate() == null) {
                  return;
                }
                IntOrString factor = detection.detectors().successRate().standardDeviationFactor();
                if (factor != null
                    && !factor.isNumber()
                    && !factor.text().matches("[0-9]{1,6}(\\.[0-9]{1,3})?")) {
                  confAt
                      .field("outlierDetection")
                      .field("detectors")
                      .field("successRate")
                      .field("standardDeviationFactor")
                      .add("must be a non-negative decimal number such as 1.9");
                }
              });

  /** Rules for MeshHealthCheck: statuses, paths and the event log file. */
  static final SpecRules<MeshHealthCheckSpec> HEALTH_CHECK =
      (spec, at) ->
          Elements.each(
              spec.to(),
              at.field("to"),
              (to, toAt) -> {
                MeshHealthCheckSpec.Conf conf = to.defaults();
                if (conf == null) {
                  return;
                }
                ViolationCollector confAt = toAt.field("default");
                EndpointRules.checkFilePath(conf.eventLogPath(), confAt.field("eventLogPath"));
                if (conf.http() != null) {
                  ViolationCollector httpAt = confAt.field("http");
                  if (conf.http().path() != null && !conf.http().path().startsWith("/")) {
                    httpAt.field("path").add("must start with '/'");
                  }
                  Elements.each(
                      conf.http().expectedStatuses(),
                      httpAt.field("expectedStatuses"),
                      (status, statusAt) -> {
                        if (status < 100 || status > 599) {
                          statusAt.add("must be an HTTP status from 100 to 599");
                        }
                      });
                }
                if (conf.tcp() != null) {
                  ViolationCollector tcpAt = confAt.field("tcp");
                  if (conf.tcp().send() != null
                      && !ResourceReferenceRules.isBase64(conf.tcp().send())) {
                    tcpAt.field("send").add("must be base64-encoded");
                  }
                  Elements.each(
                      conf.tcp().receive(),
                      tcpAt.field("receive"),
                      (payload, payloadAt) -> {
                        if (!ResourceReferenceRules.isBase64(payload)) {
                          payloadAt.add("must be base64-encoded");
                        }
                      });
                }
              });

  /** Rules for MeshLoadBalancingStrategy: failover zones and algorithm blocks. */
  static final SpecRules<MeshLoadBalancingStrategySpec> LOAD_BALANCING =
      (spec, at) ->
          Elements.each(
              spec.to(),
              at.field("to"),
              (to, toAt) -> {
                MeshLoadBalancingStrategySpec.Conf conf = to.defaults();
                if (conf == null) {
                  return;
                }
                ViolationCollector confAt = toAt.field("default");
                if (conf.localityAwareness() != null
                    && conf.localityAwareness().localZone() != null) {
                  checkAffinityTags(
                      conf.localityAwareness().localZone().affinityTags(),
                      confAt.field("localityAwareness").field("localZone").field("affinityTags"));
                }
                if (conf.localityAwareness() != null
                    && conf.localityAwareness().crossZone() != null) {
                  Elements.each(
                      conf.localityAwareness().crossZone().failover(),
                      confAt.field("localityAwareness").field("crossZone").field("failover"),
                      TrafficPolicyRules::checkFailover);
                }
                checkLoadBalancer(conf.loadBalancer(), confAt.field("loadBalancer"));
              });

  /**
   * Most affinity tags a policy may list: their default weights 9·10^(n−i−1) fit Envoy's uint32.
   */
  static final int MAX_AFFINITY_TAGS = 9;

  /**
   * Affinity tags (ADR 0026): distinct keys, at most {@value #MAX_AFFINITY_TAGS}, and weights on
   * all of them or on none (a partial set has no meaning: defaults are positional).
   */
  private static void checkAffinityTags(
      List<MeshLoadBalancingStrategySpec.AffinityTag> tags, ViolationCollector at) {
    if (tags == null || tags.isEmpty()) {
      return;
    }
    if (tags.size() > MAX_AFFINITY_TAGS) {
      at.add("must list at most " + MAX_AFFINITY_TAGS + " tags");
    }
    long weighted = tags.stream().filter(t -> t != null && t.weight() != null).count();
    Set<String> keys = new java.util.HashSet<>();
    for (int i = 0; i < tags.size(); i++) {
      MeshLoadBalancingStrategySpec.AffinityTag tag = tags.get(i);
      if (tag == null || tag.key() == null) {
        continue;
      }
      if (!keys.add(tag.key())) {
        at.index(i).field("key").add("must not repeat an earlier tag");
      }
      if (weighted > 0 && weighted < tags.size() && tag.weight() == null) {
        at.index(i).field("weight").add("must be set on every tag when one tag has a weight");
      }
    }
  }

  private static void checkFailover(
      MeshLoadBalancingStrategySpec.Failover failover, ViolationCollector at) {
    MeshLoadBalancingStrategySpec.ToZones to = failover.to();
    if (to == null || to.type() == null) {
      return;
    }
    boolean listed = to.type() == FailoverType.Only || to.type() == FailoverType.AnyExcept;
    if (listed && to.zones().isEmpty()) {
      at.field("to").field("zones").add("is required for type " + to.type());
    } else if (!listed && !to.zones().isEmpty()) {
      at.field("to").field("zones").add("must be empty for type " + to.type());
    }
    Elements.each(to.zones(), at.field("to").field("zones"), ResourceNames::validate);
    if (failover.from() != null) {
      Elements.each(
          failover.from().zones(), at.field("from").field("zones"), ResourceNames::validate);
    }
  }

  private static void checkLoadBalancer(
      MeshLoadBalancingStrategySpec.LoadBalancer lb, ViolationCollector at) {
    if (lb == null || lb.type() == null) {
      return;
    }
    var type = lb.type();
    checkBlock(lb.leastRequest(), type.name().equals("LeastRequest"), "leastRequest", at);
    checkBlock(lb.ringHash(), type.name().equals("RingHash"), "ringHash", at);
    checkBlock(lb.maglev(), type.name().equals("Maglev"), "maglev", at);
    var ring = lb.ringHash();
    if (ring != null
        && ring.minRingSize() != null
        && ring.maxRingSize() != null
        && ring.minRingSize() > ring.maxRingSize()) {
      at.field("ringHash").field("minRingSize").add("must not be greater than maxRingSize");
    }
  }

  private static void checkBlock(
      Object block, boolean matches, String name, ViolationCollector at) {
    if (block != null && !matches) {
      at.field(name)
          .add(
              "is only allowed when type is "
                  + Character.toUpperCase(name.charAt(0))
                  + name.substring(1));
    }
  }

  /** Rules for MeshFaultInjection: bandwidth limits. */
  static final SpecRules<MeshFaultInjectionSpec> FAULT_INJECTION =
      (spec, at) ->
          PolicyDefaults.each(
              spec,
              MeshFaultInjectionSpec.Conf.class,
              at,
              (conf, path) ->
                  Elements.each(conf.http(), path.field("http"), TrafficPolicyRules::checkFault));

  private static void checkFault(MeshFaultInjectionSpec.HttpFault fault, ViolationCollector at) {
    if (fault.abort() == null && fault.delay() == null && fault.responseBandwidth() == null) {
      at.add("must have at least one of abort, delay, responseBandwidth");
    }
    var bandwidth = fault.responseBandwidth();
    if (bandwidth != null
        && bandwidth.limit() != null
        && !bandwidth.limit().matches("[0-9]{1,12}(gbps|mbps|kbps|bps)")) {
      at.field("responseBandwidth")
          .field("limit")
          .add("must be a rate such as 10kbps, 5mbps or 1gbps");
    }
  }

  /** Rules for MeshProxyPatch: each modification changes exactly one kind of object. */
  static final SpecRules<MeshProxyPatchSpec> PROXY_PATCH =
      (spec, at) -> {
        if (spec.defaults() == null) {
          return;
        }
        ViolationCollector modsAt = at.field("default").field("appendModifications");
        if (spec.defaults().appendModifications().isEmpty()) {
          modsAt.add("must have at least one modification");
        }
        Elements.each(
            spec.defaults().appendModifications(),
            modsAt,
            (mod, modAt) -> {
              int set =
                  Elements.countSet(
                      mod.cluster(),
                      mod.listener(),
                      mod.networkFilter(),
                      mod.httpFilter(),
                      mod.virtualHost());
              if (set != 1) {
                modAt.add(
                    "must have exactly one of cluster, listener, networkFilter, httpFilter, virtualHost");
              }
            });
      };
}
