package io.meshforge.zone.xds.sync;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.Message;
import io.meshforge.zone.xds.context.MeshContext;
import io.meshforge.zone.xds.context.SameInstance;
import io.meshforge.zone.xds.generator.EnvoyResources;
import java.io.IOException;
import java.io.OutputStream;
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
 * per-proxy paths (whole and endpoints-only), hashing included.
 */
public record SnapshotVersions(Map<String, String> byType) {

  /** The serialization buffer of one type's hash; larger messages pass through it in pieces. */
  private static final int BUFFER_BYTES = 1024;

  /** The type name of ClusterLoadAssignments in {@code EnvoyResources#byType()}. */
  static final String ENDPOINTS = "endpoints";

  /** Hashes each Envoy type of a proxy's generated resources. */
  public static SnapshotVersions of(EnvoyResources resources) {
    return of(resources, null);
  }

  /**
   * Hashes each Envoy type of a sidecar's generated resources, serializing each resource shared by
   * the proxies of its mesh ({@code MeshContext#shared}) once per mesh change rather than once per
   * proxy. The versions are the same as {@link #of(EnvoyResources)}'s.
   *
   * @param resources what was generated for the proxy
   * @param mesh the mesh context it was generated from, or {@code null} for none
   */
  public static SnapshotVersions of(EnvoyResources resources, MeshContext mesh) {
    Map<String, String> versions = new TreeMap<>();
    resources.byType().forEach((type, messages) -> versions.put(type, hash(messages, mesh)));
    return new SnapshotVersions(versions);
  }

  /**
   * Returns these versions with the endpoints' version replaced by that of {@code resources}'
   * ClusterLoadAssignments, hashed as {@link #of(EnvoyResources, MeshContext)} hashes them: for a
   * proxy whose other types are the ones these versions describe.
   */
  public SnapshotVersions withEndpoints(EnvoyResources resources, MeshContext mesh) {
    Map<String, String> versions = new TreeMap<>(byType);
    versions.put(ENDPOINTS, hash(resources.endpoints(), mesh));
    return new SnapshotVersions(versions);
  }

  /** Returns whether these are the versions of every type of {@code snapshot}. */
  boolean describe(io.envoyproxy.controlplane.cache.v3.Snapshot snapshot) {
    return byType.size() == 5
        && snapshot.clusters().version().equals(byType.get("clusters"))
        && snapshot.endpoints().version().equals(byType.get(ENDPOINTS))
        && snapshot.listeners().version().equals(byType.get("listeners"))
        && snapshot.routes().version().equals(byType.get("routes"))
        && snapshot.secrets().version().equals(byType.get("secrets"));
  }

  String of(String type) {
    return byType.get(type);
  }

  private static String hash(List<? extends Message> messages, MeshContext mesh) {
    MessageDigest digest = sha256();
    try {
      // One stream per type straight into the digest: the digest sees exactly the bytes of each
      // message written on its own, one after the other (so versions are what they were when each
      // message was serialized into an array of its own), without a 4 KB buffer and a byte array
      // per resource. Length-prefixed, so two lists that concatenate alike still hash apart.
      CodedOutputStream out = CodedOutputStream.newInstance(new DigestSink(digest), BUFFER_BYTES);
      out.useDeterministicSerialization();
      for (Message message : messages) {
        byte[] serialized = mesh == null ? null : serialized(mesh, message);
        if (serialized != null) {
          out.writeRawBytes(serialized);
        } else {
          out.writeMessageNoTag(message);
        }
      }
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return HexFormat.of().formatHex(digest.digest(), 0, 8);
  }

  /**
   * The bytes writeMessageNoTag would write for a resource shared by the mesh's proxies, serialized
   * once for the whole mesh; {@code null} for a resource built for this proxy alone. One lookup
   * when another proxy serialized it already (a key exists only for a shared message).
   */
  private static byte[] serialized(MeshContext mesh, Message message) {
    SerializedForm key = new SerializedForm(new SameInstance(message));
    byte[] known = mesh.sharedIfPresent(key);
    if (known != null || !mesh.isShared(message)) {
      return known;
    }
    return mesh.shared(key, () -> lengthPrefixed(message));
  }

  private static byte[] lengthPrefixed(Message message) {
    int size = message.getSerializedSize();
    byte[] bytes = new byte[CodedOutputStream.computeUInt32SizeNoTag(size) + size];
    CodedOutputStream out = CodedOutputStream.newInstance(bytes);
    out.useDeterministicSerialization();
    try {
      out.writeMessageNoTag(message);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    out.checkNoSpaceLeft();
    return bytes;
  }

  /** The memo key of a shared resource's length-prefixed deterministic bytes. */
  private record SerializedForm(SameInstance message) {}

  /** Feeds what is written to it into a digest. */
  private static final class DigestSink extends OutputStream {
    private final MessageDigest digest;

    DigestSink(MessageDigest digest) {
      this.digest = digest;
    }

    @Override
    public void write(int b) {
      digest.update((byte) b);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
      digest.update(bytes, offset, length);
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
