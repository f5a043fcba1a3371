package io.meshforge.zone.xds.sync;

import io.meshforge.model.Resource;
import io.meshforge.model.ResourceType;
import io.meshforge.model.ResourceTypes;
import io.meshforge.zone.xds.context.MeshContext;
import io.meshforge.zone.xds.context.RemoteZones;
import io.meshforge.zone.xds.context.ZoneEdges;
import io.meshforge.zone.xds.context.ZoneStates;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * {@code WatchedResources} is what a {@link SnapshotReconciler} knows of the zone's store: the
 * latest state of every watched type, by mesh (global-scoped types under the pseudo mesh {@code
 * ""}), and which meshes changed since the reconciler last rebuilt them. Confined to the
 * reconciler's thread.
 */
final class WatchedResources {

  private final String zone;
  private final Map<ResourceType, Map<String, List<Resource>>> state = new HashMap<>();

  /** The meshes changed since the last {@link #clearDirty()}, with the types that changed them. */
  private final Map<String, Set<ResourceType>> dirty = new HashMap<>();

  /**
   * The types whose change can alter only the endpoints of destinations (when the rebuilt mesh
   * context says so: {@code MeshContext#sameExceptEndpoints}). A change of any other type (a
   * policy, the Mesh, its CA secret, ...) regenerates every proxy of the mesh whole.
   */
  private static final Set<ResourceType> ENDPOINT_SOURCES =
      Set.of(ResourceTypes.DATAPLANE, ResourceTypes.ZONE_INGRESS, ResourceTypes.MESH_SERVICE);

  WatchedResources(String zone) {
    this.zone = Objects.requireNonNull(zone, "zone");
  }

  /** The types whose changes can change a sidecar's configuration. */
  static List<ResourceType> types() {
    List<ResourceType> types = new ArrayList<>();
    types.add(ResourceTypes.MESH);
    types.add(ResourceTypes.DATAPLANE);
    types.add(ResourceTypes.MESH_SERVICE);
    // Other zones' ingresses make cross-zone endpoints (any mesh: they are global-scoped).
    types.add(ResourceTypes.ZONE_INGRESS);
    // This zone's egresses, external and multi-zone services (ADR 0022).
    types.add(ResourceTypes.ZONE_EGRESS);
    types.add(ResourceTypes.MESH_EXTERNAL_SERVICE);
    types.add(ResourceTypes.MESH_MULTI_ZONE_SERVICE);
    // Zones disabled on global are evacuated (ADR 0023).
    types.add(ResourceTypes.ZONE);
    // The mesh CA arrives and changes as a Secret of the mesh (ADR 0016).
    types.add(ResourceTypes.SECRET);
    types.addAll(ResourceTypes.policies());
    return List.copyOf(types);
  }

  /** Records a watched type's full current state and marks the meshes it changed. */
  void accept(ResourceType type, List<Resource> resources) {
    Map<String, List<Resource>> byMesh = new HashMap<>();
    for (Resource resource : resources) {
      String mesh = type.equals(ResourceTypes.MESH) ? resource.name() : resource.mesh();
      byMesh.computeIfAbsent(mesh, m -> new ArrayList<>()).add(resource);
    }
    Map<String, List<Resource>> previous = state.getOrDefault(type, Map.of());
    Set<String> meshNames = new HashSet<>(previous.keySet());
    meshNames.addAll(byMesh.keySet());
    for (String mesh : meshNames) {
      if (!Objects.equals(previous.get(mesh), byMesh.get(mesh))) {
        // "" for a global-scoped type: its zone proxies are regenerated
        dirty.computeIfAbsent(mesh, m -> new HashSet<>()).add(type);
      }
    }
    state.put(type, byMesh);
    boolean everyMesh =
        type.equals(ResourceTypes.ZONE_INGRESS)
            || type.equals(ResourceTypes.ZONE_EGRESS)
            || type.equals(ResourceTypes.ZONE);
    // A zone proxy serves any mesh, and a zone's enabled flag affects every mesh: every mesh is
    // rebuilt. Not for a change of this zone's own ingresses only (their availableServices follow
    // every instance count): sidecars use other zones' ingresses only.
    if (everyMesh
        && !Objects.equals(previous, byMesh)
        && !(type.equals(ResourceTypes.ZONE_INGRESS)
            && LocalIngressChange.onlyLocal(previous.get(""), byMesh.get("")))) {
      state
          .values()
          .forEach(meshesOfType ->
              meshesOfType
                  .keySet()
                  .forEach(mesh -> dirty.computeIfAbsent(mesh, m -> new HashSet<>()).add(type)));
    }
  }

  /** Returns whether every watched type has been delivered at least once. */
  boolean complete() {
    return state.size() >= types().size();
  }

  /** The changed types by mesh since {@link #clearDirty()}, for a log line: {@code "m:A,B, "}. */
  String dirtyTypes() {
    StringBuilder out = new StringBuilder();
    dirty.forEach((mesh, types) -> {
      out.append(mesh).append(':');
      types.forEach(t -> out.append(t.name()).append(','));
      out.append(' ');
    });
    return out.toString();
  }

  /** The meshes changed since {@link #clearDirty()} ({@code ""}: global-scoped resources). */
  Set<String> dirty() {
    return dirty.keySet();
  }

  /**
   * Returns whether every change of {@code mesh} since {@link #clearDirty()} came from types that
   * can only move endpoints (Dataplanes, ZoneIngresses, MeshServices), so the sidecars whose own
   * Dataplane did not change may get new endpoints alone, if the rebuilt context agrees.
   */
  boolean onlyEndpointSourcesChanged(String mesh) {
    Set<ResourceType> types = dirty.get(mesh);
    return types != null && ENDPOINT_SOURCES.containsAll(types);
  }

  void clearDirty() {
    dirty.clear();
  }

  /** Computes a mesh's context from the current state. */
  MeshContext buildMesh(String mesh) {
    List<Resource> policies = new ArrayList<>();
    for (ResourceType type : ResourceTypes.policies()) {
      policies.addAll(of(type, mesh));
    }
    List<Resource> meshResources = of(ResourceTypes.MESH, mesh);
    return MeshContext.build(
        mesh,
        meshResources.isEmpty() ? null : meshResources.get(0),
        of(ResourceTypes.DATAPLANE, mesh),
        of(ResourceTypes.MESH_SERVICE, mesh),
        policies,
        of(ResourceTypes.ZONE_INGRESS, ""),
        new ZoneEdges(
            zone,
            of(ResourceTypes.ZONE_EGRESS, ""),
            of(ResourceTypes.MESH_EXTERNAL_SERVICE, mesh),
            of(ResourceTypes.MESH_MULTI_ZONE_SERVICE, mesh)),
        ZoneStates.of(zone, of(ResourceTypes.ZONE, "")));
  }

  /** Returns this zone's own ZoneIngress or ZoneEgress named {@code name}, or null. */
  Resource localZoneProxy(ResourceType type, String name) {
    return of(type, "").stream()
        .filter(r -> r.name().equals(name))
        .filter(r -> !RemoteZones.isRemote(r))
        .findFirst()
        .orElse(null);
  }

  private List<Resource> of(ResourceType type, String mesh) {
    return state.getOrDefault(type, Map.of()).getOrDefault(mesh, List.of());
  }
}
