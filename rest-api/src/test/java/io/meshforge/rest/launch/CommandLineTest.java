package io.meshforge.rest.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CommandLineTest {

  static Stream<Arguments> commandLines() {
    return Stream.of(
        Arguments.of(new String[] {}, false, Map.of(), new String[] {}),
        Arguments.of(new String[] {"run", "--x=1"}, false, Map.of(), new String[] {"--x=1"}),
        Arguments.of(
            new String[] {"migrate", "--config", "c.yaml"},
            true,
            Map.of("forge.command", "migrate"),
            new String[] {"--spring.config.import=file:c.yaml"}),
        Arguments.of(
            new String[] {"--migrate", "--state-dir", "/s"},
            false,
            Map.of("store.migrate", "true"),
            new String[] {"--state.dir=/s"}));
  }

  @ParameterizedTest
  @MethodSource("commandLines")
  void parse_subcommandsAndFlags_becomePropertiesAndSpringArguments(
      String[] args, boolean migrateOnly, Map<String, Object> properties, String[] springArgs) {
    CommandLine command = CommandLine.parse(args);

    assertThat(command.help()).isFalse();
    assertThat(command.migrateOnly()).isEqualTo(migrateOnly);
    assertThat(command.properties()).isEqualTo(properties);
    assertThat(command.springArgs()).containsExactly(springArgs);
  }

  @ParameterizedTest
  @MethodSource("helpWords")
  void parse_helpWord_asksForTheUsage(String word) {
    assertThat(CommandLine.parse(word).help()).isTrue();
  }

  static Stream<String> helpWords() {
    return Stream.of("-h", "--help", "help");
  }

  @Test
  void parse_flagWithoutValue_namesTheFlag() {
    assertThatThrownBy(() -> CommandLine.parse("--state-dir"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("--state-dir needs a value");
  }

  @Test
  void usage_namesTheAppItsStateDirDefaultAndNotes() {
    ControlPlaneLauncher launcher =
        new ControlPlaneLauncher("meshforge-zone", "the zone control plane", ".forge/z", "Hi.");

    assertThat(launcher.usage())
        .contains("Usage: meshforge-zone [run]")
        .contains("meshforge-zone migrate [--config FILE]")
        .contains("start the zone control plane (the default)")
        .contains("(default .forge/z)")
        .endsWith("\nHi.\n");
  }
}
