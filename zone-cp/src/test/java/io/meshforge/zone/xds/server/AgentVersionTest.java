package io.meshforge.zone.xds.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import io.envoyproxy.envoy.config.core.v3.Node;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Unit tests of {@link AgentVersion} read from the node metadata the bootstrap wrote. */
class AgentVersionTest {

  static Stream<Arguments> nodes() {
    return Stream.of(
        Arguments.of("forge-dp's bootstrap", metadata(agent(text("0.1.0"))), "0.1.0"),
        Arguments.of("no version at all", Struct.getDefaultInstance(), ""),
        Arguments.of("only Envoy's", metadata(envoyOnly()), ""),
        Arguments.of("kumaDp without a version", metadata(agent(null)), ""),
        Arguments.of(
            "a version that is no string",
            metadata(agent(Value.newBuilder().setNumberValue(1).build())),
            ""),
        Arguments.of(
            "version that is no struct",
            Struct.newBuilder().putFields("version", text("0.1.0")).build(),
            ""));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("nodes")
  void of_nodeMetadata_readsVersionKumaDpVersion(String what, Struct metadata, String expected) {
    AgentVersion version = AgentVersion.of(Node.newBuilder().setMetadata(metadata).build());

    assertThat(version.version()).isEqualTo(expected);
    assertThat(version.known()).isEqualTo(!expected.isEmpty());
  }

  private static Struct metadata(Struct version) {
    return Struct.newBuilder()
        .putFields("dataplane.admin.port", text("9901"))
        .putFields("version", Value.newBuilder().setStructValue(version).build())
        .build();
  }

  private static Struct agent(Value version) {
    Struct.Builder kumaDp = Struct.newBuilder();
    if (version != null) {
      kumaDp.putFields("version", version);
    }
    return Struct.newBuilder()
        .putFields("kumaDp", Value.newBuilder().setStructValue(kumaDp).build())
        .putFields("envoy", Value.newBuilder().setStructValue(envoyOnly()).build())
        .build();
  }

  private static Struct envoyOnly() {
    return Struct.newBuilder().putFields("version", text("1.40.0")).build();
  }

  private static Value text(String value) {
    return Value.newBuilder().setStringValue(value).build();
  }
}
