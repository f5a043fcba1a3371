package io.meshforge.model.spec;

import static io.meshforge.model.spec.PolicySection.FROM;
import static io.meshforge.model.spec.PolicySection.RULES;
import static io.meshforge.model.spec.PolicySection.TO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshforge.model.Resource;
import io.meshforge.model.ResourceType;
import io.meshforge.model.ResourceTypes;
import io.meshforge.model.codec.DocumentFormat;
import io.meshforge.model.codec.ResourceCodec;
import io.meshforge.model.validation.ValidationException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.node.JsonNodeFactory;

class SpecSchemasTest {

  private static final ResourceCodec CODEC = new ResourceCodec();

  static Stream<ResourceType> allTypes() {
    return ResourceTypes.all().stream();
  }

  @ParameterizedTest
  @MethodSource("allTypes")
  void schemaOf_everyRegisteredType_isARecordWithABuildableShape(ResourceType type) {
    Class<? extends Record> schema = SpecSchemas.schemaOf(type);

    assertThat(schema.isRecord()).isTrue();
    assertThat(Shape.of(schema)).isInstanceOf(Shape.RecordShape.class);
    assertThat(deepShapesBuild(Shape.of(schema), 0)).isPositive();
    assertThat(PolicySpec.class.isAssignableFrom(schema)).isEqualTo(type.policy());
  }

  static Stream<Arguments> sections() {
    Set<PolicySection> all = EnumSet.of(TO, FROM, RULES);
    Set<PolicySection> none = EnumSet.noneOf(PolicySection.class);
    return Stream.of(
        Arguments.of(ResourceTypes.MESH_TIMEOUT, all),
        Arguments.of(ResourceTypes.MESH_CIRCUIT_BREAKER, all),
        Arguments.of(ResourceTypes.MESH_RATE_LIMIT, all),
        Arguments.of(ResourceTypes.MESH_ACCESS_LOG, all),
        Arguments.of(ResourceTypes.MESH_FAULT_INJECTION, all),
        Arguments.of(ResourceTypes.MESH_TRAFFIC_PERMISSION, EnumSet.of(FROM, RULES)),
        Arguments.of(ResourceTypes.MESH_TLS, EnumSet.of(FROM, RULES)),
        Arguments.of(ResourceTypes.MESH_RETRY, EnumSet.of(TO)),
        Arguments.of(ResourceTypes.MESH_HEALTH_CHECK, EnumSet.of(TO)),
        Arguments.of(ResourceTypes.MESH_LOAD_BALANCING_STRATEGY, EnumSet.of(TO)),
        Arguments.of(ResourceTypes.MESH_HTTP_ROUTE, EnumSet.of(TO)),
        Arguments.of(ResourceTypes.MESH_TCP_ROUTE, EnumSet.of(TO)),
        Arguments.of(ResourceTypes.MESH_PROXY_PATCH, none),
        Arguments.of(ResourceTypes.MESH_METRIC, none),
        Arguments.of(ResourceTypes.MESH_TRACE, none),
        Arguments.of(ResourceTypes.DATAPLANE, none));
  }

  @ParameterizedTest
  @MethodSource("sections")
  void sections_policyType_matchesKumaSectionSupport(ResourceType type, Set<PolicySection> want) {
    assertThat(SpecSchemas.sections(type)).isEqualTo(want);
  }

  @Test
  void specAs_storedTimeout_givesTypedView() {
    Resource resource =
        CODEC.decode(
            """
            type: MeshTimeout
            name: t
            mesh: default
            spec:
              to:
              - targetRef: {kind: MeshService, name: backend, sectionName: http}
                default: {http: {requestTimeout: 1m30s}}
            """
                .getBytes(StandardCharsets.UTF_8),
            DocumentFormat.YAML);

    MeshTimeoutSpec spec = SpecSchemas.specAs(resource, MeshTimeoutSpec.class);

    assertThat(spec.targetRef()).isNull();
    assertThat(spec.effectiveTargetRef().kind()).isEqualTo(TargetRefKind.Mesh);
    assertThat(spec.from()).isEmpty();
    MeshTimeoutSpec.To to = spec.to().get(0);
    assertThat(to.targetRef().kind()).isEqualTo(TargetRefKind.MeshService);
    assertThat(to.targetRef().sectionName()).isEqualTo("http");
    assertThat(to.targetRef().labels()).isEmpty();
    assertThat(to.defaults().http().requestTimeout().value()).isEqualTo(Duration.ofSeconds(90));
  }

  @Test
  void specAs_wrongClass_isRefused() {
    Resource zone =
        Resource.of(
            io.meshforge.model.ResourceKey.global(ResourceTypes.ZONE, "z"),
            Map.of(),
            JsonNodeFactory.instance.objectNode());

    assertThatThrownBy(() -> SpecSchemas.specAs(zone, MeshSpec.class))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(SpecSchemas.specAs(zone, ZoneSpec.class).enabled()).isNull();
  }

  @Test
  void treeAs_invalidTree_throwsWithEveryViolation() {
    var tree = JsonNodeFactory.instance.objectNode().put("enabled", "yes").put("x", 1);

    assertThatThrownBy(() -> SpecSchemas.treeAs(tree, ZoneSpec.class))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e ->
                assertThat(e.violations())
                    .extracting(v -> v.field())
                    .containsExactly("x", "enabled"));
  }

  /** Walks every nested shape so a schema with an unsupported Java type fails here. */
  private static int deepShapesBuild(Shape shape, int depth) {
    if (depth > 20) {
      return 1;
    }
    return switch (shape) {
      case Shape.RecordShape r ->
          1 + r.fields().stream().mapToInt(f -> deepShapesBuild(f.shape(), depth + 1)).sum();
      case Shape.ListShape l -> deepShapesBuild(l.element(), depth + 1);
      case Shape.MapShape m -> deepShapesBuild(m.value(), depth + 1);
      default -> 1;
    };
  }
}
