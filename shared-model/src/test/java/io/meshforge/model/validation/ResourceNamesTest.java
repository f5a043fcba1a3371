package io.meshforge.model.validation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ResourceNamesTest {

  @ParameterizedTest
  @ValueSource(strings = {"a", "default", "web-1", "a.b.c", "0abc", "x-y.z-1"})
  void validate_validName_recordsNothing(String name) {
    ViolationCollector at = ViolationCollector.root().field("name");

    ResourceNames.validate(name, at);

    assertThat(at.violations()).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({
    "Uppercase, must be lowercase",
    "a..b, empty labels",
    "-a, must start and end with a letter or digit",
    "a-, must start and end with a letter or digit",
    ".a, empty labels",
    "a_b, must contain only lowercase letters",
    "a b, must contain only lowercase letters",
    "é, must contain only lowercase letters",
    "'', must not be empty"
  })
  void validate_invalidName_recordsOneClearViolation(String name, String message) {
    ViolationCollector at = ViolationCollector.root().field("name");

    ResourceNames.validate(name, at);

    assertThat(at.violations())
        .singleElement()
        .satisfies(v -> {
          assertThat(v.field()).isEqualTo("name");
          assertThat(v.message()).contains(message);
        });
  }

  @ParameterizedTest
  @CsvSource({"253, true", "254, false"})
  void validate_nameAtLengthLimit_passesAt253Only(int length, boolean valid) {
    // labels of 63 chars separated by dots, padded to the exact length
    StringBuilder name = new StringBuilder();
    while (name.length() < length) {
      if (name.length() % 64 == 63) {
        name.append('.');
      } else {
        name.append('a');
      }
    }
    if (name.charAt(name.length() - 1) == '.') {
      name.setCharAt(name.length() - 1, 'b');
    }

    assertThat(name).hasSize(length);
    assertThat(ResourceNames.isValid(name.toString())).isEqualTo(valid);
  }
}
