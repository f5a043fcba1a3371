package io.meshforge.global.resource;

import io.meshforge.ca.BuiltinBackend;
import io.meshforge.global.ca.MeshCaProvisioner;
import io.meshforge.global.mesh.DefaultMeshPolicies;
import io.meshforge.model.Resource;
import io.meshforge.model.ResourceKey;
import io.meshforge.model.ResourceType;
import io.meshforge.model.ResourceTypes;
import io.meshforge.model.SpecLayout;
import io.meshforge.model.WellKnownLabels;
import io.meshforge.model.store.ResourceStore;
import io.meshforge.model.store.StoreException;
import io.meshforge.model.validation.ValidationException;
import io.meshforge.model.validation.Violation;
import io.meshforge.rest.CompareAndSwapWrites;
import io.meshforge.rest.ReadOnlyTypeException;
import io.meshforge.rest.ResourceService;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.stereotype.Service;

/**
 * The write rules of the global control plane, on top of the store's own contract.
 *
 * <ul>
 *   <li>Types synced up from zones (Dataplane, MeshService, ZoneIngress, ...) and types computed by
 *       the CP (insights) are read-only here.
 *   <li>Labels: {@code kuma.io/origin} may only say {@code global} and {@code kuma.io/zone} may not
 *       be set by users (KDS sets both on what zones send); new-style resources get {@code
 *       kuma.io/origin: global} so zones can tell where they came from.
 *   <li>PUT is create-or-update; an update is a compare-and-swap against the version just read, so
 *       of two concurrent writers one wins and the other gets a conflict, never a lost update.
 *   <li>Server-set status is kept across user updates.
 *   <li>A Mesh enabling a {@code builtin} mTLS backend gets its CA Secret right after the write
 *       (ADR 0016); the CA Secret of the enabled backend cannot be deleted.
 * </ul>
 */
@Service
public class GlobalResourceService implements ResourceService {
  private final ResourceStore store;
  private final DefaultMeshPolicies meshDefaults;
  private final MeshCaProvisioner meshCas;

  public GlobalResourceService(
      ResourceStore store, DefaultMeshPolicies meshDefaults, MeshCaProvisioner meshCas) {
    this.store = store;
    this.meshDefaults = meshDefaults;
    this.meshCas = meshCas;
  }

  @Override
  public Optional<Resource> get(ResourceKey key) {
    return store.get(key);
  }

  /** Creates or updates a resource decoded from a request. */
  @Override
  public Upserted upsert(Resource incoming) {
    requireWritable(incoming.type());
    Resource labelled = incoming.withLabels(checkedLabels(incoming));
    boolean mesh = labelled.type().equals(ResourceTypes.MESH);
    if (mesh) {
      requireValidCaSettings(labelled);
    }
    Upserted upserted = CompareAndSwapWrites.upsert(store, labelled, current -> {});
    if (upserted.created() && mesh) {
      meshDefaults.createFor(upserted.resource());
    }
    if (mesh) {
      try {
        meshCas.ensureFor(upserted.resource());
      } catch (StoreException e) {
        // The Mesh is written; the CA watcher creates the CA once the store is back.
      }
    }
    return upserted;
  }

  /** Deletes a resource (a Mesh with everything in it). */
  @Override
  public void delete(ResourceKey key) {
    requireWritable(key.type());
    meshCas.requireNotInUse(key);
    CompareAndSwapWrites.delete(store, key, current -> {});
  }

  @Override
  public boolean writable(ResourceType type) {
    return !type.systemManaged() && type.providedByGlobal();
  }

  private static void requireValidCaSettings(Resource mesh) {
    try {
      BuiltinBackend.enabledIn(mesh);
    } catch (IllegalArgumentException e) {
      throw new ValidationException(List.of(new Violation("mtls.backends", e.getMessage())));
    }
  }

  private static void requireWritable(ResourceType type) {
    ReadOnlyTypeException.requireWritable(
        type,
        type.providedByGlobal(),
        " is synced from zones and read-only on the global control plane; change it in"
            + " its zone");
  }

  private static Map<String, String> checkedLabels(Resource resource) {
    Map<String, String> labels = new TreeMap<>(resource.labels());
    List<Violation> violations = new ArrayList<>();
    String origin = labels.get(WellKnownLabels.ORIGIN);
    if (origin != null && !origin.equals(WellKnownLabels.ORIGIN_GLOBAL)) {
      violations.add(
          new Violation(
              "labels[\"" + WellKnownLabels.ORIGIN + "\"]",
              "must be \"global\" on the global control plane (zone-origin resources are"
                  + " created in their zone)"));
    }
    if (labels.containsKey(WellKnownLabels.ZONE)) {
      violations.add(
          new Violation(
              "labels[\"" + WellKnownLabels.ZONE + "\"]",
              "is set by the control plane for resources synced from a zone; remove it"));
    }
    if (!violations.isEmpty()) {
      throw new ValidationException(violations);
    }
    if (resource.type().layout() == SpecLayout.WRAPPED) {
      labels.put(WellKnownLabels.ORIGIN, WellKnownLabels.ORIGIN_GLOBAL);
    }
    return labels;
  }
}
