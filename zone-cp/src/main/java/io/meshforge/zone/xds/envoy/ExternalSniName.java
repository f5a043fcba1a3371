package io.meshforge.zone.xds.envoy;

/**
 * The server name a sidecar sends to reach a MeshExternalService through the zone egress, on which
 * the egress routes (ADR 0022): {@code <name>.<port>.ext--svc.<mesh>.mf}, i.e. a {@link SniName}
 * whose zone label is {@value #ZONE_LABEL}.
 *
 * <p>No zone can own that label: {@link SniName} writes a zone name holding {@code --} escaped
 * ({@code x--...}), so an external service's name never equals a cross-zone destination's.
 */
public final class ExternalSniName {

  /** The label standing where a cross-zone name has its zone. */
  public static final String ZONE_LABEL = "ext--svc";

  private ExternalSniName() {}

  /**
   * Returns the server name of one MeshExternalService.
   *
   * @param mesh the mesh
   * @param name the MeshExternalService name
   * @param port its {@code match.port}
   * @throws SniNameTooLongException when the name does not fit 253 characters
   */
  public static String of(String mesh, String name, int port) {
    // A one-letter zone stands in for the reserved label, which is longer: the length is
    // re-checked.
    String[] labels = SniName.of(mesh, name, "z", port).split("\\.");
    labels[labels.length - 3] = ZONE_LABEL;
    String value = String.join(".", labels);
    if (value.length() > 253) {
      throw new SniNameTooLongException(
          "server name of external service " + name + " in " + mesh + " exceeds 253 characters");
    }
    return value;
  }
}
