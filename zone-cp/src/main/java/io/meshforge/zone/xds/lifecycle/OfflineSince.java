package io.meshforge.zone.xds.lifecycle;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * {@code OfflineSince} decides, from a proxy's {@code DataplaneInsight}, since when its Dataplane
 * counts as offline for the cleanup (ADR 0017), or that it does not count as offline at all.
 *
 * <p>The rules, in order:
 *
 * <ol>
 *   <li>a stream open on this instance: online;
 *   <li>no insight, or one without subscriptions: the proxy never connected (a Dataplane created
 *       through the REST API ahead of its proxy): never offline, never removed;
 *   <li>the latest subscription (by connect time) is still open and was opened by another instance:
 *       online there;
 *   <li>it is still open but was opened by this instance, which has no such stream (the close was
 *       never recorded): offline since the duty started;
 *   <li>else offline since its disconnect time, but never earlier than the duty started.
 * </ol>
 *
 * <p>"The duty started" is when this instance became the zone leader. Counting from it, not from
 * the recorded disconnect alone, means a zone-cp outage never counts towards the grace: proxies
 * could not reconnect while no instance ran, so after a restart they get the full grace to come
 * back instead of being removed in one sweep.
 */
final class OfflineSince {

  private OfflineSince() {}

  /**
   * Returns since when the Dataplane is offline, or empty when it is online or never connected.
   *
   * @param insight the spec of its {@code DataplaneInsight}, or {@code null} when there is none
   * @param connectedHere whether the proxy has a stream open on this instance
   * @param instanceId this instance's id, as the insight records it
   * @param dutyStarted when this instance became the leader
   */
  static Optional<Instant> of(
      JsonNode insight, boolean connectedHere, String instanceId, Instant dutyStarted) {
    Objects.requireNonNull(dutyStarted, "dutyStarted");
    if (connectedHere || insight == null) {
      return Optional.empty();
    }
    JsonNode latest = latest(insight.path("subscriptions"));
    if (latest == null) {
      return Optional.empty();
    }
    Instant disconnected = time(latest.path("disconnectTime"));
    if (disconnected == null) {
      boolean ours = instanceId.equals(latest.path("controlPlaneInstanceId").asString(""));
      return ours ? Optional.of(dutyStarted) : Optional.empty();
    }
    return Optional.of(disconnected.isAfter(dutyStarted) ? disconnected : dutyStarted);
  }

  /** The subscription with the latest connect time; the last one listed on a tie or no times. */
  private static JsonNode latest(JsonNode subscriptions) {
    JsonNode latest = null;
    Instant latestConnect = Instant.MIN;
    for (JsonNode subscription : subscriptions) {
      Instant connect = time(subscription.path("connectTime"));
      Instant at = connect == null ? Instant.MIN : connect;
      if (latest == null || !at.isBefore(latestConnect)) {
        latest = subscription;
        latestConnect = at;
      }
    }
    return latest;
  }

  private static Instant time(JsonNode node) {
    if (!node.isString()) {
      return null;
    }
    try {
      return Instant.parse(node.asString());
    } catch (DateTimeParseException e) {
      return null; // an unreadable time is no evidence of a disconnect
    }
  }
}
