package io.meshforge.kds.wire;

import static io.meshforge.kds.Fixtures.json;
import static io.meshforge.kds.Fixtures.timeout;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.Any;
import com.google.protobuf.StringValue;
import io.envoyproxy.envoy.service.discovery.v3.Resource;
import io.meshforge.model.ResourceTypes;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KdsEnvelopeTest {

  @Test
  void toWire_thenFromWire_roundTripsKeyLabelsSpecStatus() throws Exception {
    var original =
        timeout("default", "t1", Map.of("team", "a"), "{\"b\":1,\"a\":{\"y\":2,\"x\":[3]}}")
            .withStatus(json("{\"ok\":true}"));

    Resource wire = KdsEnvelope.toWire(original);
    var decoded = KdsEnvelope.fromWire(ResourceTypes.MESH_TIMEOUT, wire);

    assertThat(wire.getName()).isEqualTo("t1.default");
    assertThat(wire.getResource().getTypeUrl()).endsWith("meshforge.kds.v1.KdsResource");
    assertThat(decoded.key()).isEqualTo(original.key());
    assertThat(decoded.labels()).isEqualTo(original.labels());
    assertThat(decoded.spec()).isEqualTo(original.spec());
    assertThat(decoded.status()).isEqualTo(original.status());
  }

  @Test
  void version_keyOrderDiffers_sameVersion() {
    var first = timeout("m", "t", Map.of(), "{\"a\":1,\"b\":{\"c\":2,\"d\":3}}");
    var reordered = timeout("m", "t", Map.of(), "{\"b\":{\"d\":3,\"c\":2},\"a\":1}");

    assertThat(KdsEnvelope.toWire(first).getVersion())
        .isEqualTo(KdsEnvelope.toWire(reordered).getVersion());
  }

  @Test
  void version_specOrLabelChanges_versionChanges() {
    var base = KdsEnvelope.toWire(timeout("m", "t", Map.of("k", "v"), "{\"a\":1}")).getVersion();

    assertThat(KdsEnvelope.toWire(timeout("m", "t", Map.of("k", "v"), "{\"a\":2}")).getVersion())
        .isNotEqualTo(base);
    assertThat(KdsEnvelope.toWire(timeout("m", "t", Map.of("k", "w"), "{\"a\":1}")).getVersion())
        .isNotEqualTo(base);
  }

  @Test
  void fromWire_typeDiffersFromStream_throwsNamingResource() {
    Resource wire = KdsEnvelope.toWire(timeout("m", "t", Map.of(), "{}"));

    assertThatThrownBy(() -> KdsEnvelope.fromWire(ResourceTypes.MESH_RETRY, wire))
        .isInstanceOf(KdsDecodingException.class)
        .hasMessageContaining("t.m")
        .hasMessageContaining("MeshTimeout");
  }

  @Test
  void fromWire_nameDiffersFromEnvelope_throws() {
    Resource wire = KdsEnvelope.toWire(timeout("m", "t", Map.of(), "{}"));
    Resource renamed = wire.toBuilder().setName("other.m").build();

    assertThatThrownBy(() -> KdsEnvelope.fromWire(ResourceTypes.MESH_TIMEOUT, renamed))
        .isInstanceOf(KdsDecodingException.class)
        .hasMessageContaining("other.m");
  }

  @Test
  void fromWire_notAnEnvelope_throws() {
    Resource wire =
        Resource.newBuilder().setName("t.m").setResource(Any.pack(StringValue.of("x"))).build();

    assertThatThrownBy(() -> KdsEnvelope.fromWire(ResourceTypes.MESH_TIMEOUT, wire))
        .isInstanceOf(KdsDecodingException.class);
  }

  @Test
  void canonicalJson_sortsNestedKeysWithoutWhitespace() {
    assertThat(new String(CanonicalJson.bytes(json("{\"b\":[{\"z\":1,\"y\":2}],\"a\":null}"))))
        .isEqualTo("{\"a\":null,\"b\":[{\"y\":2,\"z\":1}]}");
  }
}
