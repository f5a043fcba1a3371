package io.meshforge.model.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshforge.model.Resource;
import io.meshforge.model.ResourceType;
import io.meshforge.model.ResourceTypes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

class ResourceCodecRoundTripTest {

  private static final ResourceCodec CODEC = new ResourceCodec();

  static List<JsonNode> samples() throws IOException {
    try (InputStream in =
        ResourceCodecRoundTripTest.class.getResourceAsStream("/codec/samples.yaml")) {
      return CODEC.readDocuments(in.readAllBytes(), DocumentFormat.YAML);
    }
  }

  static Stream<JsonNode> sampleDocuments() throws IOException {
    return samples().stream();
  }

  @Test
  void samples_coverEveryRegisteredType() throws IOException {
    Set<String> sampled =
        samples().stream().map(doc -> doc.get("type").stringValue()).collect(Collectors.toSet());
    assertThat(sampled)
        .containsExactlyInAnyOrderElementsOf(
            ResourceTypes.all().stream().map(ResourceType::name).toList());
  }

  @ParameterizedTest
  @MethodSource("sampleDocuments")
  void yaml_parsePrintParse_isStable(JsonNode document) {
    Resource first = CODEC.decode(document);
    String yaml = CODEC.toYaml(first);
    Resource second = CODEC.decode(yaml.getBytes(StandardCharsets.UTF_8), DocumentFormat.YAML);

    assertThat(second.key()).isEqualTo(first.key());
    assertThat(second.labels()).isEqualTo(first.labels());
    assertThat(second.spec()).isEqualTo(first.spec());
    assertThat(CODEC.toYaml(second)).isEqualTo(yaml);
    assertThat(yaml).doesNotStartWith("---");
  }

  @ParameterizedTest
  @MethodSource("sampleDocuments")
  void json_parsePrintParse_isStable(JsonNode document) {
    Resource first = CODEC.decode(document);
    String json = CODEC.toJson(first);
    Resource second = CODEC.decode(json.getBytes(StandardCharsets.UTF_8), DocumentFormat.JSON);

    assertThat(second.spec()).isEqualTo(first.spec());
    assertThat(CODEC.toJson(second)).isEqualTo(json);
  }

  @ParameterizedTest
  @MethodSource("sampleDocuments")
  void encode_storedKeyOrderShuffled_printsTheSame(JsonNode document) {
    Resource resource = CODEC.decode(document);
    Resource shuffled = resource.withSpec(shuffle(resource.spec(), new Random(42)));

    assertThat(CODEC.toYaml(shuffled)).isEqualTo(CODEC.toYaml(resource));
  }

  @Test
  void encode_wrappedResource_usesKumaEnvelopeOrder() {
    Resource resource =
        CODEC
            .decode(
                """
                type: MeshTimeout
                name: t
                mesh: default
                labels: {b: "2", a: "1"}
                spec:
                  to:
                  - default: {http: {requestTimeout: 5s}, connectionTimeout: 1s}
                    targetRef: {name: backend, kind: MeshService}
                  targetRef: {kind: Mesh}
                """
                    .getBytes(StandardCharsets.UTF_8),
                DocumentFormat.YAML)
            .stored(3, Instant.parse("2024-01-02T03:04:05Z"), Instant.parse("2024-01-02T03:04:06Z"))
            .withStatus(JsonNodeFactory.instance.objectNode().put("z", 1).put("a", 2));

    assertThat(CODEC.toYaml(resource))
        .isEqualTo(
            """
            type: MeshTimeout
            name: t
            mesh: default
            creationTime: 2024-01-02T03:04:05Z
            modificationTime: 2024-01-02T03:04:06Z
            labels:
              a: "1"
              b: "2"
            spec:
              targetRef:
                kind: Mesh
              to:
              - targetRef:
                  kind: MeshService
                  name: backend
                default:
                  connectionTimeout: 1s
                  http:
                    requestTimeout: 5s
            status:
              a: 2
              z: 1
            """);
  }

  @Test
  void encode_inlineGlobalResource_hasNoMeshAndFieldsAtTopLevel() {
    Resource zone =
        CODEC.decode(
            "{\"type\":\"Zone\",\"name\":\"east\",\"enabled\":false}"
                .getBytes(StandardCharsets.UTF_8),
            DocumentFormat.JSON);

    ObjectNode encoded = CODEC.encode(zone);

    assertThat(encoded.propertyNames()).containsExactly("type", "name", "enabled");
    assertThat(encoded.get("enabled").booleanValue()).isFalse();
  }

  @Test
  void decode_outputOfGet_roundTripsIgnoringServerFields() {
    String fromGet =
        """
        type: MeshService
        name: redis
        mesh: default
        creationTime: 2024-01-02T03:04:05Z
        modificationTime: 2024-01-02T03:04:05Z
        kri: kri_msvc_default_east__redis_
        spec:
          ports: [{port: 6379}]
        status:
          vips: [{ip: 241.0.0.1}]
        """;

    Resource resource = CODEC.decode(fromGet.getBytes(StandardCharsets.UTF_8), DocumentFormat.YAML);

    assertThat(resource.version()).isZero();
    assertThat(resource.creationTime()).isNull();
    assertThat(resource.status().isEmpty()).isTrue();
    assertThat(resource.spec().toString()).isEqualTo("{\"ports\":[{\"port\":6379}]}");
  }

  @Test
  void toYaml_stringsThatLookLikeOtherTypes_stayStrings() {
    Resource resource =
        CODEC.decode(
            """
            type: Dataplane
            name: dp
            mesh: default
            labels: {a: "true", b: "1.0", c: "yes", d: "null", e: "", f: "0x10", g: "1e3"}
            networking:
              address: 10.0.0.1
              inbound:
              - port: 80
                tags: {kuma.io/service: web, version: "1.0", on: "on"}
            """
                .getBytes(StandardCharsets.UTF_8),
            DocumentFormat.YAML);

    Resource again =
        CODEC.decode(CODEC.toYaml(resource).getBytes(StandardCharsets.UTF_8), DocumentFormat.YAML);

    assertThat(again.labels()).isEqualTo(resource.labels());
    assertThat(again.spec()).isEqualTo(resource.spec());
  }

  private static JsonNode shuffle(JsonNode node, Random random) {
    if (node.isObject()) {
      List<Map.Entry<String, JsonNode>> entries = new ArrayList<>(node.properties());
      Collections.shuffle(entries, random);
      ObjectNode out = JsonNodeFactory.instance.objectNode();
      entries.forEach(e -> out.set(e.getKey(), shuffle(e.getValue(), random)));
      return out;
    }
    if (node.isArray()) {
      ArrayNode out = JsonNodeFactory.instance.arrayNode();
      node.forEach(item -> out.add(shuffle(item, random)));
      return out;
    }
    return node;
  }
}
