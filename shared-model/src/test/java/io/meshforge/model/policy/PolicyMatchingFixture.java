package io.meshforge.model.policy;

import io.meshforge.model.Resource;
import io.meshforge.model.ResourceKey;
import io.meshforge.model.ResourceType;
import io.meshforge.model.ResourceTypes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * {@code PolicyMatchingFixture} is one YAML case under {@code src/test/resources/policy-matching}:
 * a proxy, a policy type, candidate policies in universal format, and the expected results under
 * {@code expect} (each part optional, checked by {@link PolicyMatchingFixtureTest}).
 */
record PolicyMatchingFixture(
    String file,
    String description,
    ProxyIdentity proxy,
    ResourceType type,
    boolean includeShadow,
    List<Resource> policies,
    JsonNode expect) {

  static final String DIRECTORY = "policy-matching";
  private static final YAMLMapper YAML = YAMLMapper.builder().build();

  @Override
  public String toString() {
    return file + ": " + description;
  }

  static Stream<PolicyMatchingFixture> all() {
    URL directory = PolicyMatchingFixture.class.getClassLoader().getResource(DIRECTORY);
    if (directory == null) {
      throw new IllegalStateException("no " + DIRECTORY + " directory on the test classpath");
    }
    try (Stream<Path> files = Files.list(Path.of(directory.toURI()))) {
      List<Path> yamlFiles =
          files.filter(path -> path.toString().endsWith(".yaml")).sorted().toList();
      if (yamlFiles.isEmpty()) {
        throw new IllegalStateException("no fixtures in " + directory);
      }
      return yamlFiles.stream().map(PolicyMatchingFixture::load);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static PolicyMatchingFixture load(Path file) {
    JsonNode root;
    try {
      root = YAML.readTree(Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ResourceType type = typeNamed(root.path("type").asString());
    List<Resource> policies = new ArrayList<>();
    for (JsonNode policy : root.path("policies")) {
      ResourceType policyType =
          policy.has("type") ? typeNamed(policy.path("type").asString()) : type;
      ResourceKey key =
          ResourceKey.inMesh(
              policyType, policy.path("mesh").asString("default"), policy.path("name").asString());
      policies.add(Resource.of(key, strings(policy.path("labels")), policy.path("spec")));
    }
    return new PolicyMatchingFixture(
        file.getFileName().toString(),
        root.path("description").asString(""),
        proxy(root.path("proxy")),
        type,
        root.path("includeShadow").asBoolean(false),
        List.copyOf(policies),
        root.path("expect"));
  }

  /** Reads a peer written as {@code {kind, name, sectionName?, port?, labels?}}. */
  static Peer peer(JsonNode node) {
    TargetRefKind kind =
        TargetRefKind.fromWireName(node.path("kind").asString())
            .orElseThrow(() -> new IllegalArgumentException("unknown peer kind in " + node));
    return new Peer(
        kind,
        node.path("name").asString(),
        node.path("sectionName").asString(""),
        node.path("port").asInt(0),
        strings(node.path("labels")));
  }

  private static ProxyIdentity proxy(JsonNode node) {
    List<ProxyInbound> inbounds = new ArrayList<>();
    for (JsonNode inbound : node.path("inbounds")) {
      inbounds.add(
          new ProxyInbound(
              inbound.path("port").asInt(),
              inbound.path("name").asString(""),
              strings(inbound.path("tags"))));
    }
    return new ProxyIdentity(
        node.path("mesh").asString("default"),
        node.path("name").asString(),
        strings(node.path("labels")),
        inbounds);
  }

  private static ResourceType typeNamed(String name) {
    return ResourceTypes.byName(name)
        .orElseThrow(() -> new IllegalArgumentException("unknown type " + name));
  }

  private static Map<String, String> strings(JsonNode object) {
    Map<String, String> map = new TreeMap<>();
    object.properties().forEach(entry -> map.put(entry.getKey(), entry.getValue().asString()));
    return map;
  }
}
