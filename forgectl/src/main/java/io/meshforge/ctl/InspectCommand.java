package io.meshforge.ctl;

import io.meshforge.model.ResourceType;
import io.meshforge.model.ResourceTypes;
import java.time.Clock;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/** {@code forgectl inspect zones|dataplanes|meshes|dataplane NAME}: resources with their health. */
@Command(
    name = "inspect",
    description = "Shows resources with their status.",
    subcommands = {
      InspectCommand.Zones.class,
      InspectCommand.Dataplanes.class,
      InspectCommand.Meshes.class,
      InspectCommand.Dataplane.class
    })
final class InspectCommand extends CommandGroup {
  private static final Ages AGES = new Ages(Clock.systemUTC());

  /** {@code inspect zones}: each zone with its KDS connection ({@code /zones/_overview}). */
  @Command(name = "zones", description = "Zones and their connection to global.")
  static final class Zones extends CtlCommand {
    @Option(
        names = {"-o", "--output"},
        defaultValue = "table",
        description = "table, yaml or json.")
    OutputFormat output;

    @Override
    void run() {
      ApiClient client = client();
      String what = "listing zone overviews";
      JsonNode page = parse(client.require(client.get("/zones/_overview?size=1000"), what), what);
      if (output != OutputFormat.table) {
        printTree(page, output);
        return;
      }
      Table table =
          new Table(
              "NAME",
              "STATUS",
              "LAST CONNECTED AGO",
              "LAST UPDATED AGO",
              "TOTAL UPDATES",
              "TOTAL ERRORS",
              "ZONE-CP VERSION");
      for (JsonNode item : page.path("items")) {
        InsightColumns insight = new InsightColumns(item.path("zoneInsight"));
        String state = item.path("state").asString("");
        table.row(
            item.path("name").asString(""),
            state.isEmpty() ? insight.status() : state,
            AGES.since(insight.connectTime()),
            AGES.since(insight.lastUpdateTime()),
            Long.toString(insight.totalUpdates()),
            Long.toString(insight.totalErrors()),
            insight.last().path("version").path("kumaCp").path("version").asString(""));
      }
      table.print(out());
    }
  }

  /** {@code inspect dataplanes}: dataplanes of a mesh with their xDS connection. */
  @Command(name = "dataplanes", description = "Dataplanes of a mesh and their connection.")
  static final class Dataplanes extends CtlCommand {
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

    @Override
    void run() {
      ApiClient client = client();
      String what = "listing dataplane overviews in mesh \"" + mesh + "\"";
      String path = "/meshes/" + ResourcePaths.segment(mesh) + "/dataplanes/_overview?size=1000";
      JsonNode page = parse(client.require(client.get(path), what), what);
      if (output != OutputFormat.table) {
        printTree(page, output);
        return;
      }
      Table table =
          new Table(
              "MESH",
              "NAME",
              "STATUS",
              "LAST CONNECTED AGO",
              "LAST UPDATED AGO",
              "TOTAL UPDATES",
              "TOTAL ERRORS",
              "CERT REGENERATED AGO",
              "CERT EXPIRATION",
              "CERT REGENERATIONS",
              "CERT BACKEND",
              "FORGE-DP VERSION",
              "ENVOY VERSION");
      for (JsonNode item : page.path("items")) {
        JsonNode insight = item.path("dataplaneInsight");
        InsightColumns columns = new InsightColumns(insight);
        JsonNode version = columns.last().path("version");
        JsonNode mtls = insight.path("mTLS");
        table.row(
            item.path("mesh").asString(mesh),
            item.path("name").asString(""),
            columns.status(),
            AGES.since(columns.connectTime()),
            AGES.since(columns.lastUpdateTime()),
            Long.toString(columns.totalUpdates()),
            Long.toString(columns.totalErrors()),
            AGES.since(mtls.path("lastCertificateRegeneration").asString("")),
            mtls.path("certificateExpirationTime").asString(""),
            mtls.has("certificateRegenerations")
                ? Long.toString(mtls.path("certificateRegenerations").asLong())
                : "",
            mtls.path("issuedBackend").asString(""),
            version.path("kumaDp").path("version").asString(""),
            version.path("envoy").path("version").asString(""));
      }
      table.print(out());
    }
  }

