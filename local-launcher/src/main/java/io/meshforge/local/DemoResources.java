package io.meshforge.local;

/** {@code DemoResources} writes the demo's Mesh and Dataplanes in Kuma's universal YAML. */
public final class DemoResources {
  private DemoResources() {}

  /**
   * A Mesh with a builtin CA: sidecars then use zone ingresses to reach other zones (ADR 0018). New
   * meshes come with {@code allow-all-<mesh>}, so traffic between the demo services is allowed.
   */
  public static String meshWithBuiltinMtls(String mesh) {
    return String.join(
        "\n",
        "type: Mesh",
        "name: " + mesh,
        "mtls:",
        "  enabledBackend: ca-1",
        "  backends:",
        "  - name: ca-1",
        "    type: builtin",
        "");
  }

  /** Service {@code backend}: inbound {@code inbound} in front of the app on {@code app}. */
  static String backendDataplane(int inbound, int app) {
    return String.join(
        "\n",
        "type: Dataplane",
        "mesh: " + LocalLauncher.MESH,
        "name: backend",
        "networking:",
        "  address: 127.0.0.1",
        "  inbound:",
        "  - port: " + inbound,
        "    servicePort: " + app,
        "    tags: {kuma.io/service: backend, kuma.io/protocol: http}",
        "");
  }

  /** Service {@code demo-app} with an outbound to {@code backend} on 127.0.0.1:{@code outbound}. */
  static String demoAppDataplane(int inbound, int app, int outbound) {
    return String.join(
        "\n",
        "type: Dataplane",
        "mesh: " + LocalLauncher.MESH,
        "name: demo-app",
        "networking:",
        "  address: 127.0.0.1",
        "  inbound:",
        "  - port: " + inbound,
        "    servicePort: " + app,
        "    tags: {kuma.io/service: demo-app, kuma.io/protocol: http}",
        "  outbound:",
        "  - port: " + outbound,
        "    tags: {kuma.io/service: backend}",
        "");
  }
}
