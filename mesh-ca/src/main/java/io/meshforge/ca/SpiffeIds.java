package io.meshforge.ca;

/**
 * {@code SpiffeIds} spells the identities certificates carry and RBAC matches on, in one place:
 * {@code spiffe://<mesh>} for a mesh CA, {@code spiffe://<mesh>/<service>} for a workload serving
 * {@code service}, and Kuma's {@code kuma://<tag>/<value>} for each of a workload's tags.
 */
public final class SpiffeIds {

  private SpiffeIds() {}

  /**
   * Returns the SPIFFE trust domain URI of a mesh.
   *
   * @param mesh the mesh
   * @return {@code spiffe://<mesh>}
   */
  public static String ofMesh(String mesh) {
    return "spiffe://" + mesh;
  }

  /**
   * Returns the SPIFFE ID of a service in a mesh.
   *
   * @param mesh the mesh
   * @param service the {@code kuma.io/service} value
   * @return {@code spiffe://<mesh>/<service>}
   */
  public static String ofService(String mesh, String service) {
    return ofMesh(mesh) + "/" + service;
  }

  /**
   * Returns the URI SAN that says a workload has a tag.
   *
   * @param tag the tag key, e.g. {@code kuma.io/service} or {@code version}
   * @param value the tag value
   * @return {@code kuma://<tag>/<value>}
   */
  public static String ofTag(String tag, String value) {
    return "kuma://" + tag + "/" + value;
  }
}