  /** {@code inspect meshes}: each mesh with its dataplane and policy counts. */
  @Command(name = "meshes", description = "Meshes with their dataplane and policy counts.")
  static final class Meshes extends CtlCommand {
    @Option(
        names = {"-o", "--output"},
        defaultValue = "table",
        description = "table, yaml or json.")
    OutputFormat output;

    @Override
    void run() {
      ApiClient client = client();
      JsonNode meshes =
          parse(client.require(client.get("/meshes?size=1000"), "listing meshes"), "meshes");
      var overview = JSON.createObjectNode();
      var items = overview.putArray("items");
      Table table = new Table("MESH", "DATAPLANES", "POLICIES");
      for (JsonNode mesh : meshes.path("items")) {
        String name = mesh.path("name").asString("");
        long dataplanes = total(client, ResourceTypes.DATAPLANE, name);
        Map<String, Long> policies = new TreeMap<>();
        long allPolicies = 0;
        for (ResourceType policy : ResourceTypes.policies()) {
          long count = total(client, policy, name);
          allPolicies += count;
          if (count > 0) {
            policies.put(policy.name(), count);
          }
        }
        var item = items.addObject();
        item.put("mesh", name);
        item.put("dataplanes", dataplanes);
        item.put("policies", allPolicies);
        var byType = item.putObject("policiesByType");
        policies.forEach(byType::put);
        table.row(name, Long.toString(dataplanes), Long.toString(allPolicies));
      }
      overview.put("total", items.size());
      if (output == OutputFormat.table) {
        table.print(out());
      } else {
        printTree(overview, output);
      }
    }

    private static long total(ApiClient client, ResourceType type, String mesh) {
      String what = "counting " + type.path() + " in mesh \"" + mesh + "\"";
      return parse(
              client.require(client.get(ResourcePaths.list(type, mesh) + "?size=1"), what), what)
          .path("total")
          .asLong(0);
    }
  }

  /** {@code inspect dataplane NAME --type policies|config-dump|stats|clusters}. */
  @Command(name = "dataplane", description = "What the control plane knows of one dataplane.")
  static final class Dataplane extends CtlCommand {
    /** What {@code --type} may ask for, and the path segment serving it. */
    enum InspectType {
      policies("_policies"),
      config_dump("xds"),
      stats("stats"),
      clusters("clusters");

      private final String segment;

      InspectType(String segment) {
        this.segment = segment;
      }

      static InspectType parse(String value) {
        for (InspectType type : values()) {
          if (type.name().replace('_', '-').equals(value)) {
            return type;
          }
        }
        throw new CtlException(
            "--type must be one of policies, config-dump, stats, clusters; got \"" + value + "\"");
      }
    }

    @Parameters(index = "0", paramLabel = "NAME", description = "Dataplane name.")
    String name;

    @Option(
        names = {"-m", "--mesh"},
        defaultValue = "default",
        description = "Mesh (default: default).")
    String mesh;

    @Option(
        names = "--type",
        defaultValue = "policies",
        description = "policies (default), config-dump, stats or clusters.")
    String type;

    @Option(
        names = {"-o", "--output"},
        defaultValue = "yaml",
        description = "For policies: yaml (default) or json.")
    OutputFormat output;

    @Override
    void run() {
      InspectType inspected = InspectType.parse(type);
      ApiClient client = client();
      String path =
          ResourcePaths.item(ResourceTypes.DATAPLANE, mesh, name) + "/" + inspected.segment;
      String what =
          "inspecting "
              + ResourcePaths.describe(ResourceTypes.DATAPLANE, mesh, name)
              + " ("
              + type
              + ")";
      ApiAnswer answer = client.require(client.get(path), what);
      switch (inspected) {
        case policies ->
            printTree(
                parse(answer, what), output == OutputFormat.json ? output : OutputFormat.yaml);
        case config_dump -> out().println(CODEC.toJson(parse(answer, what)));
        case stats, clusters ->
            out().print(answer.body().endsWith("\n") ? answer.body() : answer.body() + "\n");
      }
    }
  }
}
