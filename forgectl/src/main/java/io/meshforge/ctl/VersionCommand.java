package io.meshforge.ctl;

import picocli.CommandLine.Command;
import tools.jackson.databind.JsonNode;

/**
 * {@code forgectl version}: the client's version and, when a control plane is configured and
 * answers, the server's. An unreachable server is reported, not a failure: the command is used to
 * diagnose exactly that.
 */
@Command(name = "version", description = "Prints the client's and the control plane's versions.")
final class VersionCommand extends CtlCommand {
  @Override
  void run() {
    out().println("Client: forgectl " + CtlVersion.version());
    CtlConfig config = root().configFile().load();
    if (config.currentContext() == null) {
      return;
    }
    try {
      ApiClient client = client();
      JsonNode index = parse(client.require(client.get("/"), "asking for the version"), "version");
      out()
          .println(
              "Server: "
                  + index.path("product").asString("?")
                  + " "
                  + index.path("version").asString("?")
                  + " (mode "
                  + index.path("mode").asString("?")
                  + ", context \""
                  + client.context().name()
                  + "\")");
    } catch (CtlException e) {
      out().println("Server: unknown (" + e.getMessage() + ")");
    }
  }
}
