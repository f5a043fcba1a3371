package io.meshforge.ctl;

import io.meshforge.model.ResourceType;
import io.meshforge.model.ResourceTypes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;

/**
 * {@code ResourceTable} lays out resources of one type (in Kuma's universal shape) as the table of
 * {@code forgectl get}: {@code NAME, AGE} for global-scoped types ({@code NAME, STATUS, AGE} for
 * zones, {@code NAME, MTLS, AGE} for meshes), {@code MESH, NAME, ...} for mesh-scoped ones, with
 * the target of a policy and the tags and address of a dataplane.
 */
final class ResourceTable {
  private final Ages ages;

  /** A layout measuring ages with {@code ages}. */
  ResourceTable(Ages ages) {
    this.ages = ages;
  }

  /**
   * Returns the table of {@code items}.
   *
   * @param zoneStates Online/Offline per zone name, used for zones (missing: {@code -})
   */
  Table of(ResourceType type, List<JsonNode> items, Map<String, String> zoneStates) {
    if (type.equals(ResourceTypes.ZONE)) {
      Table table = new Table("NAME", "STATUS", "AGE");
      items.forEach(i -> table.row(name(i), zoneStates.get(name(i)), age(i)));
      return table;
    }
    if (type.equals(ResourceTypes.MESH)) {
      Table table = new Table("NAME", "MTLS", "AGE");
      items.forEach(i -> table.row(name(i), mtls(i), age(i)));
      return table;
    }
    if (!type.meshScoped()) {
      Table table = new Table("NAME", "AGE");
      items.forEach(i -> table.row(name(i), age(i)));
      return table;
    }
    if (type.equals(ResourceTypes.DATAPLANE)) {
      Table table = new Table("MESH", "NAME", "TAGS", "ADDRESS", "AGE");
      items.forEach(i ->
          table.row(
              mesh(i),
              name(i),
              tags(i),
              i.path("networking").path("address").asString(""),
              age(i)));
      return table;
    }
    if (type.policy()) {
      Table table = new Table("MESH", "NAME", "TARGETREF", "AGE");
      items.forEach(i -> table.row(mesh(i), name(i), targetRef(i), age(i)));
      return table;
    }
    Table table = new Table("MESH", "NAME", "AGE");
    items.forEach(i -> table.row(mesh(i), name(i), age(i)));
    return table;
  }

  private String age(JsonNode item) {
    return ages.since(item.path("creationTime").asString(""));
  }

  private static String name(JsonNode item) {
    return item.path("name").asString("");
  }

  private static String mesh(JsonNode item) {
    return item.path("mesh").asString("");
  }

  private static String mtls(JsonNode mesh) {
    String backend = mesh.path("mtls").path("enabledBackend").asString("");
    return backend.isEmpty() ? "off" : backend;
  }

  private static String targetRef(JsonNode policy) {
    JsonNode ref = policy.path("spec").path("targetRef");
    if (ref.isMissingNode()) {
      return "Mesh";
    }
    String kind = ref.path("kind").asString("");
    String name = ref.path("name").asString("");
    return name.isEmpty() ? kind : kind + "/" + name;
  }

  /** The inbound tags of a dataplane, {@code k=v} sorted and comma-separated. */
  private static String tags(JsonNode dataplane) {
    TreeSet<String> tags = new TreeSet<>();
    List<JsonNode> sources = new ArrayList<>();
    dataplane.path("networking").path("inbound").forEach(sources::add);
    sources.add(dataplane.path("networking").path("gateway"));
    for (JsonNode source : sources) {
      for (Map.Entry<String, JsonNode> tag : source.path("tags").properties()) {
        tags.add(tag.getKey() + "=" + tag.getValue().asString(""));
      }
    }
    return String.join(",", tags);
  }
}
