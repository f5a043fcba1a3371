package io.meshforge.zone.xds.policy;

import com.google.protobuf.Any;
import com.google.protobuf.UInt32Value;
import io.envoyproxy.envoy.config.route.v3.HeaderMatcher;
import io.envoyproxy.envoy.config.route.v3.RetryPolicy;
import io.envoyproxy.envoy.config.route.v3.Route;
import io.envoyproxy.envoy.config.route.v3.RouteConfiguration;
import io.envoyproxy.envoy.config.route.v3.VirtualHost;
import io.envoyproxy.envoy.extensions.retry.host.previous_hosts.v3.PreviousHostsPredicate;
import io.envoyproxy.envoy.extensions.retry.priority.previous_priorities.v3.PreviousPrioritiesConfig;
import io.envoyproxy.envoy.type.matcher.v3.RegexMatcher;
import io.envoyproxy.envoy.type.matcher.v3.StringMatcher;
import io.meshforge.model.ResourceTypes;
import io.meshforge.model.spec.GoDuration;
import io.meshforge.model.spec.MeshRetrySpec;
import io.meshforge.model.spec.MeshRetrySpec.Conf;
import io.meshforge.model.spec.MeshRetrySpec.GrpcRetryOn;
import io.meshforge.zone.xds.context.Destination;
import io.meshforge.zone.xds.context.OutboundPort;
import io.meshforge.zone.xds.context.Protocol;
import io.meshforge.zone.xds.context.ProxyContext;
import io.meshforge.zone.xds.context.SameInstance;
import io.meshforge.zone.xds.envoy.EnvoyDurations;
import io.meshforge.zone.xds.envoy.EnvoyNames;
import io.meshforge.zone.xds.envoy.NetworkFilters;
import io.meshforge.zone.xds.generator.EnvoyResources;
import io.meshforge.zone.xds.generator.ResourceGenerator;
import io.meshforge.zone.xds.generator.SharedResources;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Applies MeshRetry {@code to[]} per destination: {@code http} to the routes of HTTP and HTTP/2
 * destinations, {@code grpc} to the routes of gRPC ones (a route's {@code retry_policy}), and
 * {@code tcp.maxConnectAttempt} to the TCP proxy of TCP outbounds ({@code max_connect_attempts}).
 * Built-in defaults ({@link #OUTBOUND_DEFAULTS}, equal to the default policy global creates) lie
 * beneath every policy, so outbounds retry even without a MeshRetry (ADR 0023).
 *
 * <p>{@code retryOn} takes Envoy's condition names or Kuma's spelling of them ({@code 5XX}, {@code
 * GatewayError}, ...); HTTP status codes become {@code retriable-status-codes}, and {@code
 * HttpMethod*} values restrict retries to requests with those methods. Without {@code retryOn},
 * HTTP retries on {@code 5xx,reset,connect-failure,refused-stream} and gRPC on {@code
 * unavailable,cancelled,resource-exhausted,deadline-exceeded} (ADR 0019).
 */
public final class MeshRetryGenerator implements ResourceGenerator {

  static final String DEFAULT_HTTP_RETRY_ON = "5xx,reset,connect-failure,refused-stream";
  static final String DEFAULT_GRPC_RETRY_ON =
      "unavailable,cancelled,resource-exhausted,deadline-exceeded";

  private static final Map<String, String> KUMA_CONDITIONS =
      Map.of(
          "5XX", "5xx",
          "GatewayError", "gateway-error",
          "Reset", "reset",
          "Retriable4xx", "retriable-4xx",
          "ConnectFailure", "connect-failure",
          "EnvoyRatelimited", "envoy-ratelimited",
          "RefusedStream", "refused-stream",
          "Http3PostConnectFailure", "http3-post-connect-failure");

  private static final String METHOD_PREFIX = "HttpMethod";

  /**
   * Beneath every outbound MeshRetry: the values of the default policy global creates per mesh
   * ({@code DefaultMeshPolicies}), so a mesh without it (skipped, deleted, not synced yet) still
   * retries a failed try in the next zone and failover loses no request (ADR 0023).
   */
  static final tools.jackson.databind.JsonNode OUTBOUND_DEFAULTS =
      PolicyConfs.builtIn(
          """
          {"tcp": {"maxConnectAttempt": 5},
           "http": {"numRetries": 5, "perTryTimeout": "16s",
                    "backOff": {"baseInterval": "25ms", "maxInterval": "250ms"}},
           "grpc": {"numRetries": 5, "perTryTimeout": "16s",
                    "backOff": {"baseInterval": "25ms", "maxInterval": "250ms"}}}\
          """);

  /** Retries avoid the hosts and the priority level (zone) already tried. */
  static final List<MeshRetrySpec.HostSelection> DEFAULT_HOST_SELECTION =
      List.of(
          new MeshRetrySpec.HostSelection(
              MeshRetrySpec.HostPredicate.OmitPreviousHosts, null, null),
          new MeshRetrySpec.HostSelection(
              MeshRetrySpec.HostPredicate.OmitPreviousPriorities, null, 1));

  /** Envoy requires a base interval when a back-off is given; 25 ms is Envoy's own default. */
  private static final java.time.Duration DEFAULT_BASE_INTERVAL = java.time.Duration.ofMillis(25);

  @Override
  public void generate(ProxyContext proxy, EnvoyResources out) {
    OutboundConfs<Conf> confs =
        PolicyConfs.outbound(proxy, ResourceTypes.MESH_RETRY, OUTBOUND_DEFAULTS, Conf.class);
    for (OutboundPort outbound : proxy.outbounds()) {
      Destination destination = outbound.destination();
      Optional<Conf> conf = confs.of(destination);
      if (conf.isEmpty()) {
        continue;
      }
      if (destination.protocol().http()) {
        sharedRetryPolicy(proxy, conf.get(), destination.protocol())
            .ifPresent(policy ->
                out.route(EnvoyNames.outboundRoute(destination.clusterName()))
                    .ifPresent(route ->
                        out.replace(
                            SharedResources.refined(
                                proxy,
                                "MeshRetry/route",
                                route,
                                new SameInstance(policy),
                                () -> withRetries(route, policy)))));
      } else if (conf.get().tcp() != null && conf.get().tcp().maxConnectAttempt() != null) {
        int attempts = conf.get().tcp().maxConnectAttempt();
        out.listener(EnvoyNames.outboundListener(outbound.address(), outbound.port()))
            .ifPresent(listener ->
                out.replace(
                    SharedResources.refined(
                        proxy,
                        "MeshRetry/listener",
                        listener,
                        attempts,
                        () ->
                            NetworkFilters.withTcpProxy(
                                listener,
                                p -> p.setMaxConnectAttempts(UInt32Value.of(attempts))))));
      }
    }
  }

  /**
   * The retry policy for a destination of this protocol, built once per mesh change for each conf
   * instance (the mesh's one instance for its inputs, see {@code PolicyConfs}) rather than once per
   * proxy and destination: every route with the built-in defaults then gets the very same policy,
   * whose identity keys the route refinement (comparing policies by content per route would cost
   * about what building them does).
   */
  private static Optional<RetryPolicy> sharedRetryPolicy(
      ProxyContext proxy, Conf conf, Protocol protocol) {
    return proxy
        .mesh()
        .shared(
            new SharedRetryPolicy(new SameInstance(conf), protocol),
            () -> retryPolicy(conf, protocol));
  }

  /** The memo key of a conf's retry policy for one protocol. */
  private record SharedRetryPolicy(SameInstance conf, Protocol protocol) {}

  /** The retry policy for a destination of this protocol, if the conf has its section. */
  static Optional<RetryPolicy> retryPolicy(Conf conf, Protocol protocol) {
    if (protocol == Protocol.GRPC) {
      return Optional.ofNullable(conf.grpc()).map(MeshRetryGenerator::grpc);
    }
    return Optional.ofNullable(conf.http()).map(MeshRetryGenerator::http);
  }

  /** The retry policy of an HTTP destination. */
  static RetryPolicy http(MeshRetrySpec.Http http) {
    RetryPolicy.Builder policy = RetryPolicy.newBuilder();
    common(policy, http.numRetries(), http.perTryTimeout(), http.backOff());
    rateLimited(policy, http.rateLimitedBackOff());
    Set<String> conditions = new LinkedHashSet<>();
    List<Integer> statuses = new ArrayList<>();
    List<String> methods = new ArrayList<>();
    for (String condition : http.retryOn() == null ? List.<String>of() : http.retryOn()) {
      if (condition.matches("[1-5][0-9]{2}")) {
        statuses.add(Integer.parseInt(condition));
        conditions.add("retriable-status-codes");
      } else if (condition.startsWith(METHOD_PREFIX)) {
        methods.add(condition.substring(METHOD_PREFIX.length()).toUpperCase(Locale.ROOT));
      } else {
        conditions.add(KUMA_CONDITIONS.getOrDefault(condition, condition));
      }
    }
    policy.setRetryOn(conditions.isEmpty() ? DEFAULT_HTTP_RETRY_ON : String.join(",", conditions));
    policy.addAllRetriableStatusCodes(statuses);
    if (!methods.isEmpty()) {
      policy.addRetriableRequestHeaders(
          HeaderMatcher.newBuilder()
              .setName(":method")
              .setStringMatch(
                  StringMatcher.newBuilder()
                      .setSafeRegex(
                          RegexMatcher.newBuilder().setRegex(String.join("|", methods)))));
    }
    headers(http.retriableResponseHeaders()).forEach(policy::addRetriableHeaders);
    headers(http.retriableRequestHeaders()).forEach(policy::addRetriableRequestHeaders);
    hostSelection(policy, http);
    return policy.build();
  }

  /** The retry policy of a gRPC destination. */
  static RetryPolicy grpc(MeshRetrySpec.Grpc grpc) {
    RetryPolicy.Builder policy = RetryPolicy.newBuilder();
    common(policy, grpc.numRetries(), grpc.perTryTimeout(), grpc.backOff());
    rateLimited(policy, grpc.rateLimitedBackOff());
    List<String> conditions = new ArrayList<>();
    for (GrpcRetryOn on : grpc.retryOn() == null ? List.<GrpcRetryOn>of() : grpc.retryOn()) {
      conditions.add(
          switch (on) {
            case Canceled -> "cancelled";
            case DeadlineExceeded -> "deadline-exceeded";
            case Internal -> "internal";
            case ResourceExhausted -> "resource-exhausted";
            case Unavailable -> "unavailable";
          });
    }
    policy.setRetryOn(conditions.isEmpty() ? DEFAULT_GRPC_RETRY_ON : String.join(",", conditions));
    return policy.build();
  }

  private static void common(
      RetryPolicy.Builder policy,
      Integer numRetries,
      GoDuration perTryTimeout,
      MeshRetrySpec.BackOff backOff) {
    if (numRetries != null) {
      policy.setNumRetries(UInt32Value.of(numRetries));
    }
    if (perTryTimeout != null) {
      policy.setPerTryTimeout(EnvoyDurations.of(perTryTimeout.value()));
    }
    if (backOff != null && (backOff.baseInterval() != null || backOff.maxInterval() != null)) {
      RetryPolicy.RetryBackOff.Builder retryBackOff = policy.getRetryBackOffBuilder();
      retryBackOff.setBaseInterval(
          EnvoyDurations.of(
              backOff.baseInterval() == null
                  ? DEFAULT_BASE_INTERVAL
                  : backOff.baseInterval().value()));
      if (backOff.maxInterval() != null) {
        retryBackOff.setMaxInterval(EnvoyDurations.of(backOff.maxInterval().value()));
      }
    }
  }

  private static void rateLimited(
      RetryPolicy.Builder policy, MeshRetrySpec.RateLimitedBackOff backOff) {
    if (backOff == null || backOff.resetHeaders() == null || backOff.resetHeaders().isEmpty()) {
      return;
    }
    RetryPolicy.RateLimitedRetryBackOff.Builder limited =
        policy.getRateLimitedRetryBackOffBuilder();
    for (MeshRetrySpec.ResetHeader header : backOff.resetHeaders()) {
      limited.addResetHeaders(
          RetryPolicy.ResetHeader.newBuilder()
              .setName(header.name())
              .setFormat(
                  header.format() == MeshRetrySpec.ResetFormat.UnixTimestamp
                      ? RetryPolicy.ResetHeaderFormat.UNIX_TIMESTAMP
                      : RetryPolicy.ResetHeaderFormat.SECONDS));
    }
    if (backOff.maxInterval() != null) {
      limited.setMaxInterval(EnvoyDurations.of(backOff.maxInterval().value()));
    }
  }

  private static List<HeaderMatcher> headers(List<MeshRetrySpec.HeaderMatch> matches) {
    List<HeaderMatcher> result = new ArrayList<>();
    for (MeshRetrySpec.HeaderMatch match :
        matches == null ? List.<MeshRetrySpec.HeaderMatch>of() : matches) {
      HeaderMatcher.Builder matcher = HeaderMatcher.newBuilder().setName(match.name());
      String value = match.value() == null ? "" : match.value();
      switch (match.type() == null ? MeshRetrySpec.HeaderMatchType.Exact : match.type()) {
        case Exact -> matcher.setStringMatch(StringMatcher.newBuilder().setExact(value));
        case Prefix -> matcher.setStringMatch(StringMatcher.newBuilder().setPrefix(value));
        case RegularExpression ->
            matcher.setStringMatch(
                StringMatcher.newBuilder().setSafeRegex(RegexMatcher.newBuilder().setRegex(value)));
        case Present -> matcher.setPresentMatch(true);
        case Absent -> matcher.setPresentMatch(false);
      }
      result.add(matcher.build());
    }
    return result;
  }

  /**
   * Host selection of retries. Without {@code hostSelection} a retry avoids the hosts and the
   * priority level already tried ({@link #DEFAULT_HOST_SELECTION}): when the local zone's backend
   * fails, the retry goes to the next zone at once instead of waiting for outlier detection to
   * eject the local endpoints (ADR 0023). The spec binding cannot tell an absent list from an empty
   * one, so a policy that wants retries to stay in the zone lists only {@code OmitPreviousHosts}.
   */
  private static void hostSelection(RetryPolicy.Builder policy, MeshRetrySpec.Http http) {
    List<MeshRetrySpec.HostSelection> selections =
        http.hostSelection() == null || http.hostSelection().isEmpty()
            ? DEFAULT_HOST_SELECTION
            : http.hostSelection();
    for (MeshRetrySpec.HostSelection selection : selections) {
      switch (selection.predicate()) {
        case OmitPreviousHosts ->
            policy.addRetryHostPredicate(
                RetryPolicy.RetryHostPredicate.newBuilder()
                    .setName("envoy.retry_host_predicates.previous_hosts")
                    .setTypedConfig(Any.pack(PreviousHostsPredicate.getDefaultInstance())));
        case OmitPreviousPriorities ->
            policy.setRetryPriority(
                RetryPolicy.RetryPriority.newBuilder()
                    .setName("envoy.retry_priorities.previous_priorities")
                    .setTypedConfig(
                        Any.pack(
                            PreviousPrioritiesConfig.newBuilder()
                                .setUpdateFrequency(
                                    selection.updateFrequency() == null
                                        ? 1
                                        : selection.updateFrequency())
                                .build())));
        case OmitHostsWithTags -> {
          // Needs endpoint metadata with the tags; not generated yet (ADR 0019).
        }
      }
    }
    if (http.hostSelectionMaxAttempts() != null) {
      policy.setHostSelectionRetryMaxAttempts(http.hostSelectionMaxAttempts());
    }
  }

  /** Puts the retry policy on every route of the configuration. */
  static RouteConfiguration withRetries(RouteConfiguration routes, RetryPolicy policy) {
    RouteConfiguration.Builder builder = routes.toBuilder();
    for (VirtualHost.Builder host : builder.getVirtualHostsBuilderList()) {
      for (Route.Builder route : host.getRoutesBuilderList()) {
        if (route.hasRoute()) {
          route.getRouteBuilder().setRetryPolicy(policy);
        }
      }
    }
    return builder.build();
  }
}
