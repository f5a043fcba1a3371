package io.meshforge.zone.kds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.meshforge.kds.transport.EnvoyAdminFailure;
import io.meshforge.kds.v1.EnvoyAdminRequest;
import io.meshforge.kds.v1.EnvoyAdminResponse.ErrorCode;
import io.meshforge.model.store.ResourceNotFoundException;
import io.meshforge.rest.inspect.ProxyAdmin;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Global's {@code TRAFFIC} requests answered with the zone's drill data (ADR 0026). */
class EnvoyAdminAnswersTrafficTest {

  private static final ProxyAdmin NO_ENVOY =
      query -> {
        throw new AssertionError("a traffic request must not read Envoy admin");
      };

  private static final DrillTraffic ONE_DATAPLANE =
      (mesh, name) -> {
        if (!name.equals("web-1")) {
          throw new ResourceNotFoundException("no Dataplane " + mesh + "/" + name);
        }
        return Map.of("mesh", mesh, "name", name, "intervalMillis", 250);
      };

  @Test
  void answer_trafficForAKnownDataplane_isTheDrillDataAsJson() throws Exception {
    byte[] payload =
        new EnvoyAdminAnswers(NO_ENVOY, ONE_DATAPLANE).answer(request("Dataplane", "m", "web-1"));

    String json = new String(payload, StandardCharsets.UTF_8);
    assertThat(json).contains("\"mesh\":\"m\"", "\"name\":\"web-1\"", "\"intervalMillis\":250");
  }

  @ParameterizedTest(name = "{0} {1}/{2} -> {3}")
  @CsvSource({
    "Dataplane, m, ghost, PROXY_NOT_FOUND",
    "ZoneIngress, '', web-1, BAD_REQUEST",
    "Dataplane, '', web-1, BAD_REQUEST",
  })
  void answer_trafficRefused_typedFailure(String type, String mesh, String name, ErrorCode code) {
    EnvoyAdminFailure failure =
        catchThrowableOfType(
            EnvoyAdminFailure.class,
            () -> new EnvoyAdminAnswers(NO_ENVOY, ONE_DATAPLANE).answer(request(type, mesh, name)));

    assertThat(failure).isNotNull();
    assertThat(failure.code()).isEqualTo(code);
  }

  @Test
  void answer_zoneWithoutDrill_refusesAsBadRequest() {
    EnvoyAdminFailure failure =
        catchThrowableOfType(
            EnvoyAdminFailure.class,
            () ->
                new EnvoyAdminAnswers(NO_ENVOY, DrillTraffic.NONE)
                    .answer(request("Dataplane", "m", "web-1")));

    assertThat(failure.code()).isEqualTo(ErrorCode.BAD_REQUEST);
  }

  private static EnvoyAdminRequest request(String type, String mesh, String name) {
    return EnvoyAdminRequest.newBuilder()
        .setKind(EnvoyAdminRequest.Kind.TRAFFIC)
        .setResourceType(type)
        .setResourceMesh(mesh)
        .setResourceName(name)
        .build();
  }
}
