package io.meshforge.ctl;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/** Runs forgectl in-process against a temporary home and config file. */
final class CtlRunner {
  /** What one run printed and returned. */
  record Result(int code, String out, String err) {}

  private final Path home;
  private final Path config;

  CtlRunner(Path home) {
    this.home = home;
    this.config = home.resolve("ctl-config.yaml");
  }

  Path config() {
    return config;
  }

  Result run(String... args) {
    return runWithInput("", args);
  }

  Result runWithInput(String stdin, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Invocation invocation =
        new Invocation(
            new PrintWriter(out),
            new PrintWriter(err),
            new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
            Map.of(Invocation.CONFIG_VARIABLE, config.toString()),
            home);
    int code = ForgeCtl.execute(invocation, args);
    return new Result(code, out.toString(), err.toString());
  }

  /** Adds {@code stub} as the current context with a token, without checking it. */
  CtlRunner connectedTo(StubControlPlane stub) {
    Result result =
        run(
            "config",
            "control-planes",
            "add",
            "--name",
            "stub",
            "--address",
            stub.address(),
            "--auth-type",
            "tokens",
            "--auth-conf",
            "token=secret-token",
            "--skip-verify");
    if (result.code() != 0) {
      throw new AssertionError(result.toString());
    }
    return this;
  }
}
