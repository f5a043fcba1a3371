package io.meshforge.ctl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Type names, template variables, ages and table layout. */
class TextPiecesTest {

  @ParameterizedTest
  @CsvSource({
    "meshes, Mesh",
    "mesh, Mesh",
    "m, Mesh",
    "zones, Zone",
    "dataplane, Dataplane",
    "dp, Dataplane",
    "meshtrafficpermissions, MeshTrafficPermission",
    "mtp, MeshTrafficPermission",
    "MeshCircuitBreaker, MeshCircuitBreaker",
    "global-secrets, GlobalSecret",
    "globalsecret, GlobalSecret",
    "meshhttproute, MeshHTTPRoute"
  })
  void typeNamesResolve_anySpelling_findsTheType(String argument, String type) {
    assertThat(TypeNames.resolve(argument).name()).isEqualTo(type);
  }

  @Test
  void templateVariables_spacedAndTightPlaceholders_areFilled() {
    String rendered =
        new TemplateVariables(Map.of("a", "1", "b", "$2")).render("x: {{ a }}/{{b}}/{{a}}", "t");

    assertThat(rendered).isEqualTo("x: 1/$2/1");
  }

  @Test
  void templateVariables_severalMissing_namesEveryOne() {
    assertThatThrownBy(
            () -> new TemplateVariables(Map.of()).render("{{ a }} {{ b }} {{ a }}", "f.yaml"))
        .isInstanceOf(CtlException.class)
        .hasMessageContaining("f.yaml uses variables a, b with no value");
  }

  @ParameterizedTest
  @CsvSource({
    "0, 0s",
    "59, 59s",
    "60, 1m",
    "3599, 59m",
    "3600, 1h",
    "86399, 23h",
    "86400, 1d",
    "-5, 0s"
  })
  void agesOf_duration_usesTheLargestWholeUnit(long seconds, String printed) {
    assertThat(Ages.of(Duration.ofSeconds(seconds))).isEqualTo(printed);
  }

  @Test
  void tablePrint_cells_alignedThreeSpacesApartWithDashForEmpty() {
    StringWriter out = new StringWriter();

    new Table("NAME", "MESH").row("a-long-name", "").row("b", "m").print(new PrintWriter(out));

    assertThat(out.toString().lines())
        .containsExactly("NAME          MESH", "a-long-name   -", "b             m");
  }

  @Test
  void nextOffset_nextUrl_readsTheOffset() {
    assertThat(GetCommand.nextOffset("/meshes?name=x&offset=abc%3D&size=2")).isEqualTo("abc=");
    assertThat(GetCommand.nextOffset(null)).isNull();
  }
}
