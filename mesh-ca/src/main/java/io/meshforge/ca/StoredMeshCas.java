package io.meshforge.ca;

import io.meshforge.model.Resource;
import io.meshforge.model.ResourceKey;
import io.meshforge.model.ResourceTypes;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * {@code StoredMeshCas} reads a mesh's CA from resources: the Mesh says which builtin backend is
 * enabled, the Secret {@link MeshCaSecrets#secretName} holds the CA, sealed. On a zone, the lookup
 * is the zone's in-memory view, where KDS puts both.
 *
 * <p>Opened CAs are cached per Secret and reused while the Secret's spec is unchanged, so the key
 * is unsealed once, not per proxy.
 *
 * <p>Thread-safe.
 */
public final class StoredMeshCas implements MeshCaSource {

  private record Opened(Resource secret, MeshCa ca) {}

  private final Function<ResourceKey, Optional<Resource>> lookup;
  private final SecretSeal seal;
  private final Map<ResourceKey, Opened> opened = new ConcurrentHashMap<>();

  /**
   * Creates the source.
   *
   * @param lookup reads a resource by key, e.g. {@code view::get}
   * @param seal opens the sealed CA keys
   */
  public StoredMeshCas(Function<ResourceKey, Optional<Resource>> lookup, SecretSeal seal) {
    this.lookup = Objects.requireNonNull(lookup, "lookup");
    this.seal = Objects.requireNonNull(seal, "seal");
  }

  @Override
  public Optional<MeshCa> currentCa(String mesh) {
    Optional<BuiltinBackend> backend =
        lookup
            .apply(ResourceKey.global(ResourceTypes.MESH, mesh))
            .flatMap(BuiltinBackend::enabledIn);
    if (backend.isEmpty()) {
      return Optional.empty();
    }
    ResourceKey secretKey = MeshCaSecrets.secretKey(mesh, backend.get().name());
    Optional<Resource> secret = lookup.apply(secretKey);
    if (secret.isEmpty()) {
      opened.remove(secretKey);
      return Optional.empty();
    }
    Opened cached = opened.get(secretKey);
    if (cached != null && cached.secret().spec().equals(secret.get().spec())) {
      return Optional.of(cached.ca());
    }
    MeshCa ca = MeshCaSecrets.fromSecret(secret.get(), seal);
    opened.put(secretKey, new Opened(secret.get(), ca));
    return Optional.of(ca);
  }
}
