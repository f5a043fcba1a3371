package io.meshforge.zone.xds.sync;

import com.google.protobuf.Message;
import io.meshforge.zone.xds.context.MeshContext;
import io.meshforge.zone.xds.context.SameInstance;
import io.meshforge.zone.xds.generator.EnvoyResources;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Collection;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * The version of each Envoy type in a proxy's snapshot: a hash of that type's resources. Equal
 * content gives equal versions, so an unchanged type is never re-sent and an unchanged proxy is
 * skipped, across restarts of the CP too.
 *
 * <p>A type's version is the SHA-256 of its resources' digests in ascending digest order, where a
 * resource's digest is the first 128 bits of the SHA-256 of its length-prefixed deterministic
 * protobuf bytes (the name is one of the fields, so two resources of a type never share a digest
 * unless equal). Why digests and not the bytes themselves: a resource shared by the proxies of a
 * mesh ({@code MeshContext#shared}) is then digested once per mesh change and each proxy hashes 16
 * bytes for it instead of its whole serialized form; and why digest order, not name order: sorting
 * a type's names (long shared prefixes such as {@code outbound:127.0.0.1:}) cost more than the
 * hashing left to do. The version of a set of resources does not depend on the order they were
 * generated or listed in.
 *
 * <p>Public only so the xDS generation benchmark (bench module, B1) can measure the reconciler's
 * per-proxy paths (whole and endpoints-only), hashing included.
 */
public record SnapshotVersions(Map<String, String> byType) {

  /** The type name of ClusterLoadAssignments in {@code EnvoyResources#byType()}. */
  static final String ENDPOINTS = "endpoints";

  /** Hashes each Envoy type of a proxy's generated resources. */
  public static SnapshotVersions of(EnvoyResources resources) {
    return of(resources, null);
  }

  /**
   * Hashes each Envoy type of a sidecar's generated resources, digesting each resource shared by
   * the proxies of its mesh ({@code MeshContext#shared}) once per mesh change rather than once per
   * proxy. The versions are the same as {@link #of(EnvoyResources)}'s.
   *
   * @param resources what was generated for the proxy
   * @param mesh the mesh context it was generated from, or {@code null} for none
   */
  public static SnapshotVersions of(EnvoyResources resources, MeshContext mesh) {
    Map<String, String> versions = new TreeMap<>();
    MessageDigest sha = sha256();
    resources.forEachTypeUnordered(
        (type, messages) -> versions.put(type, hash(messages, mesh, sha)));
    return new SnapshotVersions(versions);
  }

  /**
   * Returns these versions with the endpoints' version replaced by that of {@code resources}'
   * ClusterLoadAssignments, hashed as {@link #of(EnvoyResources, MeshContext)} hashes them: for a
   * proxy whose other types are the ones these versions describe.
   */
  public SnapshotVersions withEndpoints(EnvoyResources resources, MeshContext mesh) {
    Map<String, String> versions = new TreeMap<>(byType);
    versions.put(ENDPOINTS, hash(resources.endpointsUnordered(), mesh, sha256()));
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

  /**
   * The version of one type: its resources' digests in ascending order, hashed.
   *
   * @param sha a digest to use, reset: each use ends with {@code digest()}, which resets it
   */
  private static String hash(
      Collection<? extends Message> messages, MeshContext mesh, MessageDigest sha) {
    ResourceDigest[] digests = new ResourceDigest[messages.size()];
    int i = 0;
    for (Message message : messages) {
      digests[i++] = mesh == null ? ResourceDigest.of(message, sha) : digest(mesh, message, sha);
    }
    Arrays.sort(digests);
    byte[] all = new byte[digests.length * ResourceDigest.BYTES];
    for (int d = 0; d < digests.length; d++) {
      digests[d].writeTo(all, d * ResourceDigest.BYTES);
    }
    return HexFormat.of().formatHex(sha.digest(all), 0, 8);
  }

  /**
   * The digest of a resource, memoised in the mesh context for a resource shared by the mesh's
   * proxies: one lookup when another proxy digested it already (a key exists only for a shared
   * message); computed each time for a resource built for this proxy alone.
   */
  private static ResourceDigest digest(MeshContext mesh, Message message, MessageDigest sha) {
    DigestOf key = new DigestOf(new SameInstance(message));
    ResourceDigest known = mesh.sharedIfPresent(key);
    if (known != null) {
      return known;
    }
    if (!mesh.isShared(message)) {
      return ResourceDigest.of(message, sha);
    }
    // The compute step runs on this thread before shared returns: sha is not used concurrently.
    return mesh.shared(key, () -> ResourceDigest.of(message, sha));
  }

  /** The memo key of a shared resource's digest. */
  private record DigestOf(SameInstance message) {}

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
