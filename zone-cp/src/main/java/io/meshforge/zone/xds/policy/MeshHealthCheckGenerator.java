package io.meshforge.zone.xds.policy;

import com.google.protobuf.BoolValue;
import com.google.protobuf.ByteString;
import com.google.protobuf.UInt32Value;
import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.core.v3.HeaderValue;
import io.envoyproxy.envoy.config.core.v3.HeaderValueOption;
import io.envoyproxy.envoy.config.core.v3.HealthCheck;
import io.envoyproxy.envoy.type.v3.CodecClientType;
import io.envoyproxy.envoy.type.v3.Int64Range;
import io.envoyproxy.envoy.type.v3.Percent;
import io.meshforge.model.ResourceTypes;
import io.meshforge.model.spec.GoDuration;
import io.meshforge.model.spec.HttpHeader;
import io.meshforge.model.spec.MeshHealthCheckSpec;
import io.meshforge.model.spec.MeshHealthCheckSpec.Conf;
import io.meshforge.zone.xds.context.OutboundPort;
import io.meshforge.zone.xds.context.Protocol;
import io.meshforge.zone.xds.context.ProxyContext;
import io.meshforge.zone.xds.context.SameInstance;
import io.meshforge.zone.xds.envoy.EnvoyDurations;
import io.meshforge.zone.xds.generator.EnvoyResources;
import io.meshforge.zone.xds.generator.ResourceGenerator;
import io.meshforge.zone.xds.generator.SharedResources;
import java.time.Duration;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Applies MeshHealthCheck {@code to[]} per destination: an active health check on the outbound
 * cluster ({@code health_checks}). Without a matching policy there is none (passive outlier
 * detection from {@link MeshCircuitBreakerGenerator} still runs).
 *
 * <p>The checker follows the destination's protocol: gRPC destinations get a gRPC health check,
 * HTTP and HTTP/2 ones an HTTP check ({@code path}, default {@code /}; {@code expectedStatuses},
 * default Envoy's 200), TCP ones a TCP check ({@code send}/{@code receive}, base64 in the policy).
 * A disabled checker falls back to TCP unless that is disabled too, in which case nothing is
 * checked. Envoy requires interval, timeout and both thresholds: missing ones default to 1m, 15s, 5
 * unhealthy and 1 healthy (ADR 0019). {@code healthyPanicThreshold} and {@code failTrafficOnPanic}
 * go to the cluster's {@code common_lb_config}; {@code eventLogPath} is not mapped (Envoy
 * deprecated the field).
 */
public final class MeshHealthCheckGenerator implements ResourceGenerator {

  static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(1);
  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(15);
  static final int DEFAULT_UNHEALTHY = 5;
  static final int DEFAULT_HEALTHY = 1;

  @Override
  public void generate(ProxyContext proxy, EnvoyResources out) {
    Set<String> done = new HashSet<>();
    OutboundConfs<Conf> confs =
        PolicyConfs.outbound(proxy, ResourceTypes.MESH_HEALTH_CHECK, null, Conf.class);
    for (OutboundPort outbound : proxy.outbounds()) {
      String name = outbound.destination().clusterName();
      if (!done.add(name)) {
        continue;
      }
      Optional<Conf> conf = confs.of(outbound.destination());
      Protocol protocol = outbound.destination().protocol();
      conf.ifPresent(c ->
          out.cluster(name)
              .ifPresent(cluster ->
                  out.replace(
                      SharedResources.refined(
                          proxy,
                          "MeshHealthCheck/cluster",
                          cluster,
                          List.of(new SameInstance(c), protocol),
                          () -> configure(cluster, c, protocol)))));
    }
  }

  /** Returns the cluster with the conf's health check, if some checker is left enabled. */
  static Cluster configure(Cluster cluster, Conf conf, Protocol protocol) {
    Optional<HealthCheck> check = healthCheck(conf, protocol);
    if (check.isEmpty()) {
      return cluster;
    }
    Cluster.Builder builder = cluster.toBuilder().clearHealthChecks().addHealthChecks(check.get());
    if (conf.healthyPanicThreshold() != null) {
      builder
          .getCommonLbConfigBuilder()
          .setHealthyPanicThreshold(
              Percent.newBuilder().setValue(conf.healthyPanicThreshold().value().doubleValue()));
    }
    if (conf.failTrafficOnPanic() != null) {
      builder
          .getCommonLbConfigBuilder()
          .getZoneAwareLbConfigBuilder()
          .setFailTrafficOnPanic(conf.failTrafficOnPanic());
    }
    return builder.build();
  }

