package io.meshforge.rest.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshforge.model.Resource;
import io.meshforge.model.codec.DocumentFormat;
import io.meshforge.model.codec.ResourceCodec;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

class DataplanePolicyReportTest {
  private static final ResourceCodec CODEC = new ResourceCodec();

  /** web-1 of zone east as global holds it: renamed, with its local name as display name. */
  private static final Resource WEB_ON_GLOBAL =
      yaml(
          """
          type: Dataplane
          mesh: default
          name: web-1-5f8c2
          labels: {kuma.io/zone: east, kuma.io/origin: zone, kuma.io/display-name: web-1}
          networking:
            address: 10.0.0.1
            inbound:
            - port: 8080
              name: http
              tags: {kuma.io/service: web}
          """);

  @Test
  void of_meshWidePolicy_oneItemPerSectionInSectionOrder() {
    Resource policy =
        policy(
            "MeshTimeout",
            "mixed",
            "",
            """
            targetRef: {kind: Mesh}
            to:
            - targetRef: {kind: Mesh}
              default: {connectionTimeout: 7s}
            from:
            - targetRef: {kind: Mesh}
              default: {idleTimeout: 1h}
            """);

    JsonNode report = DataplanePolicyReport.of(WEB_ON_GLOBAL, List.of(policy), false);

    assertThat(report.path("dataplane").path("name").asString()).isEqualTo("web-1-5f8c2");
    assertThat(items(report))
        .extracting(i -> i.path("kind").asString())
        .containsExactly("to", "from");
    JsonNode to = items(report).getFirst();
    assertThat(to.path("type").asString()).isEqualTo("MeshTimeout");
    assertThat(to.path("scope").asString()).isEqualTo("PROXY");
    assertThat(to.path("inbounds").toString()).isEqualTo("[8080]");
    assertThat(to.path("conf").toString()).contains("7s");
  }

  @Test
  void of_policyNamingTheLocalName_matchesTheRenamedCopyOnGlobal() {
    Resource policy =
        policy(
            "MeshTimeout",
            "by-name",
            "",
            """
            targetRef: {kind: Dataplane, name: web-1}
            to:
            - targetRef: {kind: Mesh}
              default: {connectionTimeout: 2s}
            """);

    assertThat(items(DataplanePolicyReport.of(WEB_ON_GLOBAL, List.of(policy), false)))
        .extracting(i -> i.path("name").asString())
        .containsExactly("by-name");
  }

  @ParameterizedTest
  @CsvSource({
    "'kuma.io/origin: zone, kuma.io/zone: west', false",
    "'kuma.io/origin: zone, kuma.io/zone: east', true",
    "'kuma.io/origin: global', true"
  })
  void of_policyOrigin_zonePoliciesCountOnlyInTheirZone(String labels, boolean listed) {
    Resource policy =
        policy(
            "MeshTimeout",
            "p",
            labels,
            """
            targetRef: {kind: Mesh}
            to:
            - targetRef: {kind: Mesh}
              default: {connectionTimeout: 2s}
            """);

    assertThat(items(DataplanePolicyReport.of(WEB_ON_GLOBAL, List.of(policy), false)))
        .hasSize(listed ? 1 : 0);
  }

  @ParameterizedTest
  @CsvSource({"false, 0", "true, 1"})
  void of_shadowPolicy_listedOnlyWhenAsked(boolean includeShadow, int count) {
    Resource policy =
        policy(
            "MeshTimeout",
            "shadowed",
            "'kuma.io/effect': shadow",
            """
            targetRef: {kind: Mesh}
            to:
            - targetRef: {kind: Mesh}
              default: {connectionTimeout: 2s}
            """);

    List<JsonNode> items =
        items(DataplanePolicyReport.of(WEB_ON_GLOBAL, List.of(policy), includeShadow));

    assertThat(items).hasSize(count);
    items.forEach(i -> assertThat(i.path("shadow").asBoolean()).isTrue());
  }

  @Test
  void of_policyForAnotherInbound_notListed_andSectionPolicyNamesItsInbound() {
    Resource other =
        policy(
            "MeshTimeout",
            "other",
            "",
            """
            targetRef: {kind: Dataplane, labels: {app: other}}
            to:
            - targetRef: {kind: Mesh}
              default: {connectionTimeout: 2s}
            """);
    Resource section =
        policy(
            "MeshTimeout",
            "section",
            "",
            """
            targetRef: {kind: Dataplane, sectionName: http}
            rules:
            - default: {idleTimeout: 5s}
            """);

    List<JsonNode> items =
        items(DataplanePolicyReport.of(WEB_ON_GLOBAL, List.of(other, section), false));

    assertThat(items)
        .singleElement()
        .satisfies(i -> {
          assertThat(i.path("name").asString()).isEqualTo("section");
          assertThat(i.path("kind").asString()).isEqualTo("rules");
          assertThat(i.path("scope").asString()).isEqualTo("SECTION");
          assertThat(i.path("inbounds").toString()).isEqualTo("[8080]");
        });
  }

  private static List<JsonNode> items(JsonNode report) {
    return StreamSupport.stream(report.path("policies").spliterator(), false).toList();
  }

  private static Resource policy(String type, String name, String labels, String spec) {
    String indented = spec.lines().map(line -> "  " + line).reduce("", (a, b) -> a + b + "\n");
    return yaml(
        "type: %s\nmesh: default\nname: %s\nlabels: {%s}\nspec:\n%s"
            .formatted(type, name, labels, indented));
  }

  private static Resource yaml(String text) {
    return CODEC.decode(text.getBytes(StandardCharsets.UTF_8), DocumentFormat.YAML);
  }
}
