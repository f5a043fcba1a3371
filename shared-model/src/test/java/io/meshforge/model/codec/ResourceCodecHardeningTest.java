package io.meshforge.model.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.meshforge.model.validation.ValidationException;
import io.meshforge.model.validation.Violation;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

class ResourceCodecHardeningTest {

  private static final ResourceCodec CODEC = new ResourceCodec();

  static Stream<Arguments> badDocuments() {
    String deepJson =
        "{\"type\":\"Zone\",\"name\":\"z\",\"x\":" + "[".repeat(100) + "]".repeat(100) + "}";
    String deepYaml = "type: Zone\nname: z\nx: " + "[".repeat(100) + "]".repeat(100) + "\n";
    return Stream.of(
        Arguments.of("deep JSON", DocumentFormat.JSON, bytes(deepJson), "nested deeper than 64"),
        Arguments.of("deep YAML", DocumentFormat.YAML, bytes(deepYaml), "nested deeper than 64"),
        Arguments.of(
            "duplicate JSON key",
            DocumentFormat.JSON,
            bytes("{\"type\":\"Zone\",\"name\":\"a\",\"name\":\"b\"}"),
            "Duplicate"),
        Arguments.of(
            "duplicate YAML key",
            DocumentFormat.YAML,
            bytes("type: Zone\nname: a\nname: b\n"),
            "Duplicate"),
        Arguments.of(
            "invalid UTF-8",
            DocumentFormat.JSON,
            new byte[] {'{', '"', 't', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'},
            "invalid UTF-8 at byte offset 6"),
        Arguments.of(
            "invalid UTF-8 in YAML",
            DocumentFormat.YAML,
            new byte[] {'a', ':', ' ', (byte) 0xFF},
            "invalid UTF-8"),
        Arguments.of(
            "invalid YAML",
            DocumentFormat.YAML,
            bytes("type: Zone\n  name: [a\n"),
            "invalid YAML at line"),
        Arguments.of(
            "invalid JSON",
            DocumentFormat.JSON,
            bytes("{\"type\": Zone}"),
            "invalid JSON at line 1"),
        Arguments.of(
            "trailing JSON", DocumentFormat.JSON, bytes("{\"type\":\"Zone\"} {}"), "invalid JSON"),
        Arguments.of(
            "not an object", DocumentFormat.JSON, bytes("[1,2]"), "document must be an object"),
        Arguments.of(
            "scalar YAML", DocumentFormat.YAML, bytes("hello"), "document must be an object"),
        Arguments.of("empty", DocumentFormat.YAML, bytes("   \n"), "document is empty"),
        Arguments.of(
            "two YAML documents",
            DocumentFormat.YAML,
            bytes("type: Zone\nname: a\n---\ntype: Zone\nname: b\n"),
            "expected one document, found 2"),
        Arguments.of(
            "huge number",
            DocumentFormat.JSON,
            bytes("{\"type\":\"Zone\",\"name\":\"z\",\"enabled\":" + "9".repeat(500) + "}"),
            "exceeds a limit"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badDocuments")
  void decode_badDocument_throwsValidationExceptionWithLocation(
      String name, DocumentFormat format, byte[] body, String message) {
    Throwable thrown = catchThrowable(() -> CODEC.decode(body, format));

    assertThat(thrown).isInstanceOf(ValidationException.class);
    List<Violation> violations = ((ValidationException) thrown).violations();
    assertThat(violations).hasSize(1);
    assertThat(violations.get(0).field()).isEmpty();
    assertThat(violations.get(0).message()).contains(message);
  }

  @Test
  void decode_nestingJustUnderTheLimit_isParsed() {
    // 60 levels inside the permissive conf of a Mesh backend: parsed, and valid.
    String yaml =
        "type: Mesh\nname: m\nmtls:\n  backends:\n  - name: ca\n    type: builtin\n    conf: "
            + "[".repeat(55)
            + "]".repeat(55)
            + "\n";

    assertThat(CODEC.decode(bytes(yaml), DocumentFormat.YAML).name()).isEqualTo("m");
  }

  @Test
  void readDocuments_multiDocumentYaml_skipsEmptyDocuments() {
    List<JsonNode> documents =
        CODEC.readDocuments(
            bytes("---\ntype: Zone\nname: a\n---\n---\ntype: Zone\nname: b\n"),
            DocumentFormat.YAML);

    assertThat(documents).extracting(d -> d.get("name").stringValue()).containsExactly("a", "b");
  }

  @Test
  void decode_yamlAnchorsAndAliases_doNotExplode() {
    StringBuilder yaml =
        new StringBuilder("type: Zone\nname: z\na0: &a0 [x, x, x, x, x, x, x, x, x]\n");
    for (int i = 1; i < 10; i++) {
      yaml.append("a").append(i).append(": &a").append(i).append(" [");
      yaml.append(String.join(", ", java.util.Collections.nCopies(9, "*a" + (i - 1))))
          .append("]\n");
    }

    Throwable thrown =
        catchThrowable(() -> CODEC.decode(bytes(yaml.toString()), DocumentFormat.YAML));

    assertThat(thrown).isInstanceOf(ValidationException.class);
  }

  @Test
  void decode_invalidUtf8_neverLeaksAnotherExceptionType() {
    for (int b = 0x80; b <= 0xFF; b++) {
      byte[] body = {'t', 'y', 'p', 'e', ':', ' ', (byte) b};
      assertThat(catchThrowable(() -> CODEC.decode(body, DocumentFormat.YAML)))
          .isInstanceOf(ValidationException.class);
    }
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
