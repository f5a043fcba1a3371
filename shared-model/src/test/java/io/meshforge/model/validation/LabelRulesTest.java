package io.meshforge.model.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class LabelRulesTest {

  @ParameterizedTest
  @ValueSource(strings = {"app", "kuma.io/zone", "k8s.kuma.io/namespace", "A_b.c-d", "x/y"})
  void keyProblem_validKey_isNull(String key) {
    assertThat(LabelRules.keyProblem(key)).isNull();
  }

  @ParameterizedTest
  @CsvSource({
    "'', key must not be empty",
    "/a, key prefix must not be empty",
    "a/, key name (after the prefix) must not be empty",
    "Kuma.io/zone, key prefix must be lowercase",
    "a..b/c, key prefix must not contain empty labels",
    "-a, key name must start and end",
    "a/b/c, key name must contain only",
    "a b, key name must contain only"
  })
  void keyProblem_invalidKey_explains(String key, String message) {
    assertThat(LabelRules.keyProblem(key)).contains(message);
  }

  @Test
  void keyProblem_atLengthLimits_acceptsMaxRejectsOneMore() {
    String prefix253 = ("a".repeat(63) + ".").repeat(3) + "a".repeat(61);
    assertThat(prefix253).hasSize(253);

    assertThat(LabelRules.keyProblem(prefix253 + "/" + "n".repeat(63))).isNull();
    assertThat(LabelRules.keyProblem(prefix253 + "a/n")).contains("at most 253");
    assertThat(LabelRules.keyProblem("n".repeat(64))).contains("at most 63");
  }

  @Test
  void valueProblem_limits_emptyAnd63PassButNot64() {
    assertThat(LabelRules.valueProblem("")).isNull();
    assertThat(LabelRules.valueProblem("v".repeat(63))).isNull();
    assertThat(LabelRules.valueProblem("v".repeat(64))).contains("at most 63");
    assertThat(LabelRules.valueProblem("-v")).contains("start and end");
    assertThat(LabelRules.valueProblem("a:b")).contains("must contain only");
  }

  @Test
  void validate_labels_reportsEachEntryWithItsPath() {
    ViolationCollector root = ViolationCollector.root();

    LabelRules.validate(Map.of("good", "ok", "bad key", "-v"), root.field("labels"));

    assertThat(root.violations())
        .extracting(Violation::field)
        .containsExactly("labels[\"bad key\"]", "labels[\"bad key\"]");
  }
}
