package io.meshforge.ca;

import java.util.Optional;

/** {@code MeshCaSource} gives the CA currently signing a mesh's workload certificates. */
@FunctionalInterface
public interface MeshCaSource {

  /**
   * Returns the CA of a mesh's enabled builtin backend.
   *
   * @param mesh the mesh
   * @return the CA, or empty when the mesh has no mTLS, no builtin backend enabled, or its CA has
   *     not arrived yet
   * @throws SealException when the CA is there but cannot be opened (wrong secrets key)
   */
  Optional<MeshCa> currentCa(String mesh);
}
