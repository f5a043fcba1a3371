package io.meshforge.zone.xds.tls;

/**
 * {@code TlsSecretNames} builds the names of the SDS secrets, in one place. Each proxy has its own
 * snapshot, so a name only has to be unique within a proxy; it still carries the mesh, so a secret
 * of one mesh can never be served under the name another mesh's proxies ask for (S10).
 */
public final class TlsSecretNames {

  private TlsSecretNames() {}

  /**
   * Returns the name of a proxy's identity secret (its leaf certificate and key).
   *
   * @param mesh the proxy's mesh
   * @return {@code identity_cert:secret:<mesh>}
   */
  public static String identity(String mesh) {
    return "identity_cert:secret:" + mesh;
  }

  /**
   * Returns the name of the validation secret holding a mesh's CA certificate.
   *
   * @param mesh the mesh
   * @return {@code mesh_ca:secret:<mesh>}
   */
  public static String meshCa(String mesh) {
    return "mesh_ca:secret:" + mesh;
  }
}
