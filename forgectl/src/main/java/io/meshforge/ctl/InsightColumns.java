package io.meshforge.ctl;

import tools.jackson.databind.JsonNode;

/**
 * {@code InsightColumns} reads the columns kumactl shows from an insight's {@code subscriptions} (a
 * ZoneInsight's KDS connections or a DataplaneInsight's xDS connections): the newest one tells when
 * the peer connected and last got an update; counts are summed over all of them.
 */
final class InsightColumns {
  private final JsonNode subscriptions;

  /** Columns of an insight ({@code zoneInsight} or {@code dataplaneInsight} node). */
  InsightColumns(JsonNode insight) {
    this.subscriptions = insight.path("subscriptions");
  }

  /** The newest subscription, or a missing node. */
  JsonNode last() {
    return subscriptions.isArray() && !subscriptions.isEmpty()
        ? subscriptions.get(subscriptions.size() - 1)
        : subscriptions.path(0);
  }

  /** Online when the newest subscription is still open. */
  String status() {
    JsonNode last = last();
    return !last.isMissingNode() && last.path("disconnectTime").asString("").isEmpty()
        ? "Online"
        : "Offline";
  }

  String connectTime() {
    return last().path("connectTime").asString("");
  }

  String lastUpdateTime() {
    return last().path("status").path("lastUpdateTime").asString("");
  }

  long totalUpdates() {
    return sum("responsesSent");
  }

  long totalErrors() {
    return sum("responsesRejected");
  }

  private long sum(String counter) {
    long total = 0;
    for (JsonNode subscription : subscriptions) {
      total += subscription.path("status").path("total").path(counter).asLong(0);
    }
    return total;
  }
}
