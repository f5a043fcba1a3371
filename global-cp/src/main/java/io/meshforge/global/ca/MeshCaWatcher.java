package io.meshforge.global.ca;

import io.meshforge.ca.BuiltinBackend;
import io.meshforge.ca.MeshCaSecrets;
import io.meshforge.model.Resource;
import io.meshforge.model.ResourceType;
import io.meshforge.model.ResourceTypes;
import io.meshforge.model.store.DebounceSettings;
import io.meshforge.model.store.ResourceView;
import io.meshforge.model.store.StoreException;
import io.meshforge.model.store.ViewWatcher;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code MeshCaWatcher} is the safety net behind the REST write path: on every change of Meshes or
 * Secrets in the view (and once at start) it asks the provisioner for the CA of each Mesh whose
 * enabled builtin backend has no CA Secret in the view. A CA whose creation failed with the Mesh
 * write (database down) is created on the next change, at the latest on the view's periodic resync.
 */
final class MeshCaWatcher implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(MeshCaWatcher.class);
  private static final List<ResourceType> WATCHED =
      List.of(ResourceTypes.MESH, ResourceTypes.SECRET);

  private final ResourceView view;
  private final MeshCaProvisioner provisioner;
  private final ViewWatcher watcher;

  MeshCaWatcher(ResourceView view, MeshCaProvisioner provisioner) {
    this.view = view;
    this.provisioner = provisioner;
    this.watcher =
        ViewWatcher.start(
            view, WATCHED, DebounceSettings.defaults(), (type, resources) -> reconcile());
  }

  private void reconcile() {
    for (Resource mesh : view.list(ResourceTypes.MESH, null)) {
      try {
        if (missingCa(mesh)) {
          provisioner.ensureFor(mesh);
        }
      } catch (IllegalArgumentException e) {
        log.warn("mesh {}: cannot create its builtin CA: {}", mesh.name(), e.getMessage());
      } catch (StoreException e) {
        log.warn("mesh {}: CA creation will be retried: {}", mesh.name(), e.getMessage());
      }
    }
  }

  private boolean missingCa(Resource mesh) {
    return BuiltinBackend.enabledIn(mesh)
        .map(backend -> view.get(MeshCaSecrets.secretKey(mesh.name(), backend.name())).isEmpty())
        .orElse(false);
  }

  @Override
  public void close() {
    watcher.close();
  }
}
