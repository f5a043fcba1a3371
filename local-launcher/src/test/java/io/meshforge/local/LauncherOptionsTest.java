package io.meshforge.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LauncherOptionsTest {

  @Test
  void parse_noArguments_twoZonesDefaultStateDirNoOffsetDemoOn() {
    LauncherOptions options = LauncherOptions.parse(new String[0]);

    assertThat(options.zones()).containsExactly("east", "west");
    assertThat(options.stateDir()).isEqualTo(Path.of(".forge", "local"));
    assertThat(options.portOffset()).isZero();
    assertThat(options.demo()).isTrue();
    assertThat(options.jars()).isNull();
  }

  @Test
  void parse_everyOption_takesEachValue() {
    LauncherOptions options =
        LauncherOptions.parse(
            new String[] {
              "--zones",
              "a,b,c",
              "--state-dir",
              "/tmp/x",
              "--port-offset",
              "300",
              "--no-demo",
              "--jars",
              "/tmp/jars"
            });

    assertThat(options.zones()).containsExactly("a", "b", "c");
    assertThat(options.stateDir()).isEqualTo(Path.of("/tmp/x"));
    assertThat(options.portOffset()).isEqualTo(300);
    assertThat(options.demo()).isFalse();
    assertThat(options.jars()).isEqualTo(Path.of("/tmp/jars"));
    assertThat(options.ports().globalApi()).isEqualTo(5981);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "--bogus | unknown argument --bogus",
        "--zones | --zones needs a value",
        "--port-offset x | takes a number",
        "--port-offset -1 | must not be negative",
        "--port-offset 40000 | must be at most 39823",
        "--zones East | not an RFC 1123 label",
        "--zones a,b,c,d,e,f | one to five zones",
      })
  void parse_badCommandLine_namesTheProblem(String commandLine, String message) {
    assertThatThrownBy(() -> LauncherOptions.parse(commandLine.split(" ")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message);
  }

  @Test
  void parse_offsetCheckedAgainstTheZonesGivenAfterIt() {
    assertThatThrownBy(() ->
            LauncherOptions.parse(new String[] {"--port-offset", "30000", "--zones", "a,b,c"}))
        .hasMessageContaining("at most " + LocalPorts.maxOffset(3));
    assertThat(List.of(LocalPorts.maxOffset(3))).containsExactly(65_535 - 35_712);
  }
}
