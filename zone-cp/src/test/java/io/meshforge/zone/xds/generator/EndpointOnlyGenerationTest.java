package io.meshforge.zone.xds.generator;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshforge.model.Resource;
import io.meshforge.model.ResourceType;
import io.meshforge.model.ResourceTypes;
import io.meshforge.model.codec.DocumentFormat;
import io.meshforge.model.codec.ResourceCodec;
import io.meshforge.zone.xds.GoldenFiles;
import io.meshforge.zone.xds.context.MeshContext;
import io.meshforge.zone.xds.context.ProxyContext;
import io.meshforge.zone.xds.context.ProxyMetadata;
import io.meshforge.zone.xds.context.ZoneEdges;
import io.meshforge.zone.xds.context.ZoneStates;
import io.meshforge.zone.xds.envoy.EnvoyJson;
import io.meshforge.zone.xds.tls.MtlsOutboundSecurity;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The invariant the reconciler's endpoints-only path rests on ({@code
 * ResourceGenerator#generateEndpoints}): when a mesh changed in endpoints only ({@link
 * MeshContext#sameExceptEndpoints}), a whole generation of a sidecar whose Dataplane did not change
 * equals its previous generation with the new ClusterLoadAssignments alone. Checked on the golden
 * inputs (failover with affinity tags and ordered rules, every policy kind, MeshServices,
 * cross-zone ingresses) under seeded random endpoint churn: instances added, removed, made unready,
 * re-tagged, and other zones' instance counts changed.
 */
class EndpointOnlyGenerationTest {

  private static final ResourceCodec CODEC = new ResourceCodec();
  private static final SidecarGenerator GENERATOR =
      SidecarGenerator.standard(InboundSecurity.NONE, new MtlsOutboundSecurity());
  private static final int STEPS = 24;

