package io.meshforge.global.ca;

import io.meshforge.ca.BuiltinBackend;
import io.meshforge.ca.MeshCa;
import io.meshforge.ca.MeshCaGenerator;
import io.meshforge.ca.MeshCaSecrets;
import io.meshforge.ca.SecretSeal;
import io.meshforge.model.Resource;
import io.meshforge.model.ResourceKey;
import io.meshforge.model.ResourceTypes;
import io.meshforge.model.store.ResourceAlreadyExistsException;
import io.meshforge.model.store.ResourceConflictException;
import io.meshforge.model.store.ResourceStore;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code MeshCaProvisioner} makes sure every Mesh whose enabled mTLS backend is {@code builtin} has
 * its CA Secret ({@link MeshCaSecrets#secretName}), creating it once.
 *
 * <ul>
 *   <li>An existing CA Secret is never replaced: Mesh updates, restarts and the periodic pass keep
 *       it, so proxies' trust never changes behind their back.
 *   <li>Creation is create-if-absent: of several global instances racing, one CA wins and the
 *       others' are dropped before anyone used them.
 *   <li>Switching to another backend creates that backend's CA and keeps the old one; disabling
 *       mTLS or removing the backend keeps it too. A CA Secret goes away with its Mesh, or when an
 *       operator deletes it, which is refused while its backend is the enabled one ({@link
 *       #requireNotInUse}).
 * </ul>
 *
 * <p>Thread-safe: it keeps no state besides its collaborators.
 */
public final class MeshCaProvisioner {
  private static final Logger log = LoggerFactory.getLogger(MeshCaProvisioner.class);

  private final ResourceStore store;
  private final MeshCaGenerator generator;
  private final SecretSeal seal;

  /**
   * Creates the provisioner.
   *
   * @param store where CA Secrets are created
   * @param generator creates new CAs
   * @param seal seals their keys
   */
  public MeshCaProvisioner(ResourceStore store, MeshCaGenerator generator, SecretSeal seal) {
    this.store = store;
    this.generator = generator;
    this.seal = seal;
  }

  /**
   * Creates the CA of a Mesh's enabled builtin backend when there is none yet.
   *
   * @param mesh a Mesh resource
   * @return the CA Secret's key when the Mesh has an enabled builtin backend (whether created now
   *     or before), else empty
   * @throws IllegalArgumentException when the backend's {@code caCert} settings are invalid
   * @throws io.meshforge.model.store.StoreException when the store cannot be read or written
   */
  public Optional<ResourceKey> ensureFor(Resource mesh) {
    Optional<BuiltinBackend> backend = BuiltinBackend.enabledIn(mesh);
    if (backend.isEmpty()) {
      return Optional.empty();
    }
    ResourceKey key = MeshCaSecrets.secretKey(mesh.name(), backend.get().name());
    if (store.get(key).isPresent()) {
      return Optional.of(key);
    }
    MeshCa ca = generator.generate(backend.get());
    try {
      store.create(MeshCaSecrets.toSecret(ca, seal));
      log.info(
          "created the builtin CA of mesh {} backend {} ({}), key sealed with secrets key {}",
          mesh.name(),
          backend.get().name(),
          ca.fingerprint(),
          seal.currentKeyId());
    } catch (ResourceAlreadyExistsException e) {
      log.debug("the CA of mesh {} was created concurrently; keeping that one", mesh.name());
    }
    return Optional.of(key);
  }

  /**
   * Refuses to delete a Secret that is the CA of its mesh's enabled builtin backend: every proxy of
   * the mesh trusts it, so removing it would break mesh traffic.
   *
   * @param key the key of a resource about to be deleted
   * @throws ResourceConflictException when it is such a CA Secret
   */
  public void requireNotInUse(ResourceKey key) {
    if (!key.type().equals(ResourceTypes.SECRET)) {
      return;
    }
    Optional<BuiltinBackend> backend =
        store
            .get(ResourceKey.global(ResourceTypes.MESH, key.mesh()))
            .flatMap(MeshCaProvisioner::enabledBackendOrEmpty);
    if (backend.isPresent()
        && MeshCaSecrets.secretName(key.mesh(), backend.get().name()).equals(key.name())) {
      throw new ResourceConflictException(
          "Secret "
              + key.name()
              + " is the CA of mesh "
              + key.mesh()
              + "'s enabled mTLS backend "
              + backend.get().name()
              + "; switch the mesh to another backend (or disable mTLS) before deleting it");
    }
  }

  private static Optional<BuiltinBackend> enabledBackendOrEmpty(Resource mesh) {
    try {
      return BuiltinBackend.enabledIn(mesh);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
