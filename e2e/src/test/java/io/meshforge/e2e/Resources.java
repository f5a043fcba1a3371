package io.meshforge.e2e;

/** YAML bodies of the resources the tests write. */
final class Resources {
  private Resources() {}

  static String mesh(String name) {
    return "type: Mesh\nname: " + name + "\n";
  }

  /** A MeshTimeout whose connection timeout carries the test's version of the spec. */
  static String timeout(String mesh, String name, int seconds) {
    return String.join(
        "\n",
        "type: MeshTimeout",
        "name: " + name,
        "mesh: " + mesh,
        "spec:",
        "  targetRef: {kind: Mesh}",
        "  to:",
        "  - targetRef: {kind: Mesh}",
        "    default: {connectionTimeout: " + seconds + "s}",
        "");
  }

  /**
   * A MeshTimeout of a realistic size: the first {@code to} entry carries the test's number (as in
   * {@link #timeout}), then {@code services} entries for MeshServices by name, each with its own
   * timeouts (about 220 bytes of YAML per entry).
   */
  static String largeTimeout(String mesh, String name, int seconds, int services) {
    StringBuilder yaml = new StringBuilder(timeout(mesh, name, seconds));
    for (int i = 0; i < services; i++) {
      yaml.append("  - targetRef: {kind: MeshService, name: backend-")
          .append(String.format("%03d", i))
          .append("-payments-ledger-eu-west}\n")
          .append("    default: {connectionTimeout: ")
          .append(1 + i % 9)
          .append("s, idleTimeout: 1h, http: {requestTimeout: ")
          .append(10 + i)
          .append("s, streamIdleTimeout: 30m, maxStreamDuration: 0s, maxConnectionDuration: 0s,")
          .append(" requestHeadersTimeout: 10s}}\n");
    }
    return yaml.toString();
  }

  static String meshService(String mesh, String name, int port) {
    return String.join(
        "\n",
        "type: MeshService",
        "name: " + name,
        "mesh: " + mesh,
        "spec:",
        "  selector: {dataplaneTags: {kuma.io/service: " + name + "}}",
        "  ports: [{port: " + port + ", targetPort: " + port + ", appProtocol: http}]",
        "");
  }

  static String dataplane(String mesh, String name, int port) {
    return String.join(
        "\n",
        "type: Dataplane",
        "name: " + name,
        "mesh: " + mesh,
        "networking:",
        "  address: 10.0.0.1",
        "  inbound:",
        "  - port: " + port,
        "    tags: {kuma.io/service: " + name + "}",
        "");
  }

  static String timeoutPath(String mesh, String name) {
    return "/meshes/" + mesh + "/meshtimeouts/" + name;
  }

  static String meshServicePath(String mesh, String name) {
    return "/meshes/" + mesh + "/meshservices/" + name;
  }

  static String dataplanePath(String mesh, String name) {
    return "/meshes/" + mesh + "/dataplanes/" + name;
  }
}
