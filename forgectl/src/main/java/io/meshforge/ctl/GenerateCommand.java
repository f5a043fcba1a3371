package io.meshforge.ctl;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code forgectl generate zone-token|dataplane-token|user-token}: asks the control plane to issue
 * a token (the context needs the control plane's admin token) and prints it, alone, for redirecting
 * into a file.
 */
@Command(
    name = "generate",
    description = "Issues tokens.",
    subcommands = {
      GenerateCommand.ZoneToken.class,
      GenerateCommand.DataplaneToken.class,
      GenerateCommand.UserToken.class
    })
final class GenerateCommand extends CommandGroup {

  /** {@code generate zone-token --zone Z [--valid-for D]}, on global. */
  @Command(name = "zone-token", description = "A token a zone control plane presents to global.")
  static final class ZoneToken extends CtlCommand {
    @Option(names = "--zone", required = true, description = "The zone's name.")
    String zone;

    @Option(
        names = "--valid-for",
        description = "How long it is valid, e.g. 720h (default: the server's).")
    String validFor;

    @Override
    void run() {
      ObjectNode body = JSON.createObjectNode().put("zone", zone);
      if (validFor != null) {
        body.put("validFor", validFor);
      }
      ApiClient client = client();
      ApiAnswer answer =
          client.require(
              client.post("/tokens/zone", body), "generating a token for zone \"" + zone + "\"");
      out().println(answer.body().strip());
    }
  }

  /**
   * {@code generate dataplane-token --mesh M [--name N] [--tag k=v]... [--valid-for D]}, on a zone.
   */
  @Command(
      name = "dataplane-token",
      description = "A token a dataplane presents to its zone control plane.")
  static final class DataplaneToken extends CtlCommand {
    @Option(
        names = {"-m", "--mesh"},
        defaultValue = "default",
        description = "Mesh (default: default).")
    String mesh;

    @Option(names = "--name", description = "The Dataplane's name (any name when not given).")
    String name;

    @Option(
        names = "--tag",
        description =
            "A tag the Dataplane must have: --tag kuma.io/service=web (repeatable; values of one key accumulate).")
    List<String> tags = new ArrayList<>();

    @Option(
        names = "--valid-for",
        description = "How long it is valid, e.g. 24h (default: the server's).")
    String validFor;

    @Override
    void run() {
      ObjectNode body = JSON.createObjectNode().put("mesh", mesh);
      if (name != null) {
        body.put("name", name);
      }
      Map<String, List<String>> allowed = new LinkedHashMap<>();
      for (String tag : tags) {
        int equals = tag.indexOf('=');
        if (equals <= 0) {
          throw new CtlException("--tag must be KEY=VALUE, got \"" + tag + "\"");
        }
        allowed
            .computeIfAbsent(tag.substring(0, equals), k -> new ArrayList<>())
            .add(tag.substring(equals + 1));
      }
      if (!allowed.isEmpty()) {
        ObjectNode tagNode = body.putObject("tags");
        allowed.forEach((key, values) -> values.forEach(tagNode.withArray(key)::add));
      }
      if (validFor != null) {
        body.put("validFor", validFor);
      }
      ApiClient client = client();
      ApiAnswer answer =
          client.require(
              client.post("/tokens/dataplane", body),
              "generating a dataplane token in mesh \"" + mesh + "\"");
      out().println(answer.body().strip());
    }
  }

  /** {@code generate user-token --name N [--group G]... [--valid-for D]}, on either CP. */
  @Command(
      name = "user-token",
      description =
          "A token a user presents to this control plane's API (group mesh-system:admin: admin).")
  static final class UserToken extends CtlCommand {
    @Option(names = "--name", required = true, description = "Who the token is for.")
    String name;

    @Option(names = "--group", description = "A group of the user (repeatable).")
    List<String> groups = new ArrayList<>();

    @Option(names = "--valid-for", description = "How long it is valid, e.g. 24h (default 24h).")
    String validFor;

    @Override
    void run() {
      ObjectNode body = JSON.createObjectNode().put("name", name);
      groups.forEach(body.putArray("groups")::add);
      if (validFor != null) {
        body.put("validFor", validFor);
      }
      ApiClient client = client();
      ApiAnswer answer =
          client.require(
              client.post("/tokens/user", body), "generating a user token for \"" + name + "\"");
      out().println(answer.body().strip());
    }
  }
}