  static Stream<String> inputs() {
    return Stream.of(
        "failover/affinity.input.yaml",
        "ingress/cross-zone.input.yaml+failover/ordered.input.yaml",
        "policies/all-four.input.yaml",
        "sidecar/two-outbounds.input.yaml",
        "sidecar/http-inbound.input.yaml");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("inputs")
  void generateEndpoints_randomEndpointChurn_equalsWholeGenerationOfUnchangedProxies(String input)
      throws Exception {
    List<Resource> state = read(input);
    Random random = new Random(input.hashCode());
    int checked = 0;
    int endpointsOnly = 0;
    for (int step = 0; step < STEPS; step++) {
      List<Resource> next = churn(state, random, step);
      MeshContext before = context(state);
      MeshContext after = context(next);
      List<Resource> previousState = state;
      state = next;
      if (!after.sameExceptEndpoints(before)) {
        continue; // e.g. a service's last instance went: everything is regenerated
      }
      endpointsOnly++;
      for (Resource dataplane : ofType(next, ResourceTypes.DATAPLANE)) {
        if (!dataplane.mesh().equals("default") || !previousState.contains(dataplane)) {
          continue; // a changed or new proxy is regenerated whole
        }
        ProxyContext previous = proxy(before, dataplane.name());
        ProxyContext current = proxy(after, dataplane.name());
        EnvoyResources reused =
            GENERATOR.generate(previous).withEndpointsOf(GENERATOR.generateEndpoints(current));
        assertThat(json(reused))
            .as("step %d, proxy %s", step, dataplane.name())
            .isEqualTo(json(GENERATOR.generate(current)));
        checked++;
      }
    }
    assertThat(endpointsOnly).as("endpoint-only steps").isGreaterThan(STEPS / 2);
    assertThat(checked).as("proxies compared").isGreaterThan(STEPS / 2);
  }

  @Test
  void sameExceptEndpoints_newInstanceWithAnotherProtocol_isFalse() throws Exception {
    List<Resource> state = read("failover/affinity.input.yaml");
    Resource backend = named(state, "backend-1");
    ObjectNode spec = (ObjectNode) backend.spec().deepCopy();
    ObjectNode tags = (ObjectNode) spec.path("networking").path("inbound").get(0).get("tags");
    tags.put("kuma.io/protocol", "tcp");
    List<Resource> next = new ArrayList<>(state);
    next.set(next.indexOf(backend), backend.withSpec(spec));

    // Every backend instance but one is HTTP: the destination's protocol follows the instances.
    List<Resource> allTcp = new ArrayList<>(next);
    for (Resource r : ofType(next, ResourceTypes.DATAPLANE)) {
      if (r.name().startsWith("backend")) {
        ObjectNode s = (ObjectNode) r.spec().deepCopy();
        ((ObjectNode) s.path("networking").path("inbound").get(0).get("tags"))
            .put("kuma.io/protocol", "tcp");
        allTcp.set(allTcp.indexOf(r), r.withSpec(s));
      }
    }
    assertThat(context(allTcp).sameExceptEndpoints(context(state))).isFalse();
  }

  @Test
  void sameExceptEndpoints_policyChanged_isFalse() throws Exception {
    List<Resource> state = read("policies/all-four.input.yaml");
    Resource policy = state.stream().filter(r -> r.type().policy()).findFirst().orElseThrow();
    List<Resource> next = new ArrayList<>(state);
    next.remove(policy);
    assertThat(context(next).sameExceptEndpoints(context(state))).isFalse();
  }

  /**
   * A MeshService no Dataplane names in an outbound (another zone's generated copy arriving, B5
   * round 4) leaves every sidecar as it was; one a Dataplane names reshapes its sidecar.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "another zone's MeshService arrives, add-unnamed, true",
    "another zone's MeshService leaves, remove-unnamed, true",
    "a named MeshService changes its protocol, reshape-named, false",
    "a named MeshService is deleted, remove-named, false",
  })
  void sameExceptEndpoints_meshServiceChange_dependsOnWhetherADataplaneNamesIt(
      String change, String kind, boolean endpointsOnly) throws Exception {
    List<Resource> base = read("sidecar/two-outbounds.input.yaml");
    Resource unnamed =
        CODEC.decode(
            String.join(
                    "\n",
                    "type: MeshService",
                    "mesh: default",
                    "name: payments-5b7d9c",
                    "labels: {kuma.io/zone: west, kuma.io/origin: zone}",
                    "spec:",
                    "  selector: {dataplaneTags: {kuma.io/service: payments}}",
                    "  ports:",
                    "  - {port: 9090, targetPort: 9090, appProtocol: grpc}",
                    "")
                .getBytes(StandardCharsets.UTF_8),
            DocumentFormat.YAML);
    Resource payments = named(base, "payments");
    ObjectNode http = (ObjectNode) payments.spec().deepCopy();
    ((ObjectNode) http.path("ports").get(0)).put("appProtocol", "http");
    List<Resource> before = new ArrayList<>(base);
    List<Resource> after = new ArrayList<>(base);
    switch (kind) {
      case "add-unnamed" -> after.add(unnamed);
      case "remove-unnamed" -> before.add(unnamed);
      case "reshape-named" -> after.set(after.indexOf(payments), payments.withSpec(http));
      default -> after.remove(payments);
    }

    MeshContext previous = context(before);
    MeshContext current = context(after);

    assertThat(current.sameExceptEndpoints(previous)).as(change).isEqualTo(endpointsOnly);
    if (endpointsOnly) {
      for (Resource dataplane : ofType(after, ResourceTypes.DATAPLANE)) {
        EnvoyResources reused =
            GENERATOR
                .generate(proxy(previous, dataplane.name()))
                .withEndpointsOf(GENERATOR.generateEndpoints(proxy(current, dataplane.name())));
        assertThat(json(reused))
            .as("%s, proxy %s", change, dataplane.name())
            .isEqualTo(json(GENERATOR.generate(proxy(current, dataplane.name()))));
      }
    }
  }

  /**
   * Another zone starting to offer a service the sidecars reach (its first instance), stopping (its
   * last leaves) or moving its ingress changes their endpoints only, directly through its ingress
   * or through this zone's egress: a zone's server name is the hostname of its endpoints, not a
   * transport socket of the cluster (ADR 0032, B5's cross-zone tail).
   */
  @ParameterizedTest(name = "{0}: {1} {3} {2}")
  @CsvSource({
    "ingress/cross-zone.input.yaml, north, redis, starts",
    "ingress/cross-zone.input.yaml, north, redis, stops",
    "ingress/cross-zone.input.yaml, north, backend, starts",
    "ingress/cross-zone.input.yaml, north, backend, stops",
    "ingress/cross-zone.input.yaml, west, redis, moves",
    "egress/egress.input.yaml, north, backend, starts",
    "egress/egress.input.yaml, north, backend, stops",
  })
  void sameExceptEndpoints_remoteZoneOffersOrWithdrawsAService_isTrueAndReusesTheGeneration(
      String input, String zone, String service, String change) throws Exception {
    List<Resource> base = read(input);
    List<Resource> offering = offering(base, zone, service, true, "192.0.2.2");
    List<Resource> without = offering(base, zone, service, false, "192.0.2.2");
    List<Resource> before =
        switch (change) {
          case "starts" -> without;
          case "stops" -> offering;
          default -> offering;
        };
    List<Resource> after =
        switch (change) {
          case "starts" -> offering;
          case "stops" -> without;
          default -> offering(base, zone, service, true, "192.0.2.99");
        };

    MeshContext previous = contextWithEdges(before);
    MeshContext current = contextWithEdges(after);

    assertThat(current.sameExceptEndpoints(previous)).isTrue();
    assertThat(json(GENERATOR.generate(proxy(current, "web-1"))))
        .as("the change reaches web-1's endpoints")
        .isNotEqualTo(json(GENERATOR.generate(proxy(previous, "web-1"))));
    for (Resource dataplane : ofType(after, ResourceTypes.DATAPLANE)) {
      if (!dataplane.mesh().equals("default")) {
        continue;
      }
      EnvoyResources reused =
          GENERATOR
              .generate(proxy(previous, dataplane.name()))
              .withEndpointsOf(GENERATOR.generateEndpoints(proxy(current, dataplane.name())));
      assertThat(json(reused))
          .as("proxy %s", dataplane.name())
          .isEqualTo(json(GENERATOR.generate(proxy(current, dataplane.name()))));
    }
  }

  /**
   * {@code all} with {@code zone}'s ingress offering {@code service} of mesh default (one instance
   * when it did not) or not at all, advertised at {@code address}.
   */
  private static List<Resource> offering(
      List<Resource> all, String zone, String service, boolean offers, String address) {
    Resource ingress =
        ofType(all, ResourceTypes.ZONE_INGRESS).stream()
            .filter(i -> i.spec().path("zone").asString("").equals(zone))
            .findFirst()
            .orElseThrow();
    ObjectNode spec = (ObjectNode) ingress.spec().deepCopy();
    ((ObjectNode) spec.path("networking")).put("advertisedAddress", address);
    ArrayNode available = (ArrayNode) spec.path("availableServices");
    boolean offered = false;
    for (int i = available.size() - 1; i >= 0; i--) {
      JsonNode entry = available.get(i);
      if (entry.path("tags").path("kuma.io/service").asString("").equals(service)
          && entry.path("mesh").asString("").equals("default")) {
        if (offers) {
          offered = true;
        } else {
          available.remove(i);
        }
      }
    }
    if (offers && !offered) {
      ObjectNode entry = available.addObject();
      entry.putObject("tags").put("kuma.io/service", service);
      entry.put("instances", 1).put("mesh", "default");
    }
    List<Resource> next = new ArrayList<>(all);
    next.set(next.indexOf(ingress), ingress.withSpec(spec));
    return next;
  }

  /** One random endpoint change: never the first Dataplane (the proxy everyone checks). */
  private static List<Resource> churn(List<Resource> state, Random random, int step) {
    List<Resource> next = new ArrayList<>(state);
    List<Resource> dataplanes =
        ofType(state, ResourceTypes.DATAPLANE).stream()
            .filter(d -> d.mesh().equals("default"))
            .toList();
    List<Resource> served = dataplanes.subList(1, dataplanes.size());
    List<Resource> ingresses = ofType(state, ResourceTypes.ZONE_INGRESS);
    int kind = random.nextInt(ingresses.isEmpty() ? 4 : 5);
    if (served.isEmpty() || (kind == 1 && served.size() < 2)) {
      kind = 0;
    }
    Resource target =
        served.isEmpty() ? dataplanes.get(0) : served.get(random.nextInt(served.size()));
    switch (kind) {
      case 0 -> { // a new instance of the same service
        ObjectNode spec = (ObjectNode) target.spec().deepCopy();
        ((ObjectNode) spec.path("networking")).put("address", "10.9." + step + ".1");
        ((ObjectNode) spec.path("networking")).remove("outbound");
        next.add(
            new Resource(
                new io.meshforge.model.ResourceKey(
                    ResourceTypes.DATAPLANE, target.mesh(), target.name() + "-copy-" + step),
                target.labels(),
                spec,
                target.status(),
                0,
                target.creationTime(),
                target.modificationTime()));
      }
      case 1 -> next.remove(target);
      case 2 -> { // an instance flips readiness
        ObjectNode spec = (ObjectNode) target.spec().deepCopy();
        ObjectNode inbound = (ObjectNode) spec.path("networking").path("inbound").get(0);
        boolean ready = inbound.path("health").path("ready").asBoolean(true);
        inbound.putObject("health").put("ready", !ready);
        next.set(next.indexOf(target), target.withSpec(spec));
      }
      case 3 -> { // an instance moves to another node / availability zone
        ObjectNode spec = (ObjectNode) target.spec().deepCopy();
        ObjectNode tags = (ObjectNode) spec.path("networking").path("inbound").get(0).get("tags");
        tags.put("k8s.io/node", "n" + random.nextInt(3));
        tags.put("topology.kubernetes.io/zone", "az-" + (char) ('a' + random.nextInt(2)));
        next.set(next.indexOf(target), target.withSpec(spec));
      }
      default -> { // another zone offers more or fewer instances
        Resource ingress = ingresses.get(random.nextInt(ingresses.size()));
        ObjectNode spec = (ObjectNode) ingress.spec().deepCopy();
        ArrayNode available = (ArrayNode) spec.path("availableServices");
        for (int i = 0; i < available.size(); i++) {
          ((ObjectNode) available.get(i)).put("instances", 1 + random.nextInt(9));
        }
        next.set(next.indexOf(ingress), ingress.withSpec(spec));
      }
    }
    return next;
  }

  private static MeshContext context(List<Resource> all) {
    return MeshContext.build(
        "default",
        all.stream()
            .filter(r -> r.type().equals(ResourceTypes.MESH) && r.name().equals("default"))
            .findFirst()
            .orElseThrow(),
        ofType(all, ResourceTypes.DATAPLANE).stream()
            .filter(d -> d.mesh().equals("default"))
            .toList(),
        ofType(all, ResourceTypes.MESH_SERVICE).stream()
            .filter(d -> d.mesh().equals("default"))
            .toList(),
        all.stream().filter(r -> r.type().policy() && r.mesh().equals("default")).toList(),
        ofType(all, ResourceTypes.ZONE_INGRESS),
        ZoneEdges.NONE,
        new ZoneStates("east", Set.of()));
  }

  /** The mesh default of zone east with the input's egresses and edge services. */
  private static MeshContext contextWithEdges(List<Resource> all) {
    return MeshContext.build(
        "default",
        all.stream()
            .filter(r -> r.type().equals(ResourceTypes.MESH) && r.name().equals("default"))
            .findFirst()
            .orElseThrow(),
        inDefault(all, ResourceTypes.DATAPLANE),
        inDefault(all, ResourceTypes.MESH_SERVICE),
        all.stream().filter(r -> r.type().policy() && r.mesh().equals("default")).toList(),
        ofType(all, ResourceTypes.ZONE_INGRESS),
        new ZoneEdges(
            "east",
            ofType(all, ResourceTypes.ZONE_EGRESS),
            inDefault(all, ResourceTypes.MESH_EXTERNAL_SERVICE),
            inDefault(all, ResourceTypes.MESH_MULTI_ZONE_SERVICE)),
        new ZoneStates("east", Set.of()));
  }

  private static List<Resource> inDefault(List<Resource> all, ResourceType type) {
    return ofType(all, type).stream().filter(r -> r.mesh().equals("default")).toList();
  }

  private static ProxyContext proxy(MeshContext mesh, String name) {
    return ProxyContext.of(mesh, name, ProxyMetadata.ENVOY).orElseThrow();
  }

  private static String json(EnvoyResources resources) {
    return EnvoyJson.pretty(EnvoyJson.tree(new TreeMap<>(resources.byType())));
  }

  private static Resource named(List<Resource> all, String name) {
    return all.stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
  }

  private static List<Resource> read(String files) throws Exception {
    List<Resource> all = new ArrayList<>();
    for (String file : files.split("\\+")) {
      CODEC
          .readDocuments(
              GoldenFiles.read(file).getBytes(StandardCharsets.UTF_8), DocumentFormat.YAML)
          .stream()
          .map(CODEC::decode)
          .forEach(all::add);
    }
    return all;
  }

  private static List<Resource> ofType(List<Resource> all, ResourceType type) {
    return all.stream().filter(r -> r.type().equals(type)).toList();
  }
}
