package io.meshforge.zone.xds.sync;

import com.google.protobuf.Message;
import io.envoyproxy.controlplane.cache.SnapshotResources;
import io.envoyproxy.controlplane.cache.v3.Snapshot;
import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.endpoint.v3.ClusterLoadAssignment;
import io.envoyproxy.envoy.config.listener.v3.Listener;
import io.envoyproxy.envoy.config.route.v3.RouteConfiguration;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.Secret;
import io.meshforge.zone.xds.generator.EnvoyResources;
import java.util.List;
import java.util.function.Supplier;

/**
 * A java-control-plane snapshot that takes over, from the proxy's previous one, the resources of
 * every type whose version did not change. {@code Snapshot.create} builds each type's resource map
 * again and gives every resource a version by hashing it ({@code VersionedResource.create}): for a
 * sidecar whose endpoints alone changed that was most of setting its snapshot. Reusing a type's
 * {@code SnapshotResources} is safe because it is immutable and its version is the hash of exactly
 * those resources (SnapshotVersions). Immutable.
 */
final class TypedSnapshot extends Snapshot {

  private final SnapshotResources<Cluster> clusters;
  private final SnapshotResources<ClusterLoadAssignment> endpoints;
  private final SnapshotResources<Listener> listeners;
  private final SnapshotResources<RouteConfiguration> routes;
  private final SnapshotResources<Secret> secrets;

  private TypedSnapshot(
      SnapshotResources<Cluster> clusters,
      SnapshotResources<ClusterLoadAssignment> endpoints,
      SnapshotResources<Listener> listeners,
      SnapshotResources<RouteConfiguration> routes,
      SnapshotResources<Secret> secrets) {
    this.clusters = clusters;
    this.endpoints = endpoints;
    this.listeners = listeners;
    this.routes = routes;
    this.secrets = secrets;
  }

  /**
   * Returns the snapshot of {@code resources} at {@code versions}, with the types whose version is
   * the one of {@code previous} taken from it.
   *
   * @param previous the proxy's snapshot set last, or {@code null}
   */
  static Snapshot of(Snapshot previous, EnvoyResources resources, SnapshotVersions versions) {
    boolean none = previous == null;
    return new TypedSnapshot(
        type(none ? null : previous.clusters(), resources::clusters, versions, "clusters"),
        type(none ? null : previous.endpoints(), resources::endpoints, versions, "endpoints"),
        type(none ? null : previous.listeners(), resources::listeners, versions, "listeners"),
        type(none ? null : previous.routes(), resources::routes, versions, "routes"),
        type(none ? null : previous.secrets(), resources::secrets, versions, "secrets"));
  }

  private static <T extends Message> SnapshotResources<T> type(
      SnapshotResources<T> previous,
      Supplier<List<T>> resources,
      SnapshotVersions versions,
      String type) {
    String version = versions.of(type);
    if (previous != null && previous.version().equals(version)) {
      return previous;
    }
    return SnapshotResources.create(generateSnapshotResourceIterable(resources.get()), version);
  }

  @Override
  public SnapshotResources<Cluster> clusters() {
    return clusters;
  }

  @Override
  public SnapshotResources<ClusterLoadAssignment> endpoints() {
    return endpoints;
  }

  @Override
  public SnapshotResources<Listener> listeners() {
    return listeners;
  }

  @Override
  public SnapshotResources<RouteConfiguration> routes() {
    return routes;
  }

  @Override
  public SnapshotResources<Secret> secrets() {
    return secrets;
  }
}
