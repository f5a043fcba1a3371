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
