package io.meshforge.e2e;

import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/**
 * What one control plane holds in one mesh, reduced to what the tests write: {@code
 * <Type>/<owner>/<display name>} → the number the test put in the spec (a MeshTimeout's connection
 * timeout in seconds, a MeshService's or Dataplane's first port). The owner is {@code global} or
 * the zone that wrote it, so copies compare equal to their originals across stores.
 */
final class StoreView {
  static final String TIMEOUTS = "meshtimeouts";
  static final String SERVICES = "meshservices";
  static final String DATAPLANES = "dataplanes";

  private StoreView() {}

  /** Reads the three types of the tests from {@code api}. */
  static Map<String, Integer> read(Api api, String mesh) {
    Map<String, Integer> view = new TreeMap<>();
    for (JsonNode r : Rest.list(api, mesh, TIMEOUTS)) {
      view.put(key("MeshTimeout", r), seconds(r));
    }
    for (JsonNode r : Rest.list(api, mesh, SERVICES)) {
      if (generated(r)) {
        continue;
      }
      view.put(key("MeshService", r), r.path("spec").path("ports").path(0).path("port").asInt());
    }
    for (JsonNode r : Rest.list(api, mesh, DATAPLANES)) {
      view.put(
          key("Dataplane", r), r.path("networking").path("inbound").path(0).path("port").asInt());
    }
    return view;
  }

  /**
   * Whether a zone generated this MeshService from its Dataplanes' {@code kuma.io/service} tags:
   * derived data (it follows the Dataplanes the view already holds), not something a test wrote.
   */
  private static boolean generated(JsonNode meshService) {
    return "meshservice-generator"
        .equals(meshService.path("labels").path("kuma.io/managed-by").asString(""));
  }

  /** Identity → modification time of every MeshTimeout (for churn checks). */
  static Map<String, String> timeoutModificationTimes(Api api, String mesh) {
    Map<String, String> times = new TreeMap<>();
    for (JsonNode r : Rest.list(api, mesh, TIMEOUTS)) {
      times.put(key("MeshTimeout", r), r.path("modificationTime").asString());
    }
    return times;
  }

  static String key(String type, String owner, String displayName) {
    return type + "/" + owner + "/" + displayName;
  }

  private static String key(String type, JsonNode resource) {
    return key(type, Rest.owner(resource), Rest.displayName(resource));
  }

  private static int seconds(JsonNode timeout) {
    String text =
        timeout
            .path("spec")
            .path("to")
            .path(0)
            .path("default")
            .path("connectionTimeout")
            .asString();
    return text.endsWith("s") ? Integer.parseInt(text.substring(0, text.length() - 1)) : -1;
  }
}
