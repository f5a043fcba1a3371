package io.meshforge.zone.xds.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.envoyproxy.envoy.config.core.v3.HealthCheck;
import io.envoyproxy.envoy.type.v3.CodecClientType;
import io.meshforge.model.spec.MeshHealthCheckSpec.Conf;
import io.meshforge.zone.xds.context.Protocol;
import io.meshforge.zone.xds.envoy.Clusters;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The MeshHealthCheck conf to Envoy health check mapping. */
class MeshHealthCheckGeneratorTest {

  static Stream<Arguments> checkerCases() {
    return Stream.of(
        Arguments.of(Protocol.HTTP, "{}", "http"),
        Arguments.of(Protocol.HTTP2, "{}", "http"),
        Arguments.of(Protocol.GRPC, "{}", "grpc"),
        Arguments.of(Protocol.TCP, "{}", "tcp"),
        Arguments.of(Protocol.TCP, "{\"http\": {\"path\": \"/h\"}}", "tcp"),
        Arguments.of(Protocol.HTTP, "{\"http\": {\"disabled\": true}}", "tcp"),
        Arguments.of(Protocol.GRPC, "{\"grpc\": {\"disabled\": true}}", "tcp"),
        Arguments.of(
            Protocol.HTTP,
            "{\"http\": {\"disabled\": true}, \"tcp\": {\"disabled\": true}}",
            "none"),
        Arguments.of(Protocol.TCP, "{\"tcp\": {\"disabled\": true}}", "none"));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("checkerCases")
  void healthCheck_protocolAndDisabledCheckers_pickTheChecker(
      Protocol protocol, String conf, String expected) {
    Optional<HealthCheck> check =
        MeshHealthCheckGenerator.healthCheck(Confs.of(conf, Conf.class), protocol);

    String checker =
        check
            .map(c ->
                switch (c.getHealthCheckerCase()) {
                  case HTTP_HEALTH_CHECK -> "http";
                  case GRPC_HEALTH_CHECK -> "grpc";
                  case TCP_HEALTH_CHECK -> "tcp";
                  default -> c.getHealthCheckerCase().name();
                })
            .orElse("none");
    assertThat(checker).isEqualTo(expected);
  }

  @Test
  void healthCheck_noTimings_getsEnvoysRequiredFieldsFromDefaults() {
    HealthCheck check =
        MeshHealthCheckGenerator.healthCheck(Confs.of("{}", Conf.class), Protocol.TCP)
            .orElseThrow();

    assertThat(check.getInterval().getSeconds()).isEqualTo(60);
    assertThat(check.getTimeout().getSeconds()).isEqualTo(15);
    assertThat(check.getUnhealthyThreshold().getValue()).isEqualTo(5);
    assertThat(check.getHealthyThreshold().getValue()).isEqualTo(1);
  }

  @Test
  void healthCheck_httpFields_mapToHttpChecker() {
    HealthCheck check =
        MeshHealthCheckGenerator.healthCheck(
                Confs.of(
                    """
                    {"interval": "3s", "timeout": "1s", "unhealthyThreshold": 2,
                     "healthyThreshold": 3, "initialJitter": "1s", "intervalJitterPercent": 10,
                     "noTrafficInterval": "30s", "reuseConnection": false,
                     "http": {"path": "/ready", "expectedStatuses": [200, 204],
                              "requestHeadersToAdd": {"add": [{"name": "x-hc", "value": "1"}]}}}\
                    """,
                    Conf.class),
                Protocol.HTTP2)
            .orElseThrow();

    assertThat(check.getInterval().getSeconds()).isEqualTo(3);
    assertThat(check.getTimeout().getSeconds()).isEqualTo(1);
    assertThat(check.getUnhealthyThreshold().getValue()).isEqualTo(2);
    assertThat(check.getHealthyThreshold().getValue()).isEqualTo(3);
    assertThat(check.getInitialJitter().getSeconds()).isEqualTo(1);
    assertThat(check.getIntervalJitterPercent()).isEqualTo(10);
    assertThat(check.getNoTrafficInterval().getSeconds()).isEqualTo(30);
    assertThat(check.getReuseConnection().getValue()).isFalse();
    HealthCheck.HttpHealthCheck http = check.getHttpHealthCheck();
    assertThat(http.getPath()).isEqualTo("/ready");
    assertThat(http.getCodecClientType()).isEqualTo(CodecClientType.HTTP2);
    assertThat(http.getExpectedStatusesList())
        .extracting(r -> r.getStart() + "-" + r.getEnd())
        .containsExactly("200-201", "204-205");
    assertThat(http.getRequestHeadersToAdd(0).getHeader().getKey()).isEqualTo("x-hc");
  }

  @Test
  void healthCheck_tcpPayloads_areDecodedFromBase64() {
    HealthCheck check =
        MeshHealthCheckGenerator.healthCheck(
                Confs.of(
                    "{\"tcp\": {\"send\": \"cGluZw==\", \"receive\": [\"cG9uZw==\"]}}", Conf.class),
                Protocol.TCP)
            .orElseThrow();

    assertThat(check.getTcpHealthCheck().getSend().getBinary().toStringUtf8()).isEqualTo("ping");
    assertThat(check.getTcpHealthCheck().getReceive(0).getBinary().toStringUtf8())
        .isEqualTo("pong");
  }

  @Test
  void configure_panicSettings_goToCommonLbConfig() {
    var cluster =
        MeshHealthCheckGenerator.configure(
            Clusters.eds("backend", false).build(),
            Confs.of("{\"healthyPanicThreshold\": 0, \"failTrafficOnPanic\": true}", Conf.class),
            Protocol.HTTP);

    assertThat(cluster.getHealthChecksCount()).isEqualTo(1);
    assertThat(cluster.getCommonLbConfig().getHealthyPanicThreshold().getValue()).isZero();
    assertThat(cluster.getCommonLbConfig().getZoneAwareLbConfig().getFailTrafficOnPanic()).isTrue();
  }
}
