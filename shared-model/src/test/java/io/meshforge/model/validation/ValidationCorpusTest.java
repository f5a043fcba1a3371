package io.meshforge.model.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.meshforge.model.codec.DocumentFormat;
import io.meshforge.model.codec.ResourceCodec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** Runs the table of documents and expected violations in {@code validation/corpus.yaml}. */
class ValidationCorpusTest {

  private static final ResourceCodec CODEC = new ResourceCodec();

  static Stream<Arguments> corpus() throws IOException {
    try (InputStream in =
        ValidationCorpusTest.class.getResourceAsStream("/validation/corpus.yaml")) {
      JsonNode cases = YAMLMapper.builder().build().readTree(in);
      List<Arguments> arguments = new ArrayList<>();
      for (JsonNode c : cases) {
        List<Violation> expected = new ArrayList<>();
        for (JsonNode v : c.get("violations")) {
          expected.add(new Violation(v.get("field").stringValue(), v.get("message").stringValue()));
        }
        arguments.add(
            Arguments.of(c.get("case").stringValue(), c.get("input").stringValue(), expected));
      }
      return arguments.stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void decode_corpusCase_reportsExactlyTheExpectedViolations(
      String name, String input, List<Violation> expected) {
    byte[] body = input.getBytes(StandardCharsets.UTF_8);
    if (expected.isEmpty()) {
      assertThat(CODEC.decode(body, DocumentFormat.YAML)).isNotNull();
      return;
    }

    ValidationException thrown =
        catchThrowableOfType(
            ValidationException.class, () -> CODEC.decode(body, DocumentFormat.YAML));

    assertThat(thrown).as("expected a ValidationException").isNotNull();
    List<Violation> actual = thrown.violations();
    assertThat(actual).as("violations of %s", name).hasSameSizeAs(expected);
    for (Violation want : expected) {
      assertThat(actual)
          .as("violations of %s", name)
          .anySatisfy(got -> {
            assertThat(got.field()).isEqualTo(want.field());
            assertThat(got.message()).contains(want.message());
          });
    }
  }
}
