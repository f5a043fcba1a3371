package io.meshforge.model.spec;

import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * {@code ZoneInsightSpec} is the schema of a {@code ZoneInsight} (inline fields), written by the
 * global control plane only.
 *
 * <p>Permissive on purpose: each subscription is kept as written ({@link JsonNode}); the KDS module
 * owns their shape (connect/disconnect times, per-type counters, versions).
 *
 * @param subscriptions one entry per KDS connection of the zone (permissive)
 * @param healthCheck the last heartbeat
 * @param authenticationType how the zone authenticated
 */
public record ZoneInsightSpec(
    List<JsonNode> subscriptions, HealthCheck healthCheck, String authenticationType) {

  /**
   * The zone's last heartbeat.
   *
   * @param time when it was received, RFC 3339
   */
  public record HealthCheck(String time) {}
}
