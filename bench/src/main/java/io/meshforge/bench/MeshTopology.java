package io.meshforge.bench;

import io.meshforge.model.Resource;
import io.meshforge.model.ResourceKey;
import io.meshforge.model.ResourceType;
import io.meshforge.model.ResourceTypes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code MeshTopology} generates one mesh's Dataplanes and policies from a seed, so xDS benchmark
 * runs with the same arguments are comparable: {@code services} services ({@code svc-<n>}) of
 * {@code instances} Dataplanes each, protocols drawn from a fixed mix (60% http, 10% grpc, 30%
 * tcp), and a policy mix over MeshTimeout, MeshRetry, MeshCircuitBreaker and MeshTrafficPermission,
 * each aimed at a service drawn at random. Endpoint addresses are in the loopback range: nothing
 * ever dials them.
 */
final class MeshTopology {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final int SERVICE_PORT = 8080;
  private static final int FIRST_OUTBOUND_PORT = 10_000;
  private static final List<ResourceType> POLICY_TYPES =
      List.of(
          ResourceTypes.MESH_TIMEOUT,
          ResourceTypes.MESH_RETRY,
          ResourceTypes.MESH_CIRCUIT_BREAKER,
          ResourceTypes.MESH_TRAFFIC_PERMISSION);

  private final String mesh;
  private final int services;
  private final String[] protocols;

  private MeshTopology(String mesh, int services, long seed) {
    this.mesh = mesh;
    this.services = services;
    Random random = new Random(seed);
    this.protocols = new String[services];
    for (int s = 0; s < services; s++) {
      int draw = random.nextInt(10);
      protocols[s] = draw < 6 ? "http" : draw < 7 ? "grpc" : "tcp";
    }
  }

  /** A mesh of {@code services} services whose protocols are drawn from {@code seed}. */
  static MeshTopology of(String mesh, int services, long seed) {
    return new MeshTopology(mesh, services, seed);
  }

  String mesh() {
    return mesh;
  }

  int services() {
    return services;
  }

  static String service(int s) {
    return "svc-" + s;
  }

  /** {@code instances} Dataplanes per service, named {@code svc-<s>-<i>}. */
  List<Resource> serviceInstances(int instances) {
    List<Resource> dataplanes = new ArrayList<>();
    int n = 0;
    for (int s = 0; s < services; s++) {
      for (int i = 0; i < instances; i++) {
        dataplanes.add(dataplane(service(s) + "-" + i, address(1, n++), s, 0));
      }
    }
    return dataplanes;
  }

  /**
   * A Dataplane serving service {@code s} at {@code address}, with outbounds to the first {@code
   * outbounds} services (ports {@code 10000 + n}).
   */
  Resource dataplane(String name, String address, int s, int outbounds) {
    return Resource.of(
        ResourceKey.inMesh(ResourceTypes.DATAPLANE, mesh, name),
        Map.of(),
        dataplaneSpec(address, s, outbounds));
  }

  /** The same as {@link #dataplane} as the JSON (valid YAML) body of a REST PUT. */
  String dataplaneBody(String name, String address, int s, int outbounds) {
    ObjectNode body = NODES.objectNode();
    body.put("type", "Dataplane");
    body.put("name", name);
    body.put("mesh", mesh);
    body.setAll(dataplaneSpec(address, s, outbounds));
    return body.toString();
  }

  /**
   * A Dataplane serving {@code service} ({@code protocol}) at {@code address}, with an outbound to
   * each of {@code outbounds} (ports {@code 10000 + position}), as the JSON body of a REST PUT.
   */
  String dataplaneBody(
      String name, String address, String service, String protocol, List<String> outbounds) {
    ObjectNode body = NODES.objectNode();
    body.put("type", "Dataplane");
    body.put("name", name);
    body.put("mesh", mesh);
    body.setAll(dataplaneSpec(address, service, protocol, outbounds));
    return body.toString();
  }

  /** The first {@code count} services (at most all of them), in order. */
  List<String> firstServices(int count) {
    List<String> names = new ArrayList<>();
    for (int o = 0; o < Math.min(count, services); o++) {
      names.add(service(o));
    }
    return names;
  }

  private ObjectNode dataplaneSpec(String address, int s, int outbounds) {
    return dataplaneSpec(address, service(s), protocols[s], firstServices(outbounds));
  }

  private static ObjectNode dataplaneSpec(
      String address, String service, String protocol, List<String> outbounds) {
    ObjectNode spec = NODES.objectNode();
    ObjectNode networking = spec.putObject("networking");
    networking.put("address", address);
    ObjectNode inbound = networking.putArray("inbound").addObject();
    inbound.put("port", SERVICE_PORT);
    inbound.putObject("tags").put("kuma.io/service", service).put("kuma.io/protocol", protocol);
    if (!outbounds.isEmpty()) {
      var list = networking.putArray("outbound");
      for (int o = 0; o < outbounds.size(); o++) {
        ObjectNode out = list.addObject();
        out.put("port", FIRST_OUTBOUND_PORT + o);
        out.putObject("tags").put("kuma.io/service", outbounds.get(o));
      }
    }
    return spec;
  }

  /** {@code count} policies of the mix, each targeting a service drawn from {@code seed}. */
  List<Resource> policies(int count, long seed) {
    Random random = new Random(seed);
    List<Resource> policies = new ArrayList<>();
    for (int p = 0; p < count; p++) {
      ResourceType type = POLICY_TYPES.get(p % POLICY_TYPES.size());
      String target = service(random.nextInt(services));
      ObjectNode spec = NODES.objectNode();
      spec.putObject("targetRef").put("kind", "Mesh");
      ObjectNode to =
          spec.putArray(type.name().equals("MeshTrafficPermission") ? "from" : "to").addObject();
      to.putObject("targetRef").put("kind", "MeshService").put("name", target);
      ObjectNode conf = to.putObject("default");
      switch (type.name()) {
        case "MeshTimeout" -> conf.put("connectionTimeout", (1 + random.nextInt(9)) + "s");
        case "MeshRetry" -> conf.putObject("http").put("numRetries", 1 + random.nextInt(5));
        case "MeshCircuitBreaker" ->
            conf.putObject("connectionLimits").put("maxConnections", 100 + random.nextInt(900));
        default -> conf.put("action", "Allow");
      }
      String name = String.format(Locale.ROOT, "%s-%04d", type.shortName(), p);
      policies.add(Resource.of(ResourceKey.inMesh(type, mesh, name), Map.of(), spec));
    }
    return policies;
  }

  /** The {@code n}th address of block {@code block}: {@code 127.<block>.<n/250>.<1+n%250>}. */
  static String address(int block, int n) {
    return "127." + block + "." + (n / 250) + "." + (1 + n % 250);
  }
}
