package io.meshforge.ctl;

import io.meshforge.model.codec.ResourceCodec;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code CtlCommand} is the base of forgectl's leaf commands: it reaches the root's {@link
 * Invocation}, config file and API client, parses answers and prints trees as YAML or JSON.
 */
abstract class CtlCommand implements Callable<Integer> {
  static final JsonMapper JSON = JsonMapper.builder().build();
  static final ResourceCodec CODEC = new ResourceCodec();

  @Spec CommandSpec spec;

  @Override
  public final Integer call() {
    run();
    out().flush();
    return ExitCodes.OK;
  }

  /** Does the command's work; throws {@link CtlException} for anything the user must fix. */
  abstract void run();

  ForgeCtl root() {
    return (ForgeCtl) spec.root().userObject();
  }

  PrintWriter out() {
    return root().invocation().out();
  }

  ApiClient client() {
    return root().client();
  }

  /** Parses a JSON answer of the API. */
  static JsonNode parse(ApiAnswer answer, String what) {
    try {
      return JSON.readTree(answer.body());
    } catch (JacksonException e) {
      throw new CtlException(what + ": the control plane answered something that is not JSON", e);
    }
  }

  /** Prints {@code tree} as YAML or JSON. */
  void printTree(JsonNode tree, OutputFormat format) {
    if (format == OutputFormat.json) {
      out().println(CODEC.toJson(tree));
    } else {
      out().print(CODEC.toYaml(tree));
    }
  }
}
