package io.meshforge.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshforge.model.Resource;
import io.meshforge.model.spec.DataplaneSpec;
import io.meshforge.zone.xds.context.MeshContext;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class MeshTopologyTest {

  @Test
  void of_sameSeed_generatesTheSameResources() {
    List<Resource> first = MeshTopology.of("m", 20, 7).serviceInstances(2);
    List<Resource> second = MeshTopology.of("m", 20, 7).serviceInstances(2);

    assertThat(first).isEqualTo(second).hasSize(40);
    assertThat(MeshTopology.of("m", 20, 7).policies(50, 7))
        .isEqualTo(MeshTopology.of("m", 20, 7).policies(50, 7))
        .hasSize(50);
  }

  @Test
  void dataplane_withOutbounds_isAUsableDataplaneReachingTheFirstServices() {
    Resource dataplane = MeshTopology.of("m", 20, 7).dataplane("client", "127.2.0.1", 3, 5);

    DataplaneSpec spec =
        MeshContext.build("m", null, List.of(dataplane), List.of(), List.of())
            .dataplaneSpec("client")
            .orElseThrow();

    assertThat(spec.networking().inbound())
        .singleElement()
        .satisfies(in -> assertThat(in.tags()).containsEntry("kuma.io/service", "svc-3"));
    assertThat(spec.networking().outbound())
        .extracting(out -> out.tags().get("kuma.io/service"))
        .containsExactly("svc-0", "svc-1", "svc-2", "svc-3", "svc-4");
  }

  @Test
  void dataplaneBody_isTheRestFormOfTheSameDataplane() {
    MeshTopology topology = MeshTopology.of("m", 20, 7);

    var body =
        JsonMapper.builder().build().readTree(topology.dataplaneBody("d", "127.2.0.1", 1, 2));

    assertThat(body.path("type").asString()).isEqualTo("Dataplane");
    assertThat(body.path("mesh").asString()).isEqualTo("m");
    assertThat(body.path("networking"))
        .isEqualTo(topology.dataplane("d", "127.2.0.1", 1, 2).spec().path("networking"));
  }
}
