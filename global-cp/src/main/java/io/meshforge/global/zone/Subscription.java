package io.meshforge.global.zone;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code Subscription} is one GlobalToZone stream of a zone as recorded in its {@code ZoneInsight}
 * (Kuma's {@code KDSSubscription}): connect and disconnect times, the global instance serving it,
 * the zone CP's version and config, and per-type counters in both directions.
 *
 * <p>Guarded by its own monitor: counters are bumped from gRPC threads and read by the flusher.
 */
final class Subscription {

  private final String id;
  private final String globalInstanceId;
  private final Instant connectTime;
  private final String zoneVersion;
  private final String zoneConfig;
  private final Map<String, long[]> downstream = new TreeMap<>();
  private final Map<String, long[]> upstream = new TreeMap<>();
  private Instant disconnectTime;
  private Instant lastUpdate;

  Subscription(
      String id,
      String globalInstanceId,
      Instant connectTime,
      String zoneVersion,
      String zoneConfig) {
    this.id = id;
    this.globalInstanceId = globalInstanceId;
    this.connectTime = connectTime;
    this.zoneVersion = zoneVersion;
    this.zoneConfig = zoneConfig;
    this.lastUpdate = connectTime;
  }

  String id() {
    return id;
  }

  synchronized boolean open() {
    return disconnectTime == null;
  }

  /** Counts into {@code [0]} sent/received, {@code [1]} ACKed, {@code [2]} NACKed. */
  synchronized void count(boolean down, String type, int slot, Instant now) {
    (down ? downstream : upstream).computeIfAbsent(type, t -> new long[3])[slot]++;
    lastUpdate = now;
  }

  synchronized void close(Instant now) {
    if (disconnectTime == null) {
      disconnectTime = now;
    }
  }

  /** Returns the subscription as stored in {@code ZoneInsight.subscriptions[]}. */
  synchronized ObjectNode toJson() {
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode json = f.objectNode();
    json.put("id", id);
    json.put("globalInstanceId", globalInstanceId);
    json.put("connectTime", connectTime.toString());
    if (disconnectTime != null) {
      json.put("disconnectTime", disconnectTime.toString());
    }
    ObjectNode status = json.putObject("status");
    status.put("lastUpdateTime", lastUpdate.toString());
    status.set("total", stats(sum(downstream)));
    ObjectNode stat = status.putObject("stat");
    downstream.forEach((type, c) -> stat.set(type, stats(c)));
    ObjectNode received = status.putObject("zoneToGlobal");
    upstream.forEach((type, c) -> received.set(type, received(c)));
    json.putObject("version").putObject("kumaCp").put("version", zoneVersion);
    json.put("config", zoneConfig);
    json.put("authTokenProvided", true);
    return json;
  }

  private static long[] sum(Map<String, long[]> counters) {
    long[] total = new long[3];
    counters
        .values()
        .forEach(c -> {
          for (int i = 0; i < 3; i++) {
            total[i] += c[i];
          }
        });
    return total;
  }

  private static ObjectNode stats(long[] c) {
    ObjectNode json = JsonNodeFactory.instance.objectNode();
    json.put("responsesSent", c[0]);
    json.put("responsesAcknowledged", c[1]);
    json.put("responsesRejected", c[2]);
    return json;
  }

  private static ObjectNode received(long[] c) {
    ObjectNode json = JsonNodeFactory.instance.objectNode();
    json.put("responsesReceived", c[0]);
    json.put("responsesAcknowledged", c[1]);
    json.put("responsesRejected", c[2]);
    return json;
  }
}
