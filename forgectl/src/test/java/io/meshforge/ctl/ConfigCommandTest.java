package io.meshforge.ctl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigCommandTest {
  @TempDir Path home;
  StubControlPlane stub;
  CtlRunner ctl;

  @BeforeEach
  void start() throws Exception {
    stub = new StubControlPlane();
    ctl = new CtlRunner(home);
  }

  @AfterEach
  void stop() {
    stub.close();
  }

  @Test
  void add_answeringControlPlane_savesContextWithModeShownAndFileOwnerOnly() throws Exception {
    CtlRunner.Result result =
        ctl.run(
            "config",
            "control-planes",
            "add",
            "--name",
            "global",
            "--address",
            stub.address(),
            "--auth-type",
            "tokens",
            "--auth-conf",
            "token=abc");

    assertThat(result.code()).as(result.err()).isZero();
    assertThat(result.out())
        .contains("\"global\"")
        .contains("mode global")
        .contains("MeshForge 9.9");
    assertThat(Files.readString(ctl.config())).contains("global").contains("abc");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(ctl.config())))
        .isEqualTo("rw-------");
    assertThat(stub.last("GET /").authorization()).isEqualTo("Bearer abc");
  }

  @Test
  void add_unreachableAddress_failsNamingAddressAndContextAndSavesNothing() {
    CtlRunner.Result result =
        ctl.run(
            "config", "control-planes", "add", "--name", "gone", "--address", "http://127.0.0.1:1");

    assertThat(result.code()).isEqualTo(ExitCodes.FAILED);
    assertThat(result.err())
        .contains("http://127.0.0.1:1")
        .contains("\"gone\"")
        .contains("connection refused");
    assertThat(ctl.config()).doesNotExist();
  }

  @Test
  void add_addressNotAControlPlane_failsUnlessSkipVerify() {
    stub.answer("GET /", 200, "{\"hello\":\"world\"}");

    CtlRunner.Result checked =
        ctl.run("config", "control-planes", "add", "--name", "x", "--address", stub.address());
    CtlRunner.Result skipped =
        ctl.run(
            "config",
            "control-planes",
            "add",
            "--name",
            "x",
            "--address",
            stub.address(),
            "--skip-verify");

    assertThat(checked.code()).isEqualTo(ExitCodes.FAILED);
    assertThat(checked.err()).contains("does not answer as a MeshForge control plane");
    assertThat(skipped.code()).isZero();
  }

  @Test
  void add_existingName_refusedWithoutOverwrite_replacedWithIt() {
    ctl.connectedTo(stub);
    String[] again = {
      "config",
      "control-planes",
      "add",
      "--name",
      "stub",
      "--address",
      "http://other:5681",
      "--skip-verify"
    };

    CtlRunner.Result refused = ctl.run(again);
    CtlRunner.Result replaced = ctl.run(append(again, "--overwrite"));

    assertThat(refused.code()).isEqualTo(ExitCodes.FAILED);
    assertThat(refused.err()).contains("already exists").contains("--overwrite");
    assertThat(replaced.code()).isZero();
    assertThat(ctl.run("config", "control-planes", "list").out())
        .contains("http://other:5681")
        .doesNotContain(stub.address());
  }

  @Test
  void add_authTypeWithoutToken_isAnError() {
    CtlRunner.Result result =
        ctl.run(
            "config",
            "control-planes",
            "add",
            "--name",
            "x",
            "--address",
            stub.address(),
            "--auth-type",
            "tokens");

    assertThat(result.code()).isEqualTo(ExitCodes.FAILED);
    assertThat(result.err()).contains("--auth-conf token=");
  }

  @Test
  void listAndSwitch_twoContexts_marksTheCurrentOneAndMovesIt() {
    ctl.run(
        "config",
        "control-planes",
        "add",
        "--name",
        "a",
        "--address",
        "http://a:1",
        "--skip-verify");
    ctl.run(
        "config",
        "control-planes",
        "add",
        "--name",
        "b",
        "--address",
        "http://b:1",
        "--skip-verify");

    String before = ctl.run("config", "control-planes", "list").out();
    CtlRunner.Result switched = ctl.run("config", "control-planes", "switch", "--name", "a");
    String after = ctl.run("config", "control-planes", "list").out();

    assertThat(before)
        .containsPattern("(?m)^\\*\\s+b\\s+http://b:1$")
        .containsPattern("(?m)^\\s+a\\s+http://a:1$");
    assertThat(switched.code()).isZero();
    assertThat(after).containsPattern("(?m)^\\*\\s+a\\s+http://a:1$");
  }

  @Test
  void switch_unknownName_failsListingKnownOnes() {
    ctl.connectedTo(stub);

    CtlRunner.Result result = ctl.run("config", "control-planes", "switch", "--name", "nope");

    assertThat(result.code()).isEqualTo(ExitCodes.FAILED);
    assertThat(result.err()).contains("\"nope\"").contains("stub");
  }

  @Test
  void view_contextWithToken_masksTheToken() {
    ctl.connectedTo(stub);

    CtlRunner.Result result = ctl.run("config", "view");

    assertThat(result.out())
        .contains(stub.address())
        .contains("***")
        .doesNotContain("secret-token");
  }

  @Test
  void configOption_givenAfterTheSubcommand_wins() {
    Path other = home.resolve("other.yaml");

    ctl.run(
        "config",
        "control-planes",
        "add",
        "--name",
        "x",
        "--address",
        "http://x:1",
        "--skip-verify",
        "--config",
        other.toString());

    assertThat(other).exists();
    assertThat(ctl.config()).doesNotExist();
  }

  private static String[] append(String[] args, String extra) {
    String[] all = java.util.Arrays.copyOf(args, args.length + 1);
    all[args.length] = extra;
    return all;
  }
}
