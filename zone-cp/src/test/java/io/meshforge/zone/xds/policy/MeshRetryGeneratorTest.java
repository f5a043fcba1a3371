package io.meshforge.zone.xds.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.envoyproxy.envoy.config.route.v3.RetryPolicy;
import io.meshforge.model.spec.MeshRetrySpec;
import io.meshforge.model.spec.MeshRetrySpec.Conf;
import io.meshforge.zone.xds.context.Protocol;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The MeshRetry conf to Envoy retry policy mapping. */
class MeshRetryGeneratorTest {

  static Stream<Arguments> retryOnCases() {
    return Stream.of(
        Arguments.of(List.of(), MeshRetryGenerator.DEFAULT_HTTP_RETRY_ON, List.of()),
        Arguments.of(List.of("5XX", "GatewayError"), "5xx,gateway-error", List.of()),
        Arguments.of(List.of("reset", "ConnectFailure"), "reset,connect-failure", List.of()),
        Arguments.of(List.of("503", "504"), "retriable-status-codes", List.of(503, 504)),
        Arguments.of(
            List.of("Retriable4xx", "429"), "retriable-4xx,retriable-status-codes", List.of(429)),
        Arguments.of(
            List.of("EnvoyRatelimited", "RefusedStream", "Http3PostConnectFailure"),
            "envoy-ratelimited,refused-stream,http3-post-connect-failure",
            List.of()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("retryOnCases")
  void http_retryOn_mapsToEnvoyConditions(
      List<String> retryOn, String expected, List<Integer> statuses) {
    RetryPolicy policy =
        MeshRetryGenerator.http(
            new MeshRetrySpec.Http(null, null, null, null, retryOn, null, null, null, null));

    assertThat(policy.getRetryOn()).isEqualTo(expected);
    assertThat(policy.getRetriableStatusCodesList()).isEqualTo(statuses);
  }

  @Test
  void http_methods_restrictRetriesToThoseMethods() {
    RetryPolicy policy =
        MeshRetryGenerator.http(
            new MeshRetrySpec.Http(
                null,
                null,
                null,
                null,
                List.of("HttpMethodGet", "HttpMethodHead"),
                null,
                null,
                null,
                null));

    assertThat(policy.getRetryOn()).isEqualTo(MeshRetryGenerator.DEFAULT_HTTP_RETRY_ON);
    assertThat(policy.getRetriableRequestHeaders(0).getName()).isEqualTo(":method");
    assertThat(policy.getRetriableRequestHeaders(0).getStringMatch().getSafeRegex().getRegex())
        .isEqualTo("GET|HEAD");
  }

  @Test
  void http_countsAndBackOff_mapToPolicyFields() {
    RetryPolicy policy =
        MeshRetryGenerator.http(
            Confs.of(
                    """
                    {"http": {"numRetries": 3, "perTryTimeout": "1s",
                              "backOff": {"baseInterval": "10ms", "maxInterval": "2s"},
                              "hostSelection": [{"predicate": "OmitPreviousHosts"}],
                              "hostSelectionMaxAttempts": 4}}\
                    """,
                    Conf.class)
                .http());

    assertThat(policy.getNumRetries().getValue()).isEqualTo(3);
    assertThat(policy.getPerTryTimeout().getSeconds()).isEqualTo(1);
    assertThat(policy.getRetryBackOff().getBaseInterval().getNanos()).isEqualTo(10_000_000);
    assertThat(policy.getRetryBackOff().getMaxInterval().getSeconds()).isEqualTo(2);
    assertThat(policy.getRetryHostPredicate(0).getName())
        .isEqualTo("envoy.retry_host_predicates.previous_hosts");
    assertThat(policy.getHostSelectionRetryMaxAttempts()).isEqualTo(4);
  }

  @Test
  void http_maxIntervalOnly_getsEnvoysRequiredBaseInterval() {
    RetryPolicy policy =
        MeshRetryGenerator.http(
            Confs.of("{\"http\": {\"backOff\": {\"maxInterval\": \"1s\"}}}", Conf.class).http());

    assertThat(policy.getRetryBackOff().getBaseInterval().getNanos()).isEqualTo(25_000_000);
  }

  static Stream<Arguments> grpcCases() {
    return Stream.of(
        Arguments.of("[]", MeshRetryGenerator.DEFAULT_GRPC_RETRY_ON),
        Arguments.of("[\"Canceled\", \"Internal\"]", "cancelled,internal"),
        Arguments.of(
            "[\"DeadlineExceeded\", \"ResourceExhausted\", \"Unavailable\"]",
            "deadline-exceeded,resource-exhausted,unavailable"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("grpcCases")
  void grpc_retryOn_mapsToGrpcStatusConditions(String retryOn, String expected) {
    RetryPolicy policy =
        MeshRetryGenerator.grpc(
            Confs.of("{\"grpc\": {\"numRetries\": 2, \"retryOn\": " + retryOn + "}}", Conf.class)
                .grpc());

    assertThat(policy.getRetryOn()).isEqualTo(expected);
    assertThat(policy.getNumRetries().getValue()).isEqualTo(2);
  }

  static Stream<Arguments> protocolCases() {
    return Stream.of(
        Arguments.of(Protocol.HTTP, "{\"http\": {\"numRetries\": 1}}", true),
        Arguments.of(Protocol.HTTP2, "{\"http\": {\"numRetries\": 1}}", true),
        Arguments.of(Protocol.GRPC, "{\"http\": {\"numRetries\": 1}}", false),
        Arguments.of(Protocol.GRPC, "{\"grpc\": {\"numRetries\": 1}}", true),
        Arguments.of(Protocol.HTTP, "{\"grpc\": {\"numRetries\": 1}}", false),
        Arguments.of(Protocol.HTTP, "{\"tcp\": {\"maxConnectAttempt\": 2}}", false));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("protocolCases")
  void retryPolicy_protocol_readsItsOwnSection(Protocol protocol, String conf, boolean present) {
    assertThat(MeshRetryGenerator.retryPolicy(Confs.of(conf, Conf.class), protocol))
        .as("retry policy")
        .matches(policy -> policy.isPresent() == present);
  }
}
