package io.meshforge.zone.ingress;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshforge.model.Resource;
import io.meshforge.model.ResourceKey;
import io.meshforge.model.ResourceTypes;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

class AvailableServicesTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Test
  void of_instancesOfOneTagSet_areCountedPerMeshAndSorted() {
    List<Resource> dataplanes =
        List.of(
            dataplane("web", "web-1", "{\"port\": 80, \"tags\": {\"kuma.io/service\": \"web\"}}"),
            dataplane("demo", "b-1", "{\"port\": 80, \"tags\": {\"kuma.io/service\": \"b\"}}"),
            dataplane("demo", "b-2", "{\"port\": 81, \"tags\": {\"kuma.io/service\": \"b\"}}"),
            dataplane(
                "demo",
                "b-3",
                "{\"port\": 80, \"tags\": {\"kuma.io/service\": \"b\", \"version\": \"2\"}}"));

    assertThat(AvailableServices.of(dataplanes).toString())
        .isEqualTo(
            "[{\"tags\":{\"kuma.io/service\":\"b\",\"version\":\"2\"},\"instances\":1,"
                + "\"mesh\":\"demo\"},"
                + "{\"tags\":{\"kuma.io/service\":\"b\"},\"instances\":2,\"mesh\":\"demo\"},"
                + "{\"tags\":{\"kuma.io/service\":\"web\"},\"instances\":1,\"mesh\":\"web\"}]");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "\"state\": \"NotReady\"",
        "\"state\": \"Ignored\"",
        "\"health\": {\"ready\": false}"
      })
  void of_inboundsThatTakeNoTraffic_areNotOffered(String notServing) {
    Resource dataplane =
        dataplane(
            "demo",
            "b-1",
            "{\"port\": 80, " + notServing + ", \"tags\": {\"kuma.io/service\": \"b\"}}");

    assertThat(AvailableServices.of(List.of(dataplane))).isEmpty();
  }

  private static Resource dataplane(String mesh, String name, String inbound) {
    return Resource.of(
        new ResourceKey(ResourceTypes.DATAPLANE, mesh, name),
        Map.of(),
        JSON.readTree(
            "{\"networking\": {\"address\": \"10.0.0.1\", \"inbound\": [" + inbound + "]}}"));
  }
}
