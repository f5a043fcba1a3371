package io.meshforge.e2e;

import io.meshforge.local.GlobalNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads of the Kuma-style REST API, in the shapes the assertions need. */
final class Rest {
  static final JsonMapper JSON = JsonMapper.builder().build();
  static final String ORIGIN = "kuma.io/origin";
  static final String ZONE = "kuma.io/zone";
  static final String DISPLAY_NAME = "kuma.io/display-name";

  private Rest() {}

  /** Zone name → Online/Offline; empty while global does not answer. */
  static Map<String, String> zoneStates(GlobalNode global) {
    try {
      return global.zoneStates();
    } catch (IllegalStateException e) {
      return new TreeMap<>();
    }
  }

  /** {@code /zones/<zone>/_overview}, or an empty object while global does not answer. */
  static JsonNode zoneOverview(GlobalNode global, String zone) {
    try {
      String body = global.get("/zones/" + zone + "/_overview");
      return body == null ? JSON.createObjectNode() : JSON.readTree(body);
    } catch (IllegalStateException e) {
      return JSON.createObjectNode();
    }
  }

  /** Global's Prometheus metrics text, or empty while it does not answer. */
  static String metrics(GlobalNode global) {
    try {
      java.net.http.HttpResponse<String> answer =
          java.net.http.HttpClient.newHttpClient()
              .send(
                  java.net.http.HttpRequest.newBuilder(
                          java.net.URI.create(global.diagnosticsUrl() + "/metrics"))
                      .build(),
                  java.net.http.HttpResponse.BodyHandlers.ofString());
      return answer.statusCode() == 200 ? answer.body() : "";
    } catch (java.io.IOException e) {
      return "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }

  /** Subscriptions of the zone's insight that have no disconnect time. */
  static List<JsonNode> liveSubscriptions(GlobalNode global, String zone) {
    List<JsonNode> live = new ArrayList<>();
    for (JsonNode sub : zoneOverview(global, zone).path("zoneInsight").path("subscriptions")) {
      if (!sub.has("disconnectTime")) {
        live.add(sub);
      }
    }
    return live;
  }

  /**
   * Every resource of a type in a mesh ({@code /meshes/<mesh>/<path>}). Throws when the CP does not
   * answer 200, so an await retries instead of seeing an empty list.
   */
  static List<JsonNode> list(Api api, String mesh, String path) {
    List<JsonNode> all = new ArrayList<>();
    String next = "/meshes/" + mesh + "/" + path + "?size=1000";
    for (int page = 0; next != null && page < 20; page++) {
      String body = api.get(next);
      if (body == null) {
        throw new IllegalStateException(api.name() + ": " + next + " did not answer 200");
      }
      JsonNode json = JSON.readTree(body);
      json.path("items").forEach(all::add);
      JsonNode link = json.path("next");
      next = link.isString() && !link.asString().isEmpty() ? relative(link.asString()) : null;
    }
    return all;
  }

  /** The resource with this display name (label, else name) and origin, if present. */
  static Optional<JsonNode> find(Api api, String mesh, String path, String displayName) {
    return list(api, mesh, path).stream()
        .filter(r -> displayName.equals(displayName(r)))
        .findFirst();
  }

  static String label(JsonNode resource, String key) {
    JsonNode value = resource.path("labels").path(key);
    return value.isString() ? value.asString() : null;
  }

  /** {@code kuma.io/display-name}, else the name. */
  static String displayName(JsonNode resource) {
    String label = label(resource, DISPLAY_NAME);
    return label != null ? label : resource.path("name").asString();
  }

  /** {@code global} for global-origin (or unlabelled, on global), else the owning zone. */
  static String owner(JsonNode resource) {
    return "zone".equals(label(resource, ORIGIN)) ? label(resource, ZONE) : "global";
  }

  private static String relative(String link) {
    int path = link.indexOf("/meshes/");
    return path >= 0 ? link.substring(path) : link;
  }
}
