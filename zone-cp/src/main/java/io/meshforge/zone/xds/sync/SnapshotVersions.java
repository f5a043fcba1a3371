package io.meshforge.zone.xds.sync;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.Message;
import io.meshforge.zone.xds.generator.EnvoyResources;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The version of each Envoy type in a proxy's snapshot: a hash of that type's resources (names and
 * deterministic protobuf bytes). Equal content gives equal versions, so an unchanged type is never
 * re-sent and an unchanged proxy is skipped, across restarts of the CP too.
 *
 * <p>Public only so the xDS generation benchmark (bench module, B1) can measure the reconciler's
 * per-proxy path, hashing included.
 */
public record SnapshotVersions(Map<String, String> byType) {

  /** Hashes each Envoy type of a proxy's generated resources. */
  public static SnapshotVersions of(EnvoyResources resources) {
    Map<String, String> versions = new TreeMap<>();
    resources.byType().forEach((type, messages) -> versions.put(type, hash(messages)));
    return new SnapshotVersions(versions);
  }

  String of(String type) {
    return byType.get(type);
  }

  private static String hash(List<? extends Message> messages) {
    MessageDigest digest = sha256();
    for (Message message : messages) {
      digest.update(deterministicBytes(message));
    }
    return HexFormat.of().formatHex(digest.digest(), 0, 8);
  }

  private static byte[] deterministicBytes(Message message) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      CodedOutputStream out = CodedOutputStream.newInstance(bytes);
      out.useDeterministicSerialization();
      // Length-prefixed, so two lists that concatenate alike still hash apart.
      out.writeMessageNoTag(message);
      out.flush();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
