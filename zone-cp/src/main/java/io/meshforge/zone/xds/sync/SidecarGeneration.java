package io.meshforge.zone.xds.sync;

import io.meshforge.model.Resource;
import io.meshforge.zone.xds.context.MeshContext;
import io.meshforge.zone.xds.context.ProxyContext;
import io.meshforge.zone.xds.context.ProxyMetadata;
import io.meshforge.zone.xds.generator.EnvoyResources;

/**
 * What a sidecar was last configured with and from which of its own inputs: the base of an
 * endpoints-only regeneration, which keeps every type but the ClusterLoadAssignments. Immutable.
 *
 * @param dataplane the proxy's Dataplane the resources were generated from
 * @param metadata what the proxy said about itself on its stream
 * @param resources the generated resources
 * @param versions their per-type versions
 */
record SidecarGeneration(
    Resource dataplane,
    ProxyMetadata metadata,
    EnvoyResources resources,
    SnapshotVersions versions) {

  /** A whole generation of the proxy. */
  static SidecarGeneration of(ProxyContext proxy, EnvoyResources resources) {
    return new SidecarGeneration(
        proxy.dataplane(),
        proxy.metadata(),
        resources,
        SnapshotVersions.of(resources, proxy.mesh()));
  }

  /**
   * Returns whether {@code proxy}'s own inputs are the ones this generation was made from, so that
   * when its mesh changed in endpoints only, its other resources are still right.
   */
  boolean canReuse(ProxyContext proxy) {
    return dataplane.equals(proxy.dataplane()) && metadata.equals(proxy.metadata());
  }

  /** This generation with new ClusterLoadAssignments (and their version) and the rest kept. */
  SidecarGeneration withEndpoints(EnvoyResources endpoints, MeshContext mesh) {
    return new SidecarGeneration(
        dataplane,
        metadata,
        resources.withEndpointsOf(endpoints),
        versions.withEndpoints(endpoints, mesh));
  }
}
