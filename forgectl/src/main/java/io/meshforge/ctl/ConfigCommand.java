package io.meshforge.ctl;

import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;

/** {@code forgectl config control-planes add|list|switch}: the control planes forgectl knows. */
@Command(
    name = "config",
    description = "Manages forgectl's config file.",
    subcommands = {ConfigCommand.ControlPlanes.class, ConfigCommand.View.class})
final class ConfigCommand extends CommandGroup {

  /** {@code config control-planes}. */
  @Command(
      name = "control-planes",
      description = "Adds, lists and switches between control planes.",
      subcommands = {Add.class, ListContexts.class, Switch.class})
  static final class ControlPlanes extends CommandGroup {}

  /** {@code config control-planes add}: registers a control plane and makes it current. */
  @Command(name = "add", description = "Adds a control plane and makes it the current one.")
  static final class Add extends CtlCommand {
    @Option(names = "--name", required = true, description = "Name of the context.")
    String name;

    @Option(
        names = "--address",
        required = true,
        description = "URL of the control plane's REST API, e.g. http://localhost:5681.")
    String address;

    @Option(
        names = "--auth-type",
        description = "How to authenticate: 'tokens' (a bearer token given with --auth-conf).")
    String authType;

    @Option(
        names = "--auth-conf",
        description = "Authentication settings, e.g. token=<the control plane's admin token>.")
    Map<String, String> authConf = Map.of();

    @Option(names = "--overwrite", description = "Replace a context of the same name.")
    boolean overwrite;

    @Option(
        names = "--skip-verify",
        description = "Do not check that the address answers as a MeshForge control plane.")
    boolean skipVerify;

    @Override
    void run() {
      String token = token();
      if (!address.startsWith("http://") && !address.startsWith("https://")) {
        throw new CtlException(
            "--address must be an http:// or https:// URL, got \"" + address + "\"");
      }
      ControlPlaneContext context = new ControlPlaneContext(name, address, token);
      ConfigFile file = root().configFile();
      CtlConfig next = file.load().withContext(context, overwrite);
      String described = skipVerify ? "" : " (" + verify(context) + ")";
      file.save(next);
      out()
          .println(
              "added control plane \""
                  + name
                  + "\" at "
                  + context.address()
                  + described
                  + "; it is now the current one");
    }

    private String token() {
      if (authType == null) {
        if (!authConf.isEmpty()) {
          throw new CtlException("--auth-conf needs --auth-type tokens");
        }
        return null;
      }
      if (!authType.equals("tokens")) {
        throw new CtlException("unsupported --auth-type \"" + authType + "\"; supported: tokens");
      }
      String token = authConf.get("token");
      if (token == null || token.isBlank()) {
        throw new CtlException("--auth-type tokens needs --auth-conf token=<token>");
      }
      return token.strip();
    }

    private String verify(ControlPlaneContext context) {
      ApiClient client = new ApiClient(context, java.time.Duration.ofSeconds(10));
      ApiAnswer answer =
          client.require(client.get("/"), "checking the control plane at " + context.address());
      JsonNode index;
      try {
        index = parse(answer, "checking the control plane at " + context.address());
      } catch (CtlException e) {
        index = null;
      }
      if (index == null || !index.path("mode").isString()) {
        throw new CtlException(
            context.address()
                + " does not answer as a MeshForge control plane (GET / has no mode); use"
                + " --skip-verify to add it anyway");
      }
      return index.path("product").asString("control plane")
          + " "
          + index.path("version").asString("")
          + ", mode "
          + index.path("mode").asString();
    }
  }

  /** {@code config control-planes list}. */
  @Command(name = "list", description = "Lists the control planes.")
  static final class ListContexts extends CtlCommand {
    @Override
    void run() {
      CtlConfig config = root().configFile().load();
      Table table = new Table("ACTIVE", "NAME", "ADDRESS");
      for (ControlPlaneContext context : config.contexts()) {
        boolean active = context.name().equals(config.currentContext());
        table.row(active ? "*" : " ", context.name(), context.address());
      }
      table.print(out());
    }
  }

  /** {@code config control-planes switch --name NAME}. */
  @Command(name = "switch", description = "Makes another control plane the current one.")
  static final class Switch extends CtlCommand {
    @Option(names = "--name", required = true, description = "Name of the context.")
    String name;

    @Override
    void run() {
      ConfigFile file = root().configFile();
      file.save(file.load().switchTo(name));
      out().println("switched to control plane \"" + name + "\"");
    }
  }

  /** {@code config view}: the config file with tokens masked. */
  @Command(name = "view", description = "Prints the config file, tokens masked.")
  static final class View extends CtlCommand {
    @Override
    void run() {
      CtlConfig config = root().configFile().load();
      var masked =
          new CtlConfig(
              config.contexts().stream()
                  .map(c ->
                      new ControlPlaneContext(
                          c.name(), c.address(), c.authToken() == null ? null : "***"))
                  .toList(),
              config.currentContext());
      out().print(CODEC.toYaml(JSON.valueToTree(masked)));
    }
  }
}
