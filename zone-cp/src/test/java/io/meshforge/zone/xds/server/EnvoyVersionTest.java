package io.meshforge.zone.xds.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import io.envoyproxy.envoy.config.core.v3.BuildVersion;
import io.envoyproxy.envoy.config.core.v3.Node;
import io.envoyproxy.envoy.type.v3.SemanticVersion;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Unit tests of {@link EnvoyVersion} read from the xDS node of a stream's first request. */
class EnvoyVersionTest {

  static Stream<Arguments> nodes() {
    return Stream.of(
        Arguments.of(
            "Envoy with full build metadata",
            envoy(
                Map.of(
                    "revision.sha", "8a1b2c3d",
                    "revision.status", "Clean",
                    "build.type", "RELEASE",
                    "ssl.version", "BoringSSL")),
            new EnvoyVersion("1.34.2", "8a1b2c3d/1.34.2/Clean/RELEASE/BoringSSL")),
        Arguments.of(
            "Envoy without an ssl version",
            envoy(Map.of("revision.sha", "8a1b2c3d", "revision.status", "Modified")),
            new EnvoyVersion("1.34.2", "8a1b2c3d/1.34.2/Modified")),
        Arguments.of(
            "Envoy without build metadata", envoy(Map.of()), new EnvoyVersion("1.34.2", "")),
        Arguments.of(
            "a gRPC client's free-form version",
            Node.newBuilder()
                .setId("default.web-1")
                .setUserAgentName("gRPC Java")
                .setUserAgentVersion("1.71.0")
                .build(),
            new EnvoyVersion("1.71.0", "")),
        Arguments.of(
            "a node that says nothing",
            Node.newBuilder().setId("default.web-1").build(),
            EnvoyVersion.UNKNOWN));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("nodes")
  void of_node_readsVersionAndBuild(String description, Node node, EnvoyVersion expected) {
    EnvoyVersion version = EnvoyVersion.of(node);

    assertThat(version).isEqualTo(expected);
    assertThat(version.known()).isEqualTo(!expected.equals(EnvoyVersion.UNKNOWN));
  }

  /** An Envoy 1.34.2 node with these build metadata strings. */
  static Node envoy(Map<String, String> metadata) {
    Struct.Builder struct = Struct.newBuilder();
    metadata.forEach((k, v) -> struct.putFields(k, Value.newBuilder().setStringValue(v).build()));
    return Node.newBuilder()
        .setId("default.web-1")
        .setUserAgentName("envoy")
        .setUserAgentBuildVersion(
            BuildVersion.newBuilder()
                .setVersion(
                    SemanticVersion.newBuilder().setMajorNumber(1).setMinorNumber(34).setPatch(2))
                .setMetadata(struct))
        .build();
  }
}