  /** The health check for a destination of this protocol, or empty when all are disabled. */
  static Optional<HealthCheck> healthCheck(Conf conf, Protocol protocol) {
    HealthCheck.Builder check =
        HealthCheck.newBuilder()
            .setInterval(EnvoyDurations.of(orDefault(conf.interval(), DEFAULT_INTERVAL)))
            .setTimeout(EnvoyDurations.of(orDefault(conf.timeout(), DEFAULT_TIMEOUT)))
            .setUnhealthyThreshold(
                UInt32Value.of(
                    conf.unhealthyThreshold() == null
                        ? DEFAULT_UNHEALTHY
                        : conf.unhealthyThreshold()))
            .setHealthyThreshold(
                UInt32Value.of(
                    conf.healthyThreshold() == null ? DEFAULT_HEALTHY : conf.healthyThreshold()));
    if (conf.initialJitter() != null) {
      check.setInitialJitter(EnvoyDurations.of(conf.initialJitter().value()));
    }
    if (conf.intervalJitter() != null) {
      check.setIntervalJitter(EnvoyDurations.of(conf.intervalJitter().value()));
    }
    if (conf.intervalJitterPercent() != null) {
      check.setIntervalJitterPercent(conf.intervalJitterPercent());
    }
    if (conf.noTrafficInterval() != null) {
      check.setNoTrafficInterval(EnvoyDurations.of(conf.noTrafficInterval().value()));
    }
    if (conf.alwaysLogHealthCheckFailures() != null) {
      check.setAlwaysLogHealthCheckFailures(conf.alwaysLogHealthCheckFailures());
    }
    if (conf.reuseConnection() != null) {
      check.setReuseConnection(BoolValue.of(conf.reuseConnection()));
    }
    if (protocol == Protocol.GRPC && enabled(conf.grpc())) {
      return Optional.of(check.setGrpcHealthCheck(grpc(conf.grpc())).build());
    }
    if (protocol.http() && protocol != Protocol.GRPC && enabled(conf.http())) {
      return Optional.of(check.setHttpHealthCheck(http(conf.http(), protocol)).build());
    }
    if (conf.tcp() == null || !Boolean.TRUE.equals(conf.tcp().disabled())) {
      return Optional.of(check.setTcpHealthCheck(tcp(conf.tcp())).build());
    }
    return Optional.empty();
  }

  private static boolean enabled(Object section) {
    return switch (section) {
      case null -> true;
      case MeshHealthCheckSpec.Http http -> !Boolean.TRUE.equals(http.disabled());
      case MeshHealthCheckSpec.Grpc grpc -> !Boolean.TRUE.equals(grpc.disabled());
      default -> true;
    };
  }

  private static HealthCheck.HttpHealthCheck http(
      MeshHealthCheckSpec.Http http, Protocol protocol) {
    HealthCheck.HttpHealthCheck.Builder check =
        HealthCheck.HttpHealthCheck.newBuilder()
            .setPath(http == null || http.path() == null ? "/" : http.path());
    if (protocol.http2()) {
      check.setCodecClientType(CodecClientType.HTTP2);
    }
    if (http == null) {
      return check.build();
    }
    for (Integer status :
        http.expectedStatuses() == null ? List.<Integer>of() : http.expectedStatuses()) {
      check.addExpectedStatuses(Int64Range.newBuilder().setStart(status).setEnd(status + 1L));
    }
    if (http.requestHeadersToAdd() != null) {
      headers(http.requestHeadersToAdd().add(), true).forEach(check::addRequestHeadersToAdd);
      headers(http.requestHeadersToAdd().set(), false).forEach(check::addRequestHeadersToAdd);
    }
    return check.build();
  }

  private static List<HeaderValueOption> headers(List<HttpHeader> headers, boolean append) {
    if (headers == null) {
      return List.of();
    }
    return headers.stream()
        .map(header ->
            HeaderValueOption.newBuilder()
                .setHeader(HeaderValue.newBuilder().setKey(header.name()).setValue(header.value()))
                .setAppendAction(
                    append
                        ? HeaderValueOption.HeaderAppendAction.APPEND_IF_EXISTS_OR_ADD
                        : HeaderValueOption.HeaderAppendAction.OVERWRITE_IF_EXISTS_OR_ADD)
                .build())
        .toList();
  }

  private static HealthCheck.GrpcHealthCheck grpc(MeshHealthCheckSpec.Grpc grpc) {
    HealthCheck.GrpcHealthCheck.Builder check = HealthCheck.GrpcHealthCheck.newBuilder();
    if (grpc != null && grpc.serviceName() != null) {
      check.setServiceName(grpc.serviceName());
    }
    if (grpc != null && grpc.authority() != null) {
      check.setAuthority(grpc.authority());
    }
    return check.build();
  }

  private static HealthCheck.TcpHealthCheck tcp(MeshHealthCheckSpec.Tcp tcp) {
    HealthCheck.TcpHealthCheck.Builder check = HealthCheck.TcpHealthCheck.newBuilder();
    if (tcp == null) {
      return check.build();
    }
    if (tcp.send() != null) {
      check.setSend(payload(tcp.send()));
    }
    if (tcp.receive() != null) {
      tcp.receive().forEach(expected -> check.addReceive(payload(expected)));
    }
    return check.build();
  }

  private static HealthCheck.Payload payload(String base64) {
    return HealthCheck.Payload.newBuilder()
        .setBinary(ByteString.copyFrom(Base64.getDecoder().decode(base64)))
        .build();
  }

  private static Duration orDefault(GoDuration duration, Duration fallback) {
    return duration == null ? fallback : duration.value();
  }
}
