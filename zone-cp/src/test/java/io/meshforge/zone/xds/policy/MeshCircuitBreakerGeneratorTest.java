package io.meshforge.zone.xds.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.cluster.v3.OutlierDetection;
import io.meshforge.model.policy.JsonMergePatch;
import io.meshforge.model.spec.IntOrString;
import io.meshforge.model.spec.MeshCircuitBreakerSpec.Conf;
import io.meshforge.model.spec.SpecSchemas;
import io.meshforge.zone.xds.envoy.Clusters;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.ObjectMapper;

/** The MeshCircuitBreaker conf to Envoy mapping, and the built-in failover defaults. */
class MeshCircuitBreakerGeneratorTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void builtInDefaults_withoutPolicy_ejectEveryFailingHostSoPrioritiesSpillOver() {
    Conf defaults = SpecSchemas.treeAs(MeshCircuitBreakerGenerator.OUTBOUND_DEFAULTS, Conf.class);

    Cluster cluster = MeshCircuitBreakerGenerator.configure(eds(), defaults);

    OutlierDetection od = cluster.getOutlierDetection();
    assertThat(od.getMaxEjectionPercent().getValue()).isEqualTo(100);
    assertThat(od.getConsecutive5Xx().getValue()).isEqualTo(5);
    assertThat(od.getEnforcingConsecutive5Xx().getValue()).isEqualTo(100);
    assertThat(od.getConsecutiveGatewayFailure().getValue()).isEqualTo(5);
    assertThat(od.getEnforcingConsecutiveGatewayFailure().getValue()).isEqualTo(100);
    assertThat(od.getEnforcingSuccessRate().getValue()).isZero();
    assertThat(od.getInterval().getSeconds()).isEqualTo(5);
    assertThat(od.getBaseEjectionTime().getSeconds()).isEqualTo(30);
    assertThat(cluster.hasCircuitBreakers()).isFalse();
  }

  @Test
  void builtInDefaults_policySettingOneField_keepsTheOtherDefaults() {
    Conf merged =
        SpecSchemas.treeAs(
            JsonMergePatch.apply(
                MeshCircuitBreakerGenerator.OUTBOUND_DEFAULTS,
                JSON.readTree("{\"outlierDetection\": {\"maxEjectionPercent\": 30}}")),
            Conf.class);

    OutlierDetection od =
        MeshCircuitBreakerGenerator.configure(eds(), merged).getOutlierDetection();

    assertThat(od.getMaxEjectionPercent().getValue()).isEqualTo(30);
    assertThat(od.getConsecutive5Xx().getValue()).isEqualTo(5);
  }

  @Test
  void configure_disabled_removesOutlierDetection() {
    Cluster withDetection =
        MeshCircuitBreakerGenerator.configure(
            eds(), SpecSchemas.treeAs(MeshCircuitBreakerGenerator.OUTBOUND_DEFAULTS, Conf.class));

    Cluster cluster =
        MeshCircuitBreakerGenerator.configure(
            withDetection, Confs.of("{\"outlierDetection\": {\"disabled\": true}}", Conf.class));

    assertThat(cluster.hasOutlierDetection()).isFalse();
  }

  @Test
  void configure_connectionLimits_setDefaultPriorityThresholds() {
    Cluster cluster =
        MeshCircuitBreakerGenerator.configure(
            eds(),
            Confs.of(
                """
                {"connectionLimits": {"maxConnections": 1, "maxPendingRequests": 2,
                  "maxRequests": 3, "maxRetries": 4, "maxConnectionPools": 5}}\
                """,
                Conf.class));

    var thresholds = cluster.getCircuitBreakers().getThresholds(0);
    assertThat(thresholds.getMaxConnections().getValue()).isEqualTo(1);
    assertThat(thresholds.getMaxPendingRequests().getValue()).isEqualTo(2);
    assertThat(thresholds.getMaxRequests().getValue()).isEqualTo(3);
    assertThat(thresholds.getMaxRetries().getValue()).isEqualTo(4);
    assertThat(thresholds.getMaxConnectionPools().getValue()).isEqualTo(5);
    assertThat(cluster.hasOutlierDetection()).isFalse();
  }

  @Test
  void configure_allDetectors_enforcesEachAndSetsItsParameters() {
    Cluster cluster =
        MeshCircuitBreakerGenerator.configure(
            eds(),
            Confs.of(
                """
                {"outlierDetection": {"splitExternalAndLocalErrors": true,
                  "healthyPanicThreshold": 25,
                  "detectors": {
                    "localOriginFailures": {"consecutive": 7},
                    "successRate": {"minimumHosts": 3, "requestVolume": 50,
                                    "standardDeviationFactor": 2},
                    "failurePercentage": {"threshold": 60, "minimumHosts": 4,
                                          "requestVolume": 30}}}}\
                """,
                Conf.class));

    OutlierDetection od = cluster.getOutlierDetection();
    assertThat(od.getSplitExternalLocalOriginErrors()).isTrue();
    assertThat(od.getEnforcingConsecutive5Xx().getValue()).isZero();
    assertThat(od.getEnforcingConsecutiveGatewayFailure().getValue()).isZero();
    assertThat(od.getConsecutiveLocalOriginFailure().getValue()).isEqualTo(7);
    assertThat(od.getEnforcingConsecutiveLocalOriginFailure().getValue()).isEqualTo(100);
    assertThat(od.getSuccessRateMinimumHosts().getValue()).isEqualTo(3);
    assertThat(od.getSuccessRateRequestVolume().getValue()).isEqualTo(50);
    assertThat(od.getSuccessRateStdevFactor().getValue()).isEqualTo(2000);
    assertThat(od.getEnforcingSuccessRate().getValue()).isEqualTo(100);
    assertThat(od.getFailurePercentageThreshold().getValue()).isEqualTo(60);
    assertThat(od.getEnforcingFailurePercentage().getValue()).isEqualTo(100);
    assertThat(cluster.getCommonLbConfig().getHealthyPanicThreshold().getValue()).isEqualTo(25.0);
  }

  static Stream<Arguments> stdevCases() {
    return Stream.of(
        Arguments.of(new IntOrString(2L, null), 2000),
        Arguments.of(new IntOrString(null, "1.9"), 1900),
        Arguments.of(new IntOrString(null, "0.5"), 500),
        Arguments.of(new IntOrString(null, "fast"), 1900));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("stdevCases")
  void stdevFactor_value_isThousandths(IntOrString factor, int expected) {
    assertThat(MeshCircuitBreakerGenerator.stdevFactor(factor)).isEqualTo(expected);
  }

  private static Cluster eds() {
    return Clusters.eds("backend", false).build();
  }
}
