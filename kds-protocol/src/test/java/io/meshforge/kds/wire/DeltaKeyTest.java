package io.meshforge.kds.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshforge.model.ResourceKey;
import io.meshforge.model.ResourceTypes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DeltaKeyTest {

  @ParameterizedTest
  @CsvSource({"web,default,web.default", "a.b.c,m1,a.b.c.m1", "x-1,mesh-2,x-1.mesh-2"})
  void of_meshScoped_nameDotMeshAndParsesBack(String name, String mesh, String expected) {
    ResourceKey key = ResourceKey.inMesh(ResourceTypes.MESH_TIMEOUT, mesh, name);

    assertThat(DeltaKey.of(key)).isEqualTo(expected);
    assertThat(DeltaKey.parse(ResourceTypes.MESH_TIMEOUT, expected)).isEqualTo(key);
  }

  @Test
  void of_globalScoped_trailingDot() {
    ResourceKey key = ResourceKey.global(ResourceTypes.ZONE_INGRESS, "zi.east");

    assertThat(DeltaKey.of(key)).isEqualTo("zi.east.");
    assertThat(DeltaKey.parse(ResourceTypes.ZONE_INGRESS, "zi.east.")).isEqualTo(key);
  }

  @ParameterizedTest
  @CsvSource({"nodot", ".default", "web."})
  void parse_malformedForMeshScopedType_throws(String deltaKey) {
    assertThatThrownBy(() -> DeltaKey.parse(ResourceTypes.MESH_TIMEOUT, deltaKey))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
