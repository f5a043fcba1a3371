package io.meshforge.rest.inspect;

import tools.jackson.databind.JsonNode;

/**
 * {@code ProxyConnection} reads whether a proxy is connected from its insight (DataplaneInsight,
 * ZoneIngressInsight, ZoneEgressInsight): the one rule every overview and count applies, so they
 * agree.
 */
public final class ProxyConnection {

  private ProxyConnection() {}

  /** Online while the newest subscription (the last one recorded) has not disconnected. */
  public static boolean online(JsonNode insightSpec) {
    JsonNode subscriptions = insightSpec.path("subscriptions");
    if (!subscriptions.isArray() || subscriptions.isEmpty()) {
      return false;
    }
    JsonNode last = subscriptions.get(subscriptions.size() - 1);
    return last.path("disconnectTime").asString("").isEmpty();
  }
}
