package io.meshforge.ctl;

import io.meshforge.model.ResourceType;
import io.meshforge.model.ResourceTypes;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/**
 * {@code forgectl get TYPE [NAME]}: one resource or a page of them, as a table or in Kuma's
 * universal shape ({@code -o yaml|json}).
 */
@Command(
    name = "get",
    description =
        "Shows resources: 'get meshes', 'get mesh default', 'get meshtimeouts -m default'.")
final class GetCommand extends CtlCommand {
  @Parameters(
      index = "0",
      paramLabel = "TYPE",
      description = "Resource type (plural, singular or short name).")
  String typeName;

  @Parameters(
      index = "1",
      arity = "0..1",
      paramLabel = "NAME",
      description = "One resource's name.")
  String name;

  @Option(
      names = {"-m", "--mesh"},
      defaultValue = "default",
      description = "Mesh (default: default).")
  String mesh;

  @Option(
      names = {"-o", "--output"},
      defaultValue = "table",
      description = "table, yaml or json.")
  OutputFormat output;

  @Option(names = "--size", description = "Page size (the server's default when not given).")
  Integer size;

  @Option(names = "--offset", description = "Where the page starts (from a previous page).")
  String offset;

  @Override
  void run() {
    ResourceType type = TypeNames.resolve(typeName);
    ApiClient client = client();
    if (name != null) {
      String what = "getting " + ResourcePaths.describe(type, mesh, name);
      JsonNode resource =
          parse(client.require(client.get(ResourcePaths.item(type, mesh, name)), what), what);
      if (output == OutputFormat.table) {
        table(type, List.of(resource), client).print(out());
      } else {
        printTree(resource, output);
      }
      return;
    }
    String what = "listing " + type.path() + (type.meshScoped() ? " in mesh \"" + mesh + "\"" : "");
    JsonNode page =
        parse(client.require(client.get(ResourcePaths.list(type, mesh) + query()), what), what);
    if (output != OutputFormat.table) {
      printTree(page, output);
      return;
    }
    List<JsonNode> items = new ArrayList<>();
    page.path("items").forEach(items::add);
    table(type, items, client).print(out());
    String next = nextOffset(page.path("next").asString(""));
    if (next != null) {
      out().println();
      out()
          .println(
              "Rest of the list: forgectl get "
                  + type.path()
                  + (type.meshScoped() ? " --mesh " + mesh : "")
                  + (size != null ? " --size " + size : "")
                  + " --offset "
                  + next);
    }
  }

  private Table table(ResourceType type, List<JsonNode> items, ApiClient client) {
    Map<String, String> states = type.equals(ResourceTypes.ZONE) ? zoneStates(client) : Map.of();
    return new ResourceTable(new Ages(Clock.systemUTC())).of(type, items, states);
  }

  private String query() {
    List<String> params = new ArrayList<>();
    if (size != null) {
      params.add("size=" + size);
    }
    if (offset != null) {
      params.add("offset=" + ResourcePaths.segment(offset));
    }
    return params.isEmpty() ? "" : "?" + String.join("&", params);
  }

  /**
   * Online/Offline per zone from {@code /zones/_overview}; empty where it is not served (zones).
   */
  static Map<String, String> zoneStates(ApiClient client) {
    ApiAnswer answer = client.get("/zones/_overview?size=1000");
    Map<String, String> states = new HashMap<>();
    if (answer.ok()) {
      for (JsonNode item : parse(answer, "reading /zones/_overview").path("items")) {
        states.put(item.path("name").asString(""), item.path("state").asString(""));
      }
    }
    return states;
  }

  /** The {@code offset} query parameter of a {@code next} URL, or {@code null}. */
  static String nextOffset(String next) {
    if (next == null || next.isBlank()) {
      return null;
    }
    String query = URI.create(next).getQuery();
    if (query == null) {
      return null;
    }
    for (String pair : query.split("&")) {
      if (pair.startsWith("offset=")) {
        return pair.substring("offset=".length());
      }
    }
    return null;
  }
}
