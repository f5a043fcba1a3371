package io.meshforge.zone.xds.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.Message;
import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.endpoint.v3.ClusterLoadAssignment;
import io.meshforge.zone.xds.envoy.Clusters;
import io.meshforge.zone.xds.generator.EnvoyResources;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class SnapshotVersionsTest {

  @Test
  void of_manyResources_equalsHashOfTheResourcesDigestsInDigestOrder() throws Exception {
    EnvoyResources resources = new EnvoyResources();
    for (int i = 0; i < 200; i++) {
      // Large enough that a type's bytes pass the stream's buffer several times.
      resources.add(Clusters.eds("svc-" + i, i % 2 == 0).build());
      resources.add(
          Clusters.assignment(
              "svc-" + i, List.of(Clusters.endpoint("10.0.0." + (i % 250), 8000 + i)), List.of()));
    }

    SnapshotVersions versions = SnapshotVersions.of(resources);

    assertThat(versions.of("clusters")).isEqualTo(reference(resources.clusters()));
    assertThat(versions.of("endpoints")).isEqualTo(reference(resources.endpoints()));
    assertThat(versions.of("secrets")).isEqualTo(reference(List.of()));
  }

  @Test
  void of_oneResourceChanged_changesOnlyItsType() {
    EnvoyResources before = new EnvoyResources();
    EnvoyResources after = new EnvoyResources();
    Cluster cluster = Clusters.eds("svc", false).build();
    before.add(cluster).add(assignment("10.0.0.1"));
    after.add(cluster).add(assignment("10.0.0.2"));

    SnapshotVersions a = SnapshotVersions.of(before);
    SnapshotVersions b = SnapshotVersions.of(after);

    assertThat(a.of("clusters")).isEqualTo(b.of("clusters"));
    assertThat(a.of("endpoints")).isNotEqualTo(b.of("endpoints"));
  }

  @Test
  void of_sameResourcesAddedInAnotherOrder_sameVersions() {
    EnvoyResources forward = new EnvoyResources();
    EnvoyResources backward = new EnvoyResources();
    for (int i = 0; i < 20; i++) {
      forward.add(Clusters.eds("svc-" + i, false).build());
      backward.add(Clusters.eds("svc-" + (19 - i), false).build());
    }

    assertThat(SnapshotVersions.of(forward)).isEqualTo(SnapshotVersions.of(backward));
  }

  @Test
  void of_twoResourcesSwapContent_changesVersion() {
    // Digests cover names with content: swapping which name holds which content is a change.
    EnvoyResources before = new EnvoyResources();
    EnvoyResources after = new EnvoyResources();
    before.add(Clusters.eds("a", false).build()).add(Clusters.eds("b", true).build());
    after.add(Clusters.eds("a", true).build()).add(Clusters.eds("b", false).build());

    assertThat(SnapshotVersions.of(before).of("clusters"))
        .isNotEqualTo(SnapshotVersions.of(after).of("clusters"));
  }

  private static ClusterLoadAssignment assignment(String address) {
    return Clusters.assignment("svc", List.of(Clusters.endpoint(address, 80)), List.of());
  }

  /**
   * The versions' formula, spelled out independently: per message the first 16 bytes of the SHA-256
   * of its length-prefixed deterministic bytes, those sorted as unsigned byte strings, the SHA-256
   * of their concatenation, its first 8 bytes in hex.
   */
  private static String reference(List<? extends Message> messages) throws Exception {
    List<byte[]> digests = new ArrayList<>();
    for (Message message : messages) {
      digests.add(Arrays.copyOf(MessageDigest.getInstance("SHA-256").digest(bytes(message)), 16));
    }
    digests.sort(Arrays::compareUnsigned);
    MessageDigest digest = MessageDigest.getInstance("SHA-256");
    digests.forEach(digest::update);
    return HexFormat.of().formatHex(digest.digest(), 0, 8);
  }

  private static byte[] bytes(Message message) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    CodedOutputStream out = CodedOutputStream.newInstance(bytes);
    out.useDeterministicSerialization();
    out.writeMessageNoTag(message);
    out.flush();
    return bytes.toByteArray();
  }
}
